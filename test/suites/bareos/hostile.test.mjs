// Bad input in the real file daemon: the rows of the hostile table that make
// sense there (malformed plugin strings, missing or broken bundles, scripts
// that throw, loop, exhaust memory or the stack, return nonsense, read past
// count or call what the daemon forbids), each a failed job with its
// message in the job log. They all run at once, and end within seconds:
// a failure while the file daemon reads the FileSet is reported when the
// job's work starts (reported at once, it kept the director waiting about
// 40 s). Then the file daemon is the process it was, and a healthy job
// right after ends well.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins, testPlugins, root } from "./lib/suite.mjs";

const module = (name, options = "") => `quickjs:module_path=${testPlugins}:module_name=${name}${options ? `:${options}` : ""}`;
const misbehave = (options) => module("misbehave", options);
const denyAll = join(root, "build/test-bareos/hostile-lists/deny-all.list");
fs.mkdirSync(join(denyAll, ".."), { recursive: true });
fs.writeFileSync(denyAll, "/etc/hostname\n");

const backupRows = [
  ["a plugin string without ':'", "quickjs", /has no options/],
  ["a key without a value", misbehave("novalue"), /illegal argument "novalue" without value/],
  ["no module name", "quickjs:a=b", /names no module_name/],
  ["a module name with ../", module("../plugins/misbehave"), /must be a plain file name/],
  ["a bad memory_limit", misbehave("memory_limit=lots"), /memory_limit=lots/],
  ["a missing module", module("does-not-exist"), /cannot load module .*does-not-exist\.js: No such file or directory/],
  ["a bundle with a syntax error", module("syntax-error"), /SyntaxError/],
  ["a bundle whose top level throws", module("throws-at-load"), /top level says no/],
  ["start_backup_file throws", misbehave("throw_in=start_backup_file"),
   /start_backup_file\(\) failed: Error: deliberate failure in start_backup_file\n\s+at /],
  ["plugin_io rejects its promise", misbehave("reject_in=plugin_io"), /plugin_io\(\) failed: TypeError: rejected in plugin_io/],
  ["a bRC that is a string", misbehave("return_in=start_backup_file"),
   /start_backup_file\(\) returned a string; expected a bRC value/],
  ["a read reporting more than count", misbehave("overread=1"), /more than count/],
  ["an endless loop with timeout=", misbehave("loop=read:timeout=2"), /plugin_io\(\): interrupted after the call timeout of 2 s/],
  ["a memory bomb", misbehave("alloc=1:memory_limit=16M"),
   /start_backup_file\(\) failed: out of memory: the script reached memory_limit \(16 MiB\)/],
  ["a memory bomb of many small objects", misbehave("oom=objects:memory_limit=16M"),
   /start_backup_file\(\) failed: out of memory: the script reached memory_limit \(16 MiB\)/],
  ["a memory_limit meant as bytes", misbehave("memory_limit=33554432"),
   /memory_limit=33554432 is 32 TiB \(a plain number is MiB\), more than this machine's memory/],
  ["a memory_limit too small to load a bundle", misbehave("memory_limit=100K"),
   /memory_limit=100K is 100 KiB, less than the 2 MiB a runtime needs to load a bundle/],
  ["deep recursion", misbehave("recurse=1"), /RangeError: Maximum call stack size exceeded/],
  ["a file list that leaves nothing to back up",
   `quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:filename=${denyAll}:deny=hostname`,
   /File \/etc\/hostname denied by configuration[^]*No \(allowed\) files to backup found in /],
  ["std.exit()", misbehave("forbidden=exit"), /exit\(\) is not available inside a Bareos daemon/],
  ["os.Worker", misbehave("forbidden=Worker"), /Worker\(\) is not available inside a Bareos daemon/],
];
const restoreRows = [
  ["create_file throws", "quickjs:throw_in=create_file", /create_file\(\) failed: Error: deliberate failure in create_file/],
  ["a write reporting a different count", "quickjs:short_write=1", /wrote 17 of 18 bytes/],
  ["set_file_attributes returns a string", "quickjs:return_in=set_file_attributes",
   /set_file_attributes\(\) returned a string; expected a bRC value/],
];

const filesets = backupRows.map(([, plugin], i) => ({ Name: `row${i}`, Include: { Plugin: plugin } }));
filesets.push({ Name: "good", Include: { Plugin: misbehave("") } });
const jobs = filesets.map(({ Name }) => ({ Name, FileSet: Name }));

const it = realDaemons({ name: "hostile", filesets, jobs, devices: 32 });

let fdPid;
const backups = [];
const restores = [];
it("the bad jobs run at once", async (bareos) => {
  fdPid = bareos.daemons.fd.pid;
  const good = await bareos.job("good");
  assertStatus(good, "T");
  const started = Date.now();
  backups.push(...await Promise.all(backupRows.map((_, i) => bareos.job(`row${i}`))));
  restores.push(...await Promise.all(restoreRows.map(([, pluginoptions]) =>
    bareos.restore({ jobids: [good.jobid], where: bareos.data(`where-${pluginoptions.replace(/\W/g, "")}`), pluginoptions }))));
  const seconds = (Date.now() - started) / 1000;
  console.log(`${backups.length + restores.length} failing jobs took ${seconds.toFixed(0)} s`);
  assert.ok(seconds < 30, `the failing jobs took ${seconds} s`);
});

backupRows.forEach(([name, , pattern], i) => {
  it(`backup with ${name}: the job fails with its message`, () => {
    const job = backups[i];
    assert.not.equal(job.status, "T", job.log);
    assert.match(job.log, pattern);
  });
});
restoreRows.forEach(([name, , pattern], i) => {
  it(`restore where ${name}: the job fails with its message`, () => {
    const job = restores[i];
    assert.not.equal(job.status, "T", job.log);
    assert.match(job.log, pattern);
  });
});

it("the file daemon is the process it was, and the next job ends well", async (bareos) => {
  assert.equal(bareos.alive(), { sd: true, fd: true, dir: true });
  assert.is(bareos.daemons.fd.pid, fdPid);
  assertStatus(await bareos.job("good"), "T");
});

test.run();
