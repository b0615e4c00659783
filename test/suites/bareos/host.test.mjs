// The host's python-fd behaviours in the real file daemon: a Job's FD
// Plugin Options that name a module load it at once; a restore's plugin
// options override the saved definition; the limits reach the script; a
// restore object comes back with the object_len it was saved with; the end
// of the restore objects is not passed to the script.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, testPlugins, root } from "./lib/suite.mjs";

const probe = (options) => `quickjs:module_path=${testPlugins}:module_name=host-probe:${options}`;
const files = join(root, "build/test-bareos/host/data/files");
const probes = (job) => job.log.split("\n").filter((l) => l.includes("quickjs-fd: probe "))
  .map((l) => l.slice(l.indexOf("quickjs-fd: probe ") + "quickjs-fd: probe ".length));

const it = realDaemons({
  name: "host",
  filesets: [
    { Name: "native", Include: { File: files } },
    { Name: "object", Include: { Plugin: probe("object=hello world:object_len=5:colour=blue:memory_limit=32M") } },
  ],
  jobs: [
    { Name: "options", FileSet: "native", "FD Plugin Options": probe("colour=green") },
    { Name: "object", FileSet: "object" },
  ],
}, () => {
  fs.mkdirSync(files, { recursive: true });
  fs.writeFileSync(join(files, "a"), "a\n");
});

it("a Job's FD Plugin Options that name a module load it, with those options", async (bareos) => {
  const job = await bareos.job("options");
  assertStatus(job, "T");
  const seen = probes(job);
  assert.is(seen[0], "load colour=green:", job.log);
  assert.ok(seen.includes("parse colour=green:"), job.log);
});

it("a restore object comes back as saved; restore plugin options override; limits reach the script", async (bareos) => {
  const backup = await bareos.job("object");
  assertStatus(backup, "T");
  assert.is(probes(backup)[0], "load object=hello world:object_len=5:colour=blue:memory_limit=32M:");
  const restore = await bareos.restore({ jobids: [backup.jobid], where: bareos.data("restore"),
                                         pluginoptions: "quickjs:colour=red" });
  // The director counts the restore object among the files it expects back:
  // a restore of nothing but a restore object ends with that warning.
  assertStatus(restore, "W");
  assert.match(restore.log, "File count mismatch: expected=1 , restored=0");
  const seen = probes(restore);
  assert.match(seen[0], /^load colour=red:/, restore.log);
  assert.ok(seen.includes('restore_object probe-object "hello"'), restore.log);
  assert.not.ok(seen.some((s) => s === "event 15 null"), restore.log);
});

test.run();
