// The director and storage daemon plugins in real job sequences: four
// concurrent director jobs whose events hop between threads, the runtime
// made ahead for the next job, the job-report and volume-events plugins,
// and bad options, modules and scripts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, root } from "../../lib/sim.mjs";

const plugins = join(root, "build/plugins");
const work = tempDir("bq-sd-dir-");

function probeEvents(job) {
  return job.messages.filter((m) => m.text.includes("probe event ")).map((m) =>
    JSON.parse(/probe event (.*)$/.exec(m.text)[1]));
}

test("four concurrent director jobs each see only their own job", () => {
  const run = runSim(["--jobs", "4", "--thread-hop", "backup", "--job-name", "Parallel",
                      "--plugin-options", pluginString("dir-probe", "spin=1")], { daemon: "dir" });
  assert.ok(sane(run), run.stderr);
  assert.is(run.jobs.length, 4);
  const names = new Set();
  for (const job of run.jobs) {
    assert.is(job.status, "T", messages(job).join("\n"));
    const events = probeEvents(job);
    assert.equal(events.map(([e]) => e), [1, 3, 4, 2]);
    for (const [, , seen] of events) assert.is(seen, job.job);
    names.add(job.job);
  }
  assert.is(names.size, 4);
});

test("bareos-dir-job-report writes one JSON line per job", () => {
  const file = join(work, "jobs.jsonl");
  const options = pluginString("bareos-dir-job-report", `file=${file}`, plugins);
  const backup = runSim(["backup", "--plugin-options", options, "--job-name", "Nightly",
                         "--jobid", "21", "--level", "I", "--files", "120", "--bytes", "4096000",
                         "--client", "web-fd"], { daemon: "dir" });
  const restore = runSim(["restore", "--plugin-options", options, "--job-name", "RestoreFiles",
                          "--jobid", "22", "--files", "3", "--bytes", "300"], { daemon: "dir" });
  for (const run of [backup, restore]) {
    assert.ok(sane(run), run.stderr);
    assert.is(run.jobs[0].status, "T", messages(run.jobs[0]).join("\n"));
  }
  const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.is(lines.length, 2);
  const [b, r] = lines;
  assert.is(b.job, backup.jobs[0].job);
  assert.equal([b.jobid, b.level, b.type, b.status, b.files, b.bytes, b.errors, b.client],
               [21, "I", "B", "T", 120, 4096000, 0, "web-fd"]);
  assert.type(b.duration, "number");
  assert.ok(b.rate > 0);
  assert.ok(Date.parse(b.end) >= Date.parse(b.start));
  assert.equal([r.jobid, r.type, r.files, r.bytes], [22, "R", 3, 300]);
});

test("bareos-dir-job-report pipes the line to a command", () => {
  const out = join(work, "piped.jsonl");
  const run = runSim(["backup", "--plugin-options",
                      pluginString("bareos-dir-job-report", `command=cat > ${out}`, plugins),
                      "--jobid", "5"], { daemon: "dir" });
  assert.is(run.jobs[0].status, "T", messages(run.jobs[0]).join("\n"));
  assert.is(JSON.parse(fs.readFileSync(out, "utf8")).jobid, 5);
  const failing = runSim(["backup", "--plugin-options",
                          pluginString("bareos-dir-job-report", "command=exit 3", plugins)],
                         { daemon: "dir" });
  assert.ok(sane(failing), failing.stderr);
  assert.is(failing.jobs[0].status, "T");
  assert.match(messages(failing.jobs[0]).join("\n"), /job report not delivered: exit 3 exited with status 3/);
});

test("the next job gets a runtime with bareossd / bareosdir loaded ahead, and the same module", () => {
  for (const [daemon, module] of [["sd", "bareossd"], ["dir", "bareosdir"]]) {
    const run = runSim(["--debug", "200", "--jobs", "2", "--sequential", "backup",
                        "--plugin-options", pluginString(`${daemon}-probe`)], { daemon });
    assert.ok(sane(run), run.stderr);
    for (const job of run.jobs) assert.is(job.status, "T", messages(job).join("\n"));
    assert.match(run.stderr, `runtime made ahead with ${module} loaded`);
    const moduleProbe = (job) => messages(job).find((m) => m.includes("probe module"));
    const [first, second] = run.jobs;
    assert.ok(moduleProbe(first), messages(first).join("\n"));
    assert.is(moduleProbe(second), moduleProbe(first));
  }
});

test("bareos-sd-volume-events logs device events and warns after max_errors", () => {
  const log = join(work, "volumes.jsonl");
  const run = runSim(["backup", "--plugin-options",
                      pluginString("bareos-sd-volume-events", `log=${log}:max_errors=2`, plugins),
                      "--volume", "Full-0007", "--device", "Tape1", "--label", "--write-errors", "3"],
                     { daemon: "sd" });
  assert.ok(sane(run), run.stderr);
  const entries = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const events = entries.map((e) => e.event);
  for (const e of ["VolumeLoad", "DeviceOpen", "DeviceMount", "LabelRead", "LabelVerified",
                   "LabelWrite", "WriteError", "DeviceUnmount", "DeviceClose", "VolumeUnload"])
    assert.ok(events.includes(e), `${e} in ${events}`);
  const open = entries.find((e) => e.event === "DeviceOpen");
  assert.equal([open.volume, open.device, open.job], ["Full-0007", "Tape1", run.jobs[0].job]);
  const warnings = messages(run.jobs[0]).filter((m) => m.includes("read/write errors on device"));
  assert.equal(warnings, ["[M_WARNING] quickjs-sd: 2 read/write errors on device Tape1, volume Full-0007"]);
});

const bad = [
  ["dir", "a key without a value", "quickjs:module_name=dir-probe:oops", /illegal argument "oops" without value/],
  ["dir", "a missing module", pluginString("no-such-module"), /cannot load module .*no-such-module\.js/],
  ["sd", "a module name with a path", pluginString("../plugins/sd-probe"), /must be a plain file name/],
  ["dir", "a script that throws", pluginString("dir-probe", "throw_in=3"),
   /handle_plugin_event\(\) failed: Error: probe fails in event 3\n\s+at handle_plugin_event/],
  ["sd", "a plugin missing a mandatory option",
   pluginString("bareos-sd-volume-events", "", join(root, "build/plugins")), /mandatory option log is missing/],
  ["dir", "a plugin missing its options",
   pluginString("bareos-dir-job-report", "", join(root, "build/plugins")), /needs file=<path> or command=<program>/],
];
for (const [daemon, name, options, pattern] of bad) {
  test(`${daemon}: ${name} fails the job with a clear message`, () => {
    const run = runSim(["backup", "--plugin-options", options], { daemon });
    assert.ok(sane(run), run.stderr);
    const job = run.jobs[0];
    assert.not.equal(job.status, "T");
    assert.match(messages(job).join("\n"), pattern);
  });
}

test("events before the module is named cost nothing and succeed", () => {
  const run = runSim(["--trace", "backup"], { daemon: "sd" });
  assert.ok(sane(run), run.stderr);
  assert.is(run.jobs[0].status, "T");
  assert.not.match(run.jobs[0].trace.join("\n"), /handlePluginEvent 1 /);
});

test.after(() => cleanup(work));
test.run();
