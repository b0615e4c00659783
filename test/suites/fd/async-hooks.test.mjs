// Base class hooks that are async (test/plugins/ts/async-probe): the
// definition and its check wait for a timer and then accept or refuse it,
// the Plugin line's names come from a program; backups, estimates and
// restores go on only once they have answered.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, root } from "../../lib/sim.mjs";

const work = tempDir("bq-async-");
const probe = (options) => pluginString("bareos-fd-async-probe", options, join(root, "build/test-plugins"));
const file = join(work, "listed by a program.txt");
fs.writeFileSync(file, "saved after the hooks answered\n");

function finished(result, status) {
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  const text = messages(job).join("\n");
  assert.is(job.status, status, text);
  return { job, text };
}

test("an accepted async definition, then names from an async startItem, back up and restore", () => {
  const archive = join(work, "accepted.bar");
  const { job, text } = finished(runSim(["backup", "--archive", archive, "--fileset-plugin",
                                         probe(`path=${file}`)]), "T");
  assert.match(text, "probe definition answered 0");
  assert.equal(job.files_list.map((f) => f.fname), [file]);
  const where = join(work, "restored");
  finished(runSim(["restore", "--archive", archive, "--where", where]), "T");
  assert.is(fs.readFileSync(join(where, file), "utf8"), "saved after the hooks answered\n");
});

test("an estimate waits for the async startItem too", () => {
  const { job } = finished(runSim(["estimate", "--fileset-plugin", probe(`path=${file}`)]), "T");
  assert.equal(job.files_list.map((f) => f.fname), [file]);
});

test("an async check that refuses the definition fails the job before anything is saved", () => {
  const { job, text } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                         probe(`path=${file}:refuse=not today`)]), "f");
  assert.match(text, `probe refused ${file}: not today`);
  assert.match(text, "probe definition answered 2");
  assert.equal(job.files_list, []);
});

test("a missing mandatory option still fails an async definition", () => {
  const { job, text } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin", probe("")]), "f");
  assert.match(text, "mandatory option path is missing");
  assert.match(text, "probe definition answered 2");
  assert.equal(job.files_list, []);
});

test.after(() => cleanup(work));
test.run();
