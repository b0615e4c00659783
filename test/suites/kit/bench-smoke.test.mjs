// A short `make bench` (--smoke: small data, one repetition) so that the
// benchmark itself keeps working; its numbers are not judged here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";

test("make bench --smoke measures every row", () => {
  const r = spawnSync(process.execPath, [join(root, "test/bench/run.mjs"), "--smoke"],
                      { encoding: "utf8", timeout: 120_000 });
  assert.is(r.status, 0, r.stdout + r.stderr);
  const results = JSON.parse(readFileSync(join(root, "build/bench/results.json"), "utf8"));
  const ids = results.rows.map((row) => row.id);
  assert.equal(ids, ["1a", "1b", "1c", "1d", "2a", "2b", "3a", "3b", "4", "7a", "7b", "9a", "9b", "10a", "10b", "11a", "11b", "5a", "5b", "6-fd", "6-sd", "6-dir", "8a", "8b"]);
  for (const row of results.rows) assert.ok(Number.isFinite(row.median) && row.median > 0, row.id);
  assert.match(readFileSync(join(root, "build/bench/results.md"), "utf8"), /\| 1b \|.*\| (PASS|MISS) \|/);
});

test.run();
