// The shipped bareos-fd-local-fileset in the simulated daemon, where the
// real daemons showed what its round trips missed: an estimate (which sends
// no StartBackupJob) lists the files, several Plugin lines each back up
// their own list with their own options, and directories get their times
// after everything restored into them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, root } from "../../lib/sim.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const work = tempDir("bq-local-fileset-");
const tree = join(work, "tree");
makeTree(tree, { bigBytes: 1 << 20 });
const extra = join(work, "extra");
fs.mkdirSync(extra);
fs.writeFileSync(join(extra, "x.txt"), "x\n");
const list = (name, lines) => {
  const file = join(work, `${name}.list`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
};
const localFileset = (listFile, options = "") =>
  pluginString("bareos-fd-local-fileset", `filename=${listFile}${options}`, join(root, "build/plugins"));

function ok(result) {
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  assert.is(job.status, "T", messages(job).join("\n"));
  return job;
}

test("an estimate lists every entry of the list", () => {
  const job = ok(runSim(["estimate", "--fileset-plugin", localFileset(list("tree", [tree]))]));
  assert.is(job.files, Object.keys(describeTree(tree)).length);
});

test("two Plugin lines back up their own lists, each with its own options", () => {
  const archive = join(work, "two.bar");
  const job = ok(runSim(["backup", "--archive", archive, "--trace",
                         "--fileset-plugin", localFileset(list("a", [tree]), ":do_io_in_core=yes"),
                         "--fileset-plugin", localFileset(list("b", [extra]))]));
  const names = job.files_list.map((f) => f.fname);
  assert.ok(names.includes(join(tree, "big.bin")), names.join("\n"));
  assert.equal(names.filter((n) => n.startsWith(extra)), [join(extra, "x.txt"), `${extra}/`]);
  // The first line does direct I/O, the second (from its BackupCommand on) reads in the script.
  const second = job.trace.lastIndexOf("handlePluginEvent 9 -> 0");
  const reads = (part) => part.filter((t) => t.startsWith("pluginIO IO_READ")).length;
  assert.is(reads(job.trace.slice(0, second)), 0, job.trace.join("\n"));
  assert.ok(reads(job.trace.slice(second)) > 0, job.trace.join("\n"));
});

test("directories get their times after files restored into them later", () => {
  // The second line's file goes into a directory the first line restored.
  const archive = join(work, "later.bar");
  const dir = join(tree, "dir");
  const inside = join(dir, "later.txt");
  fs.writeFileSync(inside, "restored after its directory\n");
  const old = new Date("2019-09-09T09:09:09Z");
  fs.utimesSync(dir, old, old);
  const expected = describeTree(tree);
  ok(runSim(["backup", "--archive", archive,
             "--fileset-plugin", localFileset(list("tree-but-later", [tree]), `:deny=later\\.txt`),
             "--fileset-plugin", localFileset(list("later", [inside]))]));
  const where = join(work, "restore");
  ok(runSim(["restore", "--archive", archive, "--where", where]));
  assert.equal(diffTrees(expected, describeTree(join(where, tree))), []);
});

test.after(() => cleanup(work));
test.run();
