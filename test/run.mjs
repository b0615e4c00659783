// Runs every suite (C unit tests and uvu suites), each against the plain
// build and the ASan+UBSan build, and ends with "N passed, N failed".
import { spawnSync } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

// ThreadSanitizer runs the suites about threads: parallel jobs, cancel from
// another thread, director events hopping threads.
const variants = [
  { name: "plain", dir: "build" },
  { name: "asan", dir: "build/asan" },
  { name: "tsan", dir: "build/tsan", only: /jobs\.test\.mjs$/ },
];
const only = process.argv.slice(2);
const suitesIn = (dir) => readdirSync(dir)
  .filter((f) => f.endsWith(".test.mjs"))
  .map((f) => join(dir, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
// test/fd and test/sd-dir run in the simulated daemons, once per build
// variant; test/ts is the TypeScript kit under Node, once.
const daemonSuites = [...suitesIn("test/fd"), ...suitesIn("test/sd-dir")];
const kitSuites = suitesIn("test/ts");

let passed = 0;
let failed = 0;

function count(output) {
  // uvu: "Total:     N" / "Passed:    N"; our C tests: "N passed, N failed".
  const total = /Total:\s+(\d+)/.exec(output);
  const ok = /Passed:\s+(\d+)/.exec(output);
  const skipped = /Skipped:\s+(\d+)/.exec(output);
  if (total && ok) {
    const t = +total[1], p = +ok[1], s = skipped ? +skipped[1] : 0;
    return { passed: p, failed: t - p - s };
  }
  const plain = /^(\d+) passed, (\d+) failed$/m.exec(output);
  if (plain) return { passed: +plain[1], failed: +plain[2] };
  return null;
}

function run(label, cmd, args, env) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8",
                                   maxBuffer: 64 << 20 });
  const output = (r.stdout ?? "") + (r.stderr ?? "");
  let c = count(output);
  if (!c || r.status !== 0) {
    if (!c) c = { passed: 0, failed: 1 };
    else if (c.failed === 0) c.failed = 1; // crashed after its tests, or leaked
    process.stdout.write(output.replace(/\x1b\[[0-9;]*m/g, ""));
  }
  passed += c.passed;
  failed += c.failed;
  console.log(`${c.failed ? "FAIL" : "ok  "} ${label}: ${c.passed} passed, ${c.failed} failed`);
}

for (const suite of kitSuites) run(`[node] ${suite}`, process.execPath, [suite], {});
for (const v of variants) {
  const unit = join(v.dir, "test/unit-tests");
  if (only.length === 0 && !v.only && existsSync(unit)) run(`[${v.name}] unit`, unit, [], {});
  for (const suite of daemonSuites.filter((f) => !v.only || v.only.test(f)))
    run(`[${v.name}] ${suite}`, process.execPath, [suite], { BQ_BUILD: v.dir });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
