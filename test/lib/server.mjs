// The database or directory servers the suites back up: started, or a
// failing test; stopped when the tests end.
import { test } from "uvu";
import * as assert from "uvu/assert";

/**
 * The started server, or null and a failing test that says how to get one:
 * a server that is not installed or does not start is never a skip.
 */
export async function serverOrFailure(what, start) {
  try {
    return await start();
  } catch (e) {
    test(`${what} for the tests starts`, () => assert.unreachable(e.message));
    return null;
  }
}

// Servers still running when the tests end (or are interrupted), with the
// method that stops one without waiting.
const running = new Map();
function stopAll() {
  for (const [server, method] of running) server[method]();
}
process.on("exit", stopAll);
for (const [signal, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]])
  process.on(signal, () => { stopAll(); process.exit(128 + number); });

/** server[method]() runs when the tests end, unless forgetAtExit(server) came first. */
export function stopAtExit(server, method = "stop") {
  running.set(server, method);
}

export function forgetAtExit(server) {
  running.delete(server);
}
