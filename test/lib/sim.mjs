// Runs the simulated file daemon (build/bin/bareos-fd-sim, or the ASan
// build when BQ_BUILD=build/asan) and returns its JSON report.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import * as assert from "uvu/assert";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(new URL("../..", import.meta.url).pathname);
export const build = resolve(root, process.env.BQ_BUILD ?? "build");
export const sim = join(build, "bin/bareos-fd-sim");
const sims = { fd: sim, sd: join(build, "bin/bareos-sd-sim"), dir: join(build, "bin/bareos-dir-sim") };
export const pluginDir = join(build, "lib");
export const testPlugins = join(root, "test/plugins/js");

export function tempDir(prefix = "bq-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir) {
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

/** A plugin string for a module in test/plugins/js. */
export function pluginString(module, options = "", dir = testPlugins) {
  return `quickjs:module_path=${dir}:module_name=${module}${options ? `:${options}` : ""}`;
}

/** Runs `bareos-<daemon>-sim <args>`; returns { status, report, jobs, stdout, stderr }. */
export function runSim(args, { timeout = 300_000, env = {}, daemon = "fd" } = {}) {
  const dir = tempDir("bq-report-");
  const reportPath = join(dir, "report.json");
  const r = spawnSync(sims[daemon], ["--plugin-dir", pluginDir, "--report", reportPath, ...args], {
    encoding: "utf8",
    timeout,
    maxBuffer: 256 << 20,
    env: { ...process.env, ASAN_OPTIONS: "detect_leaks=1:abort_on_error=0",
           TSAN_OPTIONS: "halt_on_error=0", ...env },
  });
  let report = null;
  if (existsSync(reportPath)) report = JSON.parse(readFileSync(reportPath, "utf8"));
  cleanup(dir);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, report,
           jobs: report?.jobs ?? [] };
}

/** Job messages of a job as "[M_TYPE] text" lines. */
export function messages(job) {
  return job.messages.map((m) => `[${m.type}] ${m.text}`);
}

/** The daemon survived and printed no sanitizer report. */
export function sane(result) {
  const bad = /ERROR: (Address|Leak|Undefined)Sanitizer|WARNING: ThreadSanitizer|runtime error:|Segmentation fault/;
  return result.signal === null && !bad.test(result.stderr ?? "");
}

/**
 * Runs one job in workingDir and checks that, whatever happened, it left
 * nothing behind: no descriptors, child processes or files in the working
 * directory, and not `secret` (a password) in its log.
 */
export function tidyJob(workingDir, args, { secret } = {}) {
  const result = runSim(["--working-dir", workingDir, ...args]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs.length, 1, result.stdout + result.stderr);
  const job = result.jobs[0];
  assert.is(job.fds_after, job.fds_before, "descriptors left open");
  assert.is(job.children_after, 0, "child processes left");
  assert.equal(readdirSync(workingDir), [], "temporary files left");
  if (secret) assert.not.match(messages(job).join("\n"), secret, "the password is in the job log");
  return job;
}
