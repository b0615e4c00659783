// The host behaves like python-fd where a ported plugin relies on it:
// plugin options that name a module load it at once, others override the
// next definition; the limits reach the script too; parse_plugin_definition
// is optional; a restore object's object_len is honoured and its statp and
// object required; the end of the restore objects is not the script's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-host-");
let n = 0;
const probe = (options = "") => pluginString("host-probe", options);

function run(args) {
  const result = runSim(args);
  assert.ok(sane(result), result.stderr);
  return result.jobs[0];
}
const probes = (job) => job.messages.map((m) => m.text).filter((t) => t.startsWith("quickjs-fd: probe "))
  .map((t) => t.slice("quickjs-fd: probe ".length));
const backup = (args) => run(["backup", "--archive", join(work, `${n++}.bar`), ...args]);

test("FD Plugin Options that name a module load it at once, with those options", () => {
  const job = backup(["--plugin-options", probe("colour=blue")]);
  assert.is(job.status, "T", messages(job).join("\n"));
  const seen = probes(job);
  assert.is(seen[0], "load colour=blue:");
  assert.is(seen[1], "parse colour=blue:");
});

test("a restore's plugin options without a module override the saved definition's keys", () => {
  const archive = join(work, "override.bar");
  const saved = run(["backup", "--archive", archive, "--fileset-plugin", probe("object=o:colour=blue:size=xl")]);
  assert.is(saved.status, "T", messages(saved).join("\n"));
  const job = run(["restore", "--archive", archive, "--where", join(work, "override"), "--plugin-options", "quickjs:colour=red"]);
  assert.is(job.status, "T", messages(job).join("\n"));
  assert.is(probes(job)[0], "load colour=red:object=o:colour=blue:size=xl:");
});

test("memory_limit, daemon_memory_limit and timeout reach the script as well", () => {
  const job = backup(["--fileset-plugin", probe("memory_limit=32M:timeout=60:daemon_memory_limit=1G:x=1")]);
  assert.is(job.status, "T", messages(job).join("\n"));
  assert.is(probes(job)[0], "load memory_limit=32M:timeout=60:daemon_memory_limit=1G:x=1:");
});

test("a module without parse_plugin_definition is taken as if it returned bRC_OK", () => {
  const dir = join(work, "modules");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(join(dir, "minimal.js"),
                   'import * as fd from "bareosfd";\nexport const load_bareos_plugin = () => fd.bRC_OK;\n' +
                   "export const start_backup_file = () => fd.bRC_Stop;\n");
  const job = backup(["--fileset-plugin", pluginString("minimal", "", dir)]);
  assert.is(job.status, "T", messages(job).join("\n"));
});

test("a restore object's object_len is honoured; the end of the objects is not passed on", () => {
  const archive = join(work, "object.bar");
  const saved = run(["backup", "--archive", archive, "--fileset-plugin", probe("object=hello world:object_len=5")]);
  assert.is(saved.status, "T", messages(saved).join("\n"));
  const restore = run(["restore", "--archive", archive, "--where", join(work, "r")]);
  assert.is(restore.status, "T", messages(restore).join("\n"));
  const seen = probes(restore);
  assert.ok(seen.includes('restore_object probe-object "hello"'), seen.join("\n"));
  assert.not.ok(seen.includes("event 15 null"), seen.join("\n"));
});

for (const [name, options, pattern] of [
  ["without statp", "object=x:no_statp=1", "start_backup_file() returned bRC_OK without file attributes (savepkt.statp)"],
  ["with an empty object", "object=", "without object_name and a non-empty object for a restore object"],
  ["with object_len past its object", "object=abc:object_len=4",
   "start_backup_file() returned a restore object with object_len 4; its object has 3 bytes"],
]) {
  test(`a restore object ${name} fails the job with a clear message`, () => {
    const job = backup(["--fileset-plugin", probe(options)]);
    assert.is(job.status, "f", messages(job).join("\n"));
    assert.match(messages(job).join("\n"), pattern);
  });
}

test.after(() => cleanup(work));
test.run();
