// Runs every suite and ends with "N passed, N failed": the kit's suites
// under Node; make install into scratch directories; the C unit tests and the simulated-daemon suites against the
// plain, the ASan+UBSan and (for threads) the TSan build; then the suites in
// the real Bareos daemons, side by side, when a Bareos is found.
//   node test/run.mjs [--only kit|install|sim|bareos] [substring ...]
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { bareosHere } from "./suites/bareos/lib/suite.mjs";
import { startPostgres } from "./lib/postgres.mjs";

// ThreadSanitizer runs the suites about threads: parallel jobs, cancel from
// another thread, director events hopping threads.
const variants = [
  { name: "plain", dir: "build" },
  { name: "asan", dir: "build/asan" },
  { name: "tsan", dir: "build/tsan", only: /jobs\.test\.mjs$/ },
];
const args = process.argv.slice(2);
const group = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const only = args.filter((a, i) => a !== "--only" && args[i - 1] !== "--only");
const wanted = (name) => group === null || group === name;
const suitesIn = (dir) => readdirSync(dir)
  .filter((f) => f.endsWith(".test.mjs"))
  .map((f) => join(dir, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
// test/suites/fd and sd-dir run in the simulated daemons, once per build
// variant; kit is the TypeScript kit under Node, once; install make install
// and uninstall; bareos in the real daemons with the plain build, the
// plugins as shipped.
const suites = (name) => suitesIn(join("test/suites", name));
const daemonSuites = [...suites("fd"), ...suites("sd-dir")];
const kitSuites = suites("kit");
const installSuites = suites("install");
const bareosSuites = suites("bareos");

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

function record(label, status, output, seconds) {
  let c = count(output);
  if (!c || status !== 0) {
    if (!c) c = { passed: 0, failed: 1 };
    else if (c.failed === 0) c.failed = 1; // crashed after its tests, or leaked
    process.stdout.write(output.replace(/\x1b\[[0-9;]*m/g, ""));
  }
  passed += c.passed;
  failed += c.failed;
  const time = seconds === undefined ? "" : ` (${seconds.toFixed(0)} s)`;
  console.log(`${c.failed ? "FAIL" : "ok  "} ${label}: ${c.passed} passed, ${c.failed} failed${time}`);
}

function run(label, cmd, cmdArgs, env) {
  const r = spawnSync(cmd, cmdArgs, { env: { ...process.env, ...env }, encoding: "utf8",
                                      maxBuffer: 64 << 20 });
  record(label, r.status, (r.stdout ?? "") + (r.stderr ?? ""));
}

function runAsync(cmd, cmdArgs, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, cmdArgs, { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (status) => resolve({ status, output, seconds: (Date.now() - started) / 1000 }));
  });
}

if (wanted("kit")) for (const suite of kitSuites) run(`[node] ${suite}`, process.execPath, [suite], {});
if (wanted("install")) for (const suite of installSuites) run(`[node] ${suite}`, process.execPath, [suite], {});
if (wanted("sim")) {
  for (const v of variants) {
    const unit = join(v.dir, "test/unit-tests");
    if (only.length === 0 && !v.only && existsSync(unit)) run(`[${v.name}] unit`, unit, [], {});
    for (const suite of daemonSuites.filter((f) => !v.only || v.only.test(f)))
      run(`[${v.name}] ${suite}`, process.execPath, [suite], { BQ_BUILD: v.dir });
  }
}

// The real daemons mostly wait for each other (a failed job holds the
// director for its connection timeouts): the suites run side by side, each
// with daemons and a catalog database of its own in one PostgreSQL server.
if (wanted("bareos") && bareosSuites.length) {
  const bareos = bareosHere();
  if (bareos.skip) {
    console.log(`skipped: the real-daemon suites (${bareosSuites.length}): ${bareos.skip}`);
  } else {
    const pg = await startPostgres();
    const env = { BQ_PG_HOST: pg.host, BQ_PG_PORT: String(pg.port), BQ_PG_BIN: pg.bin };
    const results = await Promise.all(bareosSuites.map((suite) => runAsync(process.execPath, [suite], env)));
    results.forEach((r, i) => record(`[bareos ${bareos.kind}] ${bareosSuites[i]}`, r.status, r.output, r.seconds));
    pg.stop();
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
