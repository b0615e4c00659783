// The director and storage daemon plugins in real jobs: bareos-dir-job-report
// writes one JSON line per job that matches the job's catalog row, and
// bareos-sd-volume-events logs the devices and volumes the job used; then 8
// such jobs at once, each with its own line and its own events. Plugins
// that refuse their options fail their jobs at once, with the catalog
// saying so: their messages are held until the director's JobInit and the
// storage daemon's DeviceOpen (earlier ones leave the director's job record
// "created" forever, and make bareos-sd 25.1 crash or wait ten minutes).
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins, root } from "./lib/suite.mjs";

const data = join(root, "build/test-bareos/sd-dir/data");
const files = join(data, "files");
const report = join(data, "jobs.jsonl");
const volumeLog = join(data, "volumes.jsonl");
// Written by options files named relative to each daemon's config directory.
const reportFromDefaults = join(data, "jobs-from-defaults.jsonl");
const volumeLogFromDefaults = join(data, "volumes-from-defaults.jsonl");

const it = realDaemons({
  name: "sd-dir",
  sdPlugins: ["quickjs"],
  dirPlugins: ["quickjs"],
  filesets: [{ Name: "files", Include: { Options: { Signature: "XXH128" }, File: files } }],
  jobs: [{
    Name: "reported", FileSet: "files",
    "Dir Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-dir-job-report:file=${report}`,
    "SD Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-sd-volume-events:log=${volumeLog}`,
  }, {
    Name: "from-defaults", FileSet: "files",
    "Dir Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-dir-job-report:defaults_file=job-report.ini`,
    "SD Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-sd-volume-events:defaults_file=volume-events.ini`,
  }, {
    Name: "sd-refuses", FileSet: "files",
    "SD Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-sd-volume-events`,
  }, {
    Name: "dir-refuses", FileSet: "files",
    "Dir Plugin Options": `quickjs:module_path=${plugins}:module_name=bareos-dir-job-report`,
  }],
}, (bareos) => {
  fs.writeFileSync(join(bareos.dir, "job-report.ini"), `file=${reportFromDefaults}\n`);
  fs.writeFileSync(join(bareos.dir, "volume-events.ini"), `log=${volumeLogFromDefaults}\n`);
  fs.mkdirSync(files, { recursive: true });
  for (let i = 0; i < 20; i++) fs.writeFileSync(join(files, `f${i}`), Buffer.alloc(10_000 * (i + 1), i));
});

const jsonLines = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : []);

function checkJob(bareos, job, lines, events) {
  assertStatus(job, "T");
  const mine = lines.filter((l) => l.jobid === job.jobid);
  assert.is(mine.length, 1, `report lines of job ${job.jobid}: ${JSON.stringify(lines)}`);
  const [line] = mine;
  assert.equal([line.job, line.type, line.level, line.status, line.files, line.bytes, line.errors, line.client],
               [job.job, job.type, job.level, job.status, job.files, job.bytes, job.errors, "bq-fd"]);
  assert.ok(Date.parse(line.end) >= Date.parse(line.start), JSON.stringify(line));
  const seen = events.filter((e) => e.jobid === job.jobid);
  assert.ok(seen.every((e) => e.job === job.job), JSON.stringify(seen));
  const volumes = bareos.catalog.volumes(job.jobid);
  assert.is(volumes.length, 1, `volumes of job ${job.jobid}: ${volumes}`);
  assert.ok(seen.some((e) => e.volume === volumes[0]), `no event names ${volumes[0]}: ${JSON.stringify(seen)}`);
  const kinds = new Set(seen.map((e) => e.event));
  for (const kind of ["DeviceOpen", "DeviceClose"]) assert.ok(kinds.has(kind), `${kind} missing: ${[...kinds]}`);
}

it("a job's report line matches its catalog row; the volume log names its volume", async (bareos) => {
  const job = await bareos.job("reported");
  assert.is(job.files, 21);
  checkJob(bareos, job, jsonLines(report), jsonLines(volumeLog));
});

it("options files named relative to the director's and the storage daemon's config directories", async (bareos) => {
  const job = await bareos.job("from-defaults");
  checkJob(bareos, job, jsonLines(reportFromDefaults), jsonLines(volumeLogFromDefaults));
});

it("8 jobs at once: each has its own report line and volume events", async (bareos) => {
  const ids = await Promise.all(Array.from({ length: 8 }, () => bareos.console.run("reported")));
  const jobs = await Promise.all(ids.map((id) => bareos.finish(id)));
  const lines = jsonLines(report);
  const events = jsonLines(volumeLog);
  for (const job of jobs) checkJob(bareos, job, lines, events);
  assert.is(lines.length, 9);
});

it("a storage daemon plugin that refuses its options fails the job within seconds", async (bareos) => {
  const started = Date.now();
  const job = await bareos.job("sd-refuses", {}, { timeoutMs: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  assertStatus(job, "f");
  assert.match(job.log, /bq-sd JobId \d+: Fatal error: quickjs-sd: mandatory option log is missing/);
  assert.ok(seconds < 30, `the job took ${seconds} s`);
  assert.equal(bareos.alive(), { sd: true, fd: true, dir: true });
});

it("a director plugin that refuses its options fails the job, and the catalog says so", async (bareos) => {
  const started = Date.now();
  const job = await bareos.job("dir-refuses");
  assert.ok(Date.now() - started < 30_000, `the job took ${(Date.now() - started) / 1000} s`);
  assertStatus(job, "f");
  assert.match(job.log, "quickjs-dir: bareos-dir-job-report needs file=<path> or command=<program>");
  assert.equal(bareos.alive(), { sd: true, fd: true, dir: true });
});

test.run();
