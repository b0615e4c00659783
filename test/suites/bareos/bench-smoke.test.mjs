// A short `make bench-bareos` (--smoke: small data, one round) so that the
// real-daemon benchmark keeps working; its numbers are not judged here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withBareos, root } from "./lib/suite.mjs";

withBareos("make bench-bareos --smoke measures every kind on both data sets", () => {
  const r = spawnSync(process.execPath, [join(root, "test/bench/bareos.mjs"), "--smoke"],
                      { encoding: "utf8", timeout: 300_000 });
  assert.is(r.status, 0, r.stdout + r.stderr);
  const results = JSON.parse(readFileSync(join(root, "build/bench/bareos-smoke.json"), "utf8"));
  const kinds = ["native", "python-io", "python-core", "quickjs-io", "quickjs-core"];
  assert.equal(results.rows.map((row) => `${row.data} ${row.kind}`),
               ["big", "small"].flatMap((data) => kinds.map((kind) => `${data} ${kind}`)));
  for (const row of results.rows) {
    assert.ok(row.wall > 0 && Number.isFinite(row.wallRatio), `${row.data} ${row.kind}`);
    assert.is(row.files, results.rows.find((n) => n.data === row.data && n.kind === "native").files);
  }
});

test.run();
