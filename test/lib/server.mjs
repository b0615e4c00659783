// The database or directory servers the suites back up: started, or a
// failing test; on free ports; stopped when the tests end.
import { createServer } from "node:net";
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

/** A TCP port on 127.0.0.1 nobody listens on now. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
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
