// Jobs in parallel threads, each with its own runtime; cancel from a
// second thread interrupts a script that never returns; per-call timeout.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const work = tempDir("bq-jobs-");
const sanitized = /asan|tsan/.test(process.env.BQ_BUILD ?? "");

test("eight jobs in parallel back up and restore independently", () => {
  const src = join(work, "src");
  makeTree(src, { bigBytes: 2 << 20 });
  const expected = describeTree(src);
  const archive = join(work, "p.bar");
  const backup = runSim(["--jobs", "8", "backup", "--fileset-plugin",
                         pluginString("test-fileset", `path=${src}`), "--archive", archive]);
  assert.ok(sane(backup), backup.stderr);
  assert.is(backup.jobs.length, 8);
  for (const job of backup.jobs) assert.is(job.status, "T", messages(job).join("\n"));
  const where = join(work, "r");
  const restore = runSim(["--jobs", "8", "restore", "--archive", archive, "--where", where]);
  assert.ok(sane(restore), restore.stderr);
  for (const job of restore.jobs) assert.is(job.status, "T", messages(job).join("\n"));
  for (let i = 1; i <= 8; i++)
    assert.equal(diffTrees(expected, describeTree(join(where, String(i), src))), [], `job ${i}`);
});

test("cancel interrupts a script stuck in an endless loop", () => {
  const result = runSim(["backup", "--fileset-plugin", pluginString("misbehave", "loop=read"),
                         "--archive", join(work, "cancel.bar"), "--cancel-after", "1"],
                        { timeout: 60_000 });
  assert.ok(sane(result), result.stderr);
  const text = messages(result.jobs[0]).join("\n");
  assert.is(result.jobs[0].status, "A", text);
  assert.match(text, /interrupted by job cancel/, text);
  assert.is(result.jobs[0].fds_after, result.jobs[0].fds_before);
});

test("a cancel that lands just before a call still ends a looping script", () => {
  const result = runSim(["backup", "--fileset-plugin", pluginString("misbehave", "loop=read"),
                         "--archive", join(work, "early.bar"), "--cancel-after", "1",
                         "--cancel-early"], { timeout: 60_000 });
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "A", messages(result.jobs[0]).join("\n"));
  assert.match(messages(result.jobs[0]).join("\n"), /interrupted by job cancel/);
});

test("cancel ends a script blocked in a pipe read, and every descriptor is closed", () => {
  const result = runSim(["backup", "--fileset-plugin", pluginString("misbehave", "block=read"),
                         "--archive", join(work, "blocked.bar"), "--cancel-after", "1"],
                        { timeout: 60_000 });
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  assert.is(job.status, "A", messages(job).join("\n"));
  assert.is(job.fds_after, job.fds_before);
});

test("a script that allocates without bound fails its job with the limit named", () => {
  const result = runSim(["--repeat", "3", "backup", "--fileset-plugin",
                         pluginString("misbehave", "alloc=1:memory_limit=32M"),
                         "--archive", join(work, "oom.bar")], { timeout: 120_000 });
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "f");
  assert.match(messages(result.jobs[0]).join("\n"),
               /start_backup_file\(\) failed: out of memory: the script reached memory_limit \(32 MiB\)/);
  // The memory of a job's runtime goes back once the job is over.
  if (!sanitized) {
    const [first, , last] = result.report.rss_kib;
    assert.ok(last - first < 4096, `resident memory grew from ${first} to ${last} KiB`);
  }
});

test("a runtime made ahead with its modules loaded is still the next job's own", () => {
  const result = runSim(["--debug", "200", "--repeat", "3", "backup", "--fileset-plugin",
                         pluginString("ahead-probe"), "--archive", join(work, "ahead.bar")]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.report.failed_rounds, 0);
  for (const module of ["bareosfd", "bareos:os", "qjs:std"])
    assert.match(result.stderr, `runtime made ahead with ${module} loaded`);
  const text = messages(result.jobs[0]).join("\n");
  assert.match(text, 'probe ahead {"packet":null,"function":null,"os":null,"std":null,"global":null}');
});

test("deep recursion on a 256 KiB thread stack is a RangeError, not a crash", () => {
  const result = runSim(["--stack-size", "256", "backup", "--fileset-plugin",
                         pluginString("misbehave", "recurse=1"), "--archive", join(work, "deep.bar")]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "f");
  assert.match(messages(result.jobs[0]).join("\n"), /RangeError: Maximum call stack size exceeded/);
});

test("1000 consecutive jobs in one daemon keep its memory flat", () => {
  if (sanitized) return; // sanitizers hold freed memory on purpose
  const result = runSim(["--repeat", "1000", "backup", "--fileset-plugin", pluginString("misbehave"),
                         "--archive", join(work, "many.bar")], { timeout: 300_000 });
  assert.ok(sane(result), result.stderr);
  assert.is(result.report.failed_rounds, 0);
  const rss = result.report.rss_kib;
  assert.ok(rss[999] - rss[9] <= 2048, `resident memory grew from ${rss[9]} to ${rss[999]} KiB`);
});

test("a call that exceeds timeout= fails the job", () => {
  const result = runSim(["backup", "--fileset-plugin",
                         pluginString("misbehave", "loop=read:timeout=1"),
                         "--archive", join(work, "timeout.bar")], { timeout: 60_000 });
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "f");
  assert.match(messages(result.jobs[0]).join("\n"),
               /plugin_io\(\): interrupted after the call timeout of 1 s/);
});

test("a job that never names the plugin leaves it untouched", () => {
  const result = runSim(["--trace", "backup", "--fileset-plugin", "other:x=1",
                         "--archive", join(work, "other.bar")]);
  assert.ok(sane(result), result.stderr);
  const trace = result.jobs[0].trace.join("\n");
  assert.match(trace, /newPlugin/);
  assert.not.match(trace, /startBackupFile/);
});

test.after(() => cleanup(work));
test.run();
