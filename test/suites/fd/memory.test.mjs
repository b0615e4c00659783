// The memory limits protect the daemon whatever the admin wrote and the
// script does: sizes parse strictly and stay within the machine, every way
// of running out of memory names the limit it hit, jobs together stop at
// daemon_memory_limit, and an allocation the system refuses says so.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { spawnSync } from "node:child_process";
import { totalmem } from "node:os";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, build, sim, pluginDir } from "../../lib/sim.mjs";

const work = tempDir("bq-memory-");
let n = 0;
const backup = (options, extra = []) =>
  runSim([...extra, "backup", "--fileset-plugin", pluginString("misbehave", options), "--archive", join(work, `${n++}.bar`)],
         { timeout: 120_000 });

function failsWith(result, pattern) {
  assert.ok(sane(result), result.stderr);
  for (const job of result.jobs) {
    const text = messages(job).join("\n");
    assert.not.equal(job.status, "T", text);
    assert.match(text, pattern);
  }
}

const sizes = [
  ["33554432", /memory_limit=33554432 is 32 TiB \(a plain number is MiB\), more than this machine's memory \(/],
  ["64MB", /memory_limit=64MB is not a size: give MiB as a plain number, or a number with K, M, G or T/],
  ["lots", /memory_limit=lots is not a size/],
  ["0", /memory_limit=0 is not a size/],
  ["1.5G", /memory_limit=1.5G is not a size/],
  ["64 M", /memory_limit=64 M is not a size/],
  ["-1", /memory_limit=-1 is not a size/],
  ["512K", /memory_limit=512K is 512 KiB, less than the 2 MiB a runtime needs to load a bundle/],
  ["99T", /memory_limit=99T is 99 TiB, more than this machine's memory/],
];
for (const [value, pattern] of sizes)
  test(`memory_limit=${value} is refused before the job starts`, () => failsWith(backup(`memory_limit=${value}`), pattern));

test("sizes with a unit, with or without iB, are taken", () => {
  for (const value of ["64", "64M", "64MiB", "65536K", "65536KiB", "1G", "1GiB"]) {
    const result = backup(`memory_limit=${value}:daemon_memory_limit=2G`);
    assert.ok(sane(result), result.stderr);
    assert.is(result.jobs[0].status, "T", `${value}: ${messages(result.jobs[0]).join("\n")}`);
  }
});

test("daemon_memory_limit is checked like memory_limit", () =>
  failsWith(backup("daemon_memory_limit=999T"), /daemon_memory_limit=999T is 999 TiB, more than this machine's memory/));

for (const kind of ["objects", "strings", "array", "promises", "native", "typed", "json"]) {
  test(`running out of memory with ${kind} names memory_limit`, () =>
    failsWith(backup(`oom=${kind}:memory_limit=16M`),
              /start_backup_file\(\) failed: out of memory: the script reached memory_limit \(16 MiB\)/));
}

test("running out of memory while the module loads names memory_limit", () => {
  const modules = join(work, "modules");
  fs.mkdirSync(modules, { recursive: true });
  fs.writeFileSync(join(modules, "greedy.js"),
                   "const a = [];\nfor (;;) a.push({ n: a.length });\nexport const load_bareos_plugin = () => 0;\n" +
                   "export const parse_plugin_definition = () => 0;\n");
  failsWith(runSim(["backup", "--fileset-plugin", pluginString("greedy", "memory_limit=16M", modules),
                    "--archive", join(work, "greedy.bar")]),
            /out of memory: the script reached memory_limit \(16 MiB\)/);
});

test("jobs that together pass daemon_memory_limit fail with it named, and the daemon lives on", () => {
  // Four jobs each hold 40 MiB for a second, within their memory_limit; the
  // daemon's JavaScript may hold 100 MiB in all.
  const result = backup("hold=40:memory_limit=64M:daemon_memory_limit=100M", ["--jobs", "4"]);
  assert.ok(sane(result), result.stderr);
  const failed = result.jobs.filter((j) => j.status !== "T");
  assert.ok(failed.length >= 1 && failed.length <= 3, result.jobs.map((j) => j.status).join(""));
  for (const job of failed)
    assert.match(messages(job).join("\n"), /out of memory: the JavaScript of all jobs of this daemon reached daemon_memory_limit \(100 MiB; this job held \d+/);
});

// Only in the plain build: the sanitizers reserve more address space than this leaves.
const plainBuild = !/asan|tsan/.test(build);
if (plainBuild) test("an allocation the system refuses below the limit is the system's failure", () => {
  const limit = Math.floor(totalmem() / 2 ** 30) >= 2 ? "2G" : "1G";
  const report = join(work, "refused.json");
  const r = spawnSync("/bin/sh", ["-c", `ulimit -v 600000; exec "$@"`, "sh", sim, "--plugin-dir", pluginDir,
                                  "--report", report, "backup", "--fileset-plugin",
                                  pluginString("misbehave", `oom=typed:memory_limit=${limit}`),
                                  "--archive", join(work, "refused.bar")], { encoding: "utf8", timeout: 120_000 });
  assert.is(r.signal, null, r.stderr);
  const job = JSON.parse(fs.readFileSync(report, "utf8")).jobs[0];
  assert.is(job.status, "f");
  assert.match(messages(job).join("\n"),
               new RegExp(`out of memory: the system refused \\d+ bytes while the script held [\\d.]+ [KMG]iB of its memory_limit \\(${limit[0]} GiB\\)`));
});

test.after(() => cleanup(work));
test.run();
