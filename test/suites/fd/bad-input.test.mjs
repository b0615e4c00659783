// Bad plugin strings, bad bundles and misbehaving scripts: each one fails
// its job with a clear message, and the daemon lives on.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-bad-");
let n = 0;

function backup(plugin, extra = []) {
  return runSim(["backup", "--fileset-plugin", plugin, "--archive", join(work, `${n++}.bar`),
                 "--acl", "--xattr", ...extra]);
}

function expectFailure(result, pattern) {
  assert.ok(sane(result), `daemon died or sanitizer report:\n${result.stderr}`);
  assert.is(result.jobs.length, 1, result.stdout + result.stderr);
  const job = result.jobs[0];
  const text = messages(job).join("\n");
  assert.not.equal(job.status, "T", `job should fail:\n${text}`);
  assert.match(text, pattern);
}

const definitionCases = [
  ["a plugin string without ':'", "quickjs", /has no options/],
  ["a key without '='", pluginString("misbehave", "oops"), /illegal argument "oops" without value/],
  ["a missing module file", pluginString("does-not-exist"),
   /cannot load module .*does-not-exist\.js: No such file or directory/],
  ["a module name with ../", pluginString("../plugins/misbehave"), /must be a plain file name/],
  ["no module name", "quickjs:a=b", /names no module_name/],
  ["a bad memory_limit", pluginString("misbehave", "memory_limit=lots"), /memory_limit=lots/],
  ["a syntax error in the bundle", pluginString("syntax-error"), /SyntaxError/],
  ["a throwing top level", pluginString("throws-at-load"), /top level says no/],
];
for (const [name, plugin, pattern] of definitionCases)
  test(`fails cleanly on ${name}`, () => expectFailure(backup(plugin), pattern));

const backupEntries = ["load_bareos_plugin", "parse_plugin_definition", "handle_plugin_event",
                       "start_backup_file", "end_backup_file", "plugin_io", "get_acl", "get_xattr"];
for (const entry of backupEntries) {
  test(`an exception in ${entry} fails the job with its stack`, () =>
    expectFailure(backup(pluginString("misbehave", `throw_in=${entry}`)),
                  new RegExp(`${entry}\\(\\) failed: Error: deliberate failure in ${entry}\\n\\s+at `)));
  test(`a wrong return type from ${entry} fails the job`, () =>
    expectFailure(backup(pluginString("misbehave", `return_in=${entry}`)),
                  new RegExp(`${entry}\\(\\) returned a string; expected a bRC value`)));
}
test("a rejected promise fails the job", () =>
  expectFailure(backup(pluginString("misbehave", "reject_in=start_backup_file")),
                /start_backup_file\(\) failed: TypeError: rejected in start_backup_file/));

// Restore-side entry points misbehave through the restore's plugin options.
const goodArchive = join(work, "good.bar");
runSim(["backup", "--fileset-plugin", pluginString("misbehave"), "--archive", goodArchive]);
for (const entry of ["start_restore_file", "create_file", "set_file_attributes", "end_restore_file"]) {
  test(`an exception in ${entry} fails the restore`, () =>
    expectFailure(runSim(["restore", "--archive", goodArchive, "--where", join(work, `r${n++}`),
                          "--plugin-options", `quickjs:throw_in=${entry}`]),
                  new RegExp(`${entry}\\(\\) failed: Error: deliberate failure in ${entry}`)));
}

test("a read reporting more than count fails the job", () =>
  expectFailure(backup(pluginString("misbehave", "overread=1")), /more than count/));
test("a read returning a buffer larger than count fails the job", () =>
  expectFailure(backup(pluginString("misbehave", "bigbuf=1")), /returned \d+ bytes with status/));
test("start_backup_file without a file name fails the job", () =>
  expectFailure(backup(pluginString("misbehave", "no_fname=1")), /without a file name/));
test("start_backup_file without a type fails the job", () =>
  expectFailure(backup(pluginString("misbehave", "no_type=1")), /without a file type/));

for (const call of ["exit", "setenv", "chdir", "signal", "Worker"]) {
  test(`calling the forbidden ${call} fails the job and spares the daemon`, () =>
    expectFailure(backup(pluginString("misbehave", `forbidden=${call}`)),
                  new RegExp(`${call}\\(\\) is not available inside a Bareos daemon`)));
}

test("async entry points are awaited", () => {
  const archive = join(work, "async.bar");
  const result = backup(pluginString("misbehave", "async=1"));
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "T", messages(result.jobs[0]).join("\n"));
  const ok = runSim(["backup", "--fileset-plugin", pluginString("misbehave", "async=1"),
                     "--archive", archive]);
  const restore = runSim(["restore", "--archive", archive, "--where", join(work, "ra")]);
  assert.is(ok.jobs[0].status, "T");
  assert.is(restore.jobs[0].status, "T", messages(restore.jobs[0]).join("\n"));
  assert.match(messages(restore.jobs[0]).join("\n"), /restored "misbehave payload\\n"/);
});

test.after(() => cleanup(work));
test.run();
