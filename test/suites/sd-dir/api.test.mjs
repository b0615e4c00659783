// bareossd and bareosdir from inside the simulated daemons: every function,
// constant group and variable, events with their values, SetValue, and
// instance= (the typings against the runtime: fd/surface.test.mjs).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSim, pluginString, messages, sane } from "../../lib/sim.mjs";

function probes(job) {
  const out = {};
  for (const m of job.messages) {
    const match = /probe (\S+) (.*)$/s.exec(m.text);
    if (match) (out[match[1]] ??= []).push(JSON.parse(match[2]));
  }
  return out;
}

const sdRun = runSim(["backup", "--plugin-options", pluginString("sd-probe", "x=1"), "--volume",
                      "Full-0001", "--device", "FileStorage", "--jobid", "7"], { daemon: "sd" });
const sdJob = sdRun.jobs[0];
const sd = sdJob ? probes(sdJob) : {};

const dirRun = runSim(["backup", "--plugin-options", pluginString("dir-probe"), "--jobid", "9",
                       "--files", "12", "--bytes", "3456", "--new-volume"], { daemon: "dir" });
const dirJob = dirRun.jobs[0];
const d = dirJob ? probes(dirJob) : {};

test("the probes' jobs succeed", () => {
  assert.ok(sane(sdRun) && sane(dirRun), sdRun.stderr + dirRun.stderr);
  assert.is(sdJob.status, "T", messages(sdJob).join("\n"));
  assert.is(dirJob.status, "T", messages(dirJob).join("\n"));
});

test("bareossd has Python's functions and constant groups", () => {
  const m = sd.module[0];
  for (const f of ["GetValue", "SetValue", "DebugMessage", "JobMessage", "RegisterEvents",
                   "UnRegisterEvents", "GetInstanceCount"]) assert.is(m[f], "function", f);
  for (const g of ["bRCs", "bJobMessageType", "bsdVariable", "bsdwVariable", "bsdEventType"])
    assert.is(m[g], "dict", g);
  const dicts = sd.dicts[0];
  assert.is(Object.keys(dicts.bsdVariable).length, 16);
  assert.is(dicts.bsdVariable.bsdVarPluginDir, 16);
  assert.equal(dicts.bsdwVariable, { bsdwVarJobReport: 1, bsdwVarVolumeName: 2, bsdwVarPriority: 3,
                                     bsdwVarJobLevel: 4 });
  assert.is(Object.keys(dicts.bsdEventType).length, 24);
  assert.is(dicts.bsdEventType.bsdEventChangerUnlock, 24);
});

test("bareosdir has Python's functions and constant groups", () => {
  const m = d.module[0];
  for (const f of ["GetValue", "SetValue", "DebugMessage", "JobMessage", "RegisterEvents",
                   "UnRegisterEvents", "GetInstanceCount"]) assert.is(m[f], "function", f);
  const dicts = d.dicts[0];
  assert.is(Object.keys(dicts.bDirVariable).length, 27);
  assert.is(dicts.bDirVariable.bDirVarReadBytes, 27);
  assert.is(Object.keys(dicts.bDirEventType).length, 11);
  assert.is(dicts.bDirEventType.bDirEventNewPluginOptions, 11);
});

test("all 24 storage daemon events are registrable and arrive with their values", () => {
  assert.equal(sd.register[0], { all: 0, invalid: 2, unregister: 0 });
  const events = sd.event.map(([e]) => e);
  for (const e of [1, 6, 12, 5, 7, 4, 8, 9, 18, 20, 21, 13, 11, 2]) assert.ok(events.includes(e), `event ${e}: ${events}`);
  assert.equal(sd.event[0], [1, "JobStart"]);
  assert.ok(sd.event.slice(1).every(([, v]) => v === null));
});

test("storage daemon variables, before and after a device is attached", () => {
  const load = sd.load_values[0];
  assert.is(load.bsdVarJobId, 7);
  assert.is(load.bsdVarLevel, "F".charCodeAt(0));
  assert.type(load.bsdVarJobName, "string");
  assert.type(load.bsdVarPluginDir, "string");
  assert.is(load.bsdVarVolumeName, null);
  const dev = sd.device_values[0];
  assert.is(dev.bsdVarVolumeName, "Full-0001");
  assert.is(dev.bsdVarStorage, "FileStorage");
  assert.type(dev.bsdVarJobBytes, "number");
  assert.type(dev.bsdVarMediaType, "string");
});

test("SetValue returns bRC_OK when the daemon took the value", () => {
  assert.equal(sd.setvalue[0], { volume: 0, volumeAfter: "probe-vol-0001", priority: 0, level: 0,
                                 levelAfter: "I", unknown: 2 });
  assert.is(sdRun.jobs[0].values.volume, "probe-vol-0001");
  assert.equal(d.setvalue[0], { volume: 0, priority: 0, priorityAfter: 5, level: 0, unknown: 2 });
});

test("director variables at the end of a job", () => {
  const v = d.end_values[0];
  assert.is(v.bDirVarJobId, 9);
  assert.is(v.bDirVarJobFiles, 12);
  assert.is(v.bDirVarJobBytes, 3456);
  assert.is(v.bDirVarCatalogRes, null);
  assert.is(v.bDirVarType, "B".charCodeAt(0));
  for (const s of ["bDirVarJob", "bDirVarClient", "bDirVarPool", "bDirVarStorage", "bDirVarCatalog",
                   "bDirVarJobName", "bDirVarPluginDir"]) assert.type(v[s], "string", s);
  assert.equal(d.event.map(([e]) => e), [1, 3, 4, 6, 2]);
});

test("instance= creates a second, independent instance", () => {
  const run = runSim(["backup", "--plugin-options", pluginString("dir-probe", "tag=zero"),
                      "--plugin-options", pluginString("dir-probe", "instance=1:tag=one")],
                     { daemon: "dir" });
  assert.ok(sane(run), run.stderr);
  const job = run.jobs[0];
  assert.is(job.status, "T", messages(job).join("\n"));
  const defs = probes(job).definition;
  assert.equal(defs.sort(), ["tag=one:", "tag=zero:"]);
  // Each instance loaded its own module and saw every event itself.
  assert.is(probes(job).module.length, 2);
  assert.is(probes(job).event.filter(([e]) => e === 2).length, 2);
});

test.run();
