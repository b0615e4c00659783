// bareos-fd-local-fileset in the real daemons: Full, accurate Incremental
// and Differential (changed, added, deleted files), restores with and
// without `where`, estimate listings, the three ways of doing I/O, and
// several Plugin lines in one FileSet. Every restored tree is compared with
// the original: contents, modes, owners, times, link targets, hard links,
// fifos and names that are not UTF-8.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins, testPlugins, root } from "./lib/suite.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const B = Buffer.from;
const plugin = (module, options, dir = plugins) => `quickjs:module_path=${dir}:module_name=${module}:${options}`;
const localFileset = (list, extra = "") => plugin("bareos-fd-local-fileset", `filename=${list}${extra}`);

const trees = {};
const lists = {};
const filesets = [];
const jobs = [];
function fileset(name, pluginLines) {
  filesets.push({ Name: name, Include: { Options: { Signature: "XXH128", HardLinks: "yes" }, Plugin: pluginLines } });
  jobs.push({ Name: name, FileSet: name });
}
// The trees live under build/, whose path the daemons' data folder has:
// known before the daemons start, so the FileSets can name them.
const dataDir = join(root, "build/test-bareos/local-fileset/data");
for (const name of ["zerocopy", "incore", "copy", "multi-a", "multi-b", "accurate", "inplace"]) {
  trees[name] = join(dataDir, "trees", name);
  lists[name] = join(dataDir, `${name}.list`);
}
fileset("zerocopy", [localFileset(lists.zerocopy)]);
fileset("incore", [localFileset(lists.incore, ":do_io_in_core=yes")]);
fileset("copy", [plugin("test-fileset", `path=${trees.copy}:io=copy`, testPlugins)]);
fileset("multi", [localFileset(lists["multi-a"]), localFileset(lists["multi-b"], ":do_io_in_core=yes")]);
fileset("accurate", [localFileset(lists.accurate)]);
fileset("inplace", [localFileset(lists.inplace)]);
// Options from a defaults file named relative to the file daemon's config
// directory, with allow and deny.
const defaultsTree = join(dataDir, "trees", "defaults");
const defaultsList = join(dataDir, "defaults.list");
fileset("defaults", [plugin("bareos-fd-local-fileset", "defaults_file=local-fileset.ini")]);
// A list that names files that are not UTF-8, itself named so, as Bareos'
// configuration carries it: bytes.
const bytesDir = join(dataDir, "bytes");
const bytesList = `${dataDir}/bytes-caf\xe9.list`;
fileset("bytes", [Buffer.from(localFileset(bytesList), "latin1")]);

/** Every name the catalog should list for a tree: directories end in "/". */
function catalogNames(rootDir) {
  return Object.entries(describeTree(rootDir)).map(([rel, e]) => {
    const name = rel ? `${rootDir}/${rel}` : rootDir;
    return (e.mode & 0o170000) === 0o040000 ? `${name}/` : name;
  }).sort();
}

const assertOk = (job) => assertStatus(job, "T");

function assertRestored(original, description, where) {
  const restored = describeTree(where ? join(where, original) : original);
  assert.equal(diffTrees(description, restored), []);
}

const it = realDaemons({ name: "local-fileset", filesets, jobs }, (bareos) => {
  fs.mkdirSync(join(defaultsTree, "sub"), { recursive: true });
  for (const name of ["keep.txt", "skip.tmp", "sub/also.txt", "sub/empty.txt"])
    fs.writeFileSync(join(defaultsTree, name), name.includes("empty") ? "" : `${name}\n`);
  fs.writeFileSync(defaultsList, `${defaultsTree}\n`);
  fs.writeFileSync(join(bareos.dir, "local-fileset.ini"), `# defaults\nfilename = ${defaultsList}\ndeny=\\.tmp$\n`);
  fs.mkdirSync(bytesDir, { recursive: true });
  for (const name of ["caf\xe9.txt", "raw-\xe9\x80\xff.dat", " spaced caf\xe9 "])
    fs.writeFileSync(Buffer.from(`${bytesDir}/${name}`, "latin1"), `content of ${name}\n`);
  fs.writeFileSync(Buffer.from(bytesList, "latin1"),
                   Buffer.from(["caf\xe9.txt", "raw-\xe9\x80\xff.dat", " spaced caf\xe9 "].map((n) => `${bytesDir}/${n}\n`).join(""), "latin1"));
  fs.mkdirSync(join(dataDir, "trees"), { recursive: true });
  for (const name of Object.keys(trees)) {
    makeTree(trees[name], { bigBytes: name === "zerocopy" || name === "incore" ? 40 << 20 : 3 << 20 });
    fs.writeFileSync(lists[name], `# ${name}\n${trees[name]}\n`);
  }
});

for (const mode of ["zerocopy", "incore", "copy"]) {
  it(`${mode}: a Full backup lists every entry in the catalog; a restore to where gives the same tree`, async (bareos) => {
    const tree = trees[mode];
    const description = describeTree(tree);
    const backup = await bareos.job(mode, { level: "Full" });
    assertOk(backup);
    const names = bareos.catalog.files(backup.jobid).map((f) => f.name);
    assert.equal(names, catalogNames(tree));
    assert.is(backup.files, names.length);
    const where = bareos.data(`restore-${mode}`);
    const restore = await bareos.restore({ jobids: [backup.jobid], where });
    assertOk(restore);
    assert.is(restore.files, backup.files);
    assertRestored(tree, description, where);
  });
}

it("several Plugin lines in one FileSet: each line's files are backed up and restored", async (bareos) => {
  const [a, b] = [trees["multi-a"], trees["multi-b"]];
  const [da, db] = [describeTree(a), describeTree(b)];
  const backup = await bareos.job("multi");
  assertOk(backup);
  assert.equal(bareos.catalog.files(backup.jobid).map((f) => f.name), [...catalogNames(a), ...catalogNames(b)].sort());
  const where = bareos.data("restore-multi");
  assertOk(await bareos.restore({ jobids: [backup.jobid], where }));
  assertRestored(a, da, where);
  assertRestored(b, db, where);
});

it("accurate Incremental and Differential: changed, added and deleted files; restores of each state", async (bareos) => {
  const tree = trees.accurate;
  const full = await bareos.job("accurate", { level: "Full", accurate: "yes" });
  assertOk(full);
  const fullState = describeTree(tree);

  // Changed (content and time), added, deleted.
  fs.writeFileSync(join(tree, "small.txt"), "changed after the full backup\n");
  fs.writeFileSync(join(tree, "dir/added.txt"), "added after the full backup\n");
  fs.rmSync(join(tree, "with space and : colon.txt"));
  fs.writeFileSync(B(`${tree}/added-\xe9.txt`, "latin1"), "added, not UTF-8\n");
  const incr = await bareos.job("accurate", { level: "Incremental", accurate: "yes" });
  assertOk(incr);
  const incrState = describeTree(tree);
  const files = bareos.catalog.files(incr.jobid);
  const saved = files.filter((f) => f.fileIndex > 0).map((f) => f.name);
  const deleted = files.filter((f) => f.fileIndex === 0).map((f) => f.name);
  for (const name of ["small.txt", "hardlink.txt", "dir/added.txt", "added-\xe9.txt"])
    assert.ok(saved.includes(`${tree}/${name}`), `${name} not in the Incremental: ${saved.join(", ")}`);
  assert.not.ok(saved.includes(`${tree}/dir/random.bin`), "an unchanged file was saved again");
  assert.not.ok(saved.includes(`${tree}/big.bin`), "an unchanged file was saved again");
  assert.equal(deleted, [`${tree}/with space and : colon.txt`]);

  fs.writeFileSync(join(tree, "dir/sub/deeper/leaf.txt"), "changed after the incremental\n");
  fs.rmSync(join(tree, "dir/added.txt"));
  const diff = await bareos.job("accurate", { level: "Differential", accurate: "yes" });
  assertOk(diff);
  const diffState = describeTree(tree);
  const diffFiles = bareos.catalog.files(diff.jobid);
  const diffSaved = diffFiles.filter((f) => f.fileIndex > 0).map((f) => f.name);
  // Everything since the Full: the Incremental's changes again, the new one, not the unchanged.
  for (const name of ["small.txt", "added-\xe9.txt", "dir/sub/deeper/leaf.txt"])
    assert.ok(diffSaved.includes(`${tree}/${name}`), `${name} not in the Differential: ${diffSaved.join(", ")}`);
  assert.not.ok(diffSaved.includes(`${tree}/big.bin`));
  assert.equal(diffFiles.filter((f) => f.fileIndex === 0).map((f) => f.name).sort(),
               [`${tree}/with space and : colon.txt`]);

  for (const [label, jobids, state] of [["full", [full.jobid], fullState],
                                        ["incremental", [full.jobid, incr.jobid], incrState],
                                        ["differential", [full.jobid, diff.jobid], diffState]]) {
    const where = bareos.data(`restore-accurate-${label}`);
    assertOk(await bareos.restore({ jobids, where }));
    assertRestored(tree, state, where);
  }
});

it("a list naming files that are not UTF-8 backs them up and restores them", async (bareos) => {
  const names = ["caf\xe9.txt", "raw-\xe9\x80\xff.dat", " spaced caf\xe9 "].map((n) => `${bytesDir}/${n}`);
  const backup = await bareos.job("bytes");
  assertOk(backup);
  assert.equal(bareos.catalog.files(backup.jobid).map((f) => f.name), [...names].sort());
  const where = bareos.data("restore-bytes");
  assertOk(await bareos.restore({ jobids: [backup.jobid], where }));
  for (const name of names)
    assert.ok(fs.readFileSync(Buffer.from(`${where}${name}`, "latin1")).equals(fs.readFileSync(Buffer.from(name, "latin1"))), name);
});

it("a restore without where puts the tree back in place", async (bareos) => {
  const tree = trees.inplace;
  const description = describeTree(tree);
  const backup = await bareos.job("inplace");
  assertOk(backup);
  fs.rmSync(tree, { recursive: true });
  const restore = await bareos.restore({ jobids: [backup.jobid], where: "/" });
  assertOk(restore);
  assertRestored(tree, description);
});

it("a relative defaults_file is read from the file daemon's config directory; deny names each file it skips", async (bareos) => {
  const backup = await bareos.job("defaults", { level: "Full" });
  assertOk(backup);
  const names = bareos.catalog.files(backup.jobid).map((f) => f.name).sort();
  assert.equal(names, catalogNames(defaultsTree).filter((n) => !n.endsWith(".tmp")));
  assert.match(backup.log, `File ${defaultsTree}/skip.tmp denied by configuration`);
  const where = bareos.data("defaults-restore");
  assertOk(await bareos.restore({ jobids: [backup.jobid], where }));
  const description = describeTree(defaultsTree);
  delete description["skip.tmp"];
  assertRestored(defaultsTree, description, where);
});

it("estimate listing names every entry without reading data", async (bareos) => {
  const tree = trees.zerocopy;
  const output = await bareos.console.command(`estimate job=zerocopy level=Full listing`);
  const expected = catalogNames(tree).map((n) => Buffer.from(n, "latin1").toString("utf8"));
  for (const name of expected.filter((n) => !n.includes("\n") && !/\ufffd/.test(n)))
    assert.ok(output.includes(name.replace(/\/$/, "")), `${name} missing from:\n${output}`);
  const summary = /(\d+) OK estimate files=([\d,]+) bytes=([\d,]+)/.exec(output);
  assert.ok(summary, output);
  assert.is(Number(summary[2].replace(/,/g, "")), expected.length);
});

test.run();
