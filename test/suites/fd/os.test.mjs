// bareos:os calls a file walk relies on, and import.meta, seen from inside
// the daemon.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, testPlugins } from "../../lib/sim.mjs";

const work = tempDir("bq-os-");
const dir = join(work, "d");
fs.mkdirSync(join(dir, "sub"), { recursive: true });
fs.writeFileSync(join(dir, "file"), "x");
fs.symlinkSync("sub", join(dir, "link-to-dir"));
execFileSync("mkfifo", [join(dir, "fifo")]);
fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x6e, 0xff, 0x2e])]), "not UTF-8");

const result = runSim(["backup", "--fileset-plugin", pluginString("os-probe", `dir=${dir}`),
                       "--archive", "/dev/null"]);
const job = result.jobs[0];
const probes = {};
for (const m of job?.messages ?? []) {
  const match = /probe (\S+) (.*)$/s.exec(m.text);
  if (match) probes[match[1]] = JSON.parse(match[2]);
}

test("the probe job runs", () => {
  assert.ok(sane(result), result.stderr);
  assert.is(job.status, "T", messages(job).join("\n"));
});

test("scandir: names sorted, types without lstat, as readdir and lstat tell them", () => {
  const S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000, S_IFIFO = 0o010000;
  assert.equal(probes.scandir, [
    { name: "fifo", type: S_IFIFO }, { name: "file", type: S_IFREG },
    { name: "link-to-dir", type: S_IFLNK }, { name: "n\udcff.", type: S_IFREG },
    { name: "sub", type: S_IFDIR },
  ]);
  assert.equal(probes.keys, Array(5).fill(["name", "type"]));
  assert.equal(probes.readdir, probes.scandir.map((e) => e.name)); // the probe sorts readdir's
  assert.equal(probes.lstat_types, probes.scandir.map((e) => e.type));
});

test("scandir of a missing directory throws an OsError naming the call", () => {
  assert.is(probes.missing.code, "ENOENT");
  assert.match(probes.missing.message, /scandir/);
  assert.match(probes.missing.message, /missing/);
});

test("import.meta.url names the module's real file", () => {
  assert.equal(probes.meta, { url: `file://${fs.realpathSync(join(testPlugins, "os-probe.js"))}`, main: true });
});

test.after(() => cleanup(work));
test.run();
