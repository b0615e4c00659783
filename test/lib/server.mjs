// The database or directory server a suite backs up.
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
