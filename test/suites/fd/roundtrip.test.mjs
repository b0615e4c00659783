// Back up a tree of every file type through quickjs-fd and the test-fileset
// plugin, restore it elsewhere, and compare contents and attributes: once
// with the zero-copy read, once with a copied buffer, once with direct I/O.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const work = tempDir("bq-roundtrip-");
const source = join(work, "source");
makeTree(source, { bigBytes: 50 << 20 });
const expected = describeTree(source);

for (const io of ["zerocopy", "copy", "core"]) {
  test(`backup and restore with io=${io}`, () => {
    const archive = join(work, `${io}.bar`);
    const where = join(work, `restore-${io}`);
    const backup = runSim(["backup", "--fileset-plugin",
                           pluginString("test-fileset", `path=${source}:io=${io}`),
                           "--archive", archive]);
    assert.ok(sane(backup), backup.stderr);
    const job = backup.jobs[0];
    assert.is(job.status, "T", messages(job).join("\n"));
    assert.ok(job.files >= Object.keys(expected).length - 1, `files: ${job.files}`);
    assert.ok(job.bytes >= 50 << 20, `bytes: ${job.bytes}`);
    // ACL and xattr support are on (as in a Bareos 25 FileSet) and the plugin
    // has no ACL functions: that is nothing to save, not a warning per file.
    assert.equal(job.messages.filter((m) => m.type === "M_WARNING" || m.type === "M_ERROR"), []);

    const restore = runSim(["restore", "--archive", archive, "--where", where]);
    assert.ok(sane(restore), restore.stderr);
    assert.is(restore.jobs[0].status, "T", messages(restore.jobs[0]).join("\n"));
    const diff = diffTrees(expected, describeTree(join(where, source)));
    assert.equal(diff, []);
  });
}

test.after(() => cleanup(work));
test.run();
