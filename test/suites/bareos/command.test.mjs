// bareos-fd-command in the real daemons: tar streams of a tree (plain, and a
// shell pipeline with gzip) restored through their writers and compared,
// the same data restored to files under where, a ':' written "\:" in a
// FileSet, and failing readers and writers, each a failed job with the
// program's stderr in the job log.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins, root } from "./lib/suite.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const data = join(root, "build/test-bareos/command/data");
const src = join(data, "src");
const out = { tar: join(data, "out-tar"), tgz: join(data, "out-tgz") };
const colon = join(data, "a: file with a colon.bin");
const colonOut = join(data, "colon-restored.bin");
const latin1 = `${data}/caf\xe9.txt`;
const command = (options) => `quickjs:module_path=${plugins}:module_name=bareos-fd-command:${options}`;
const esc = (value) => value.replace(/:/g, "\\:");

const filesets = [
  { Name: "tar", Include: { Plugin: [
    command(`file=/@command/tree.tar:reader=tar -C ${src} -cf - .:writer=tar -C ${out.tar} -xpf -`),
    command(`file=/@command/tree.tgz:shell=yes:reader=tar -C '${src}' -cf - . | gzip -1:` +
            `writer=gunzip | tar -C '${out.tgz}' -xpf -`),
    command(`file=/@command/colon.bin:reader=cat '${esc(colon)}':writer=dd of=${colonOut} status=none`),
  ] } },
  // A program's argument and a file name that are not UTF-8, as bytes in the configuration.
  { Name: "bytes", Include: { Plugin: [
    Buffer.from(command(`file=/@command/caf\xe9:reader=cat '${esc(latin1)}'`), "latin1"),
  ] } },
  { Name: "badreader", Include: { Plugin: [
    command("file=/@command/noisy:shell=yes:reader=echo some data; echo 'reader gives up' >&2; exit 1"),
  ] } },
  { Name: "missing", Include: { Plugin: [command("file=/@command/x:reader=/nonexistent/reader --flag")] } },
  { Name: "badwriter", Include: { Plugin: [
    command("file=/@command/w:shell=yes:reader=head -c 3000000 /dev/zero:writer=head -c 10 > /dev/null; echo 'writer refused' >&2; exit 3"),
  ] } },
];
const jobs = filesets.map(({ Name }) => ({ Name, FileSet: Name }));

const it = realDaemons({ name: "command", filesets, jobs }, () => {
  makeTree(src, { bigBytes: 20 << 20 });
  fs.writeFileSync(colon, Buffer.alloc(1 << 20, "colon "));
  fs.writeFileSync(Buffer.from(latin1, "latin1"), "a name that is not UTF-8\n");
});

let full;
it("a FileSet of three programs backs up three files; restores run the writers", async (bareos) => {
  full = await bareos.job("tar");
  assertStatus(full, "T");
  assert.equal(bareos.catalog.files(full.jobid).map((f) => f.name),
               ["/@command/colon.bin", "/@command/tree.tar", "/@command/tree.tgz"]);
  assert.is(full.files, 3);
  assert.ok(full.bytes > 21 << 20, `${full.bytes} bytes`);
  const expected = describeTree(src);
  for (const dir of Object.values(out)) fs.mkdirSync(dir, { recursive: true });
  const restore = await bareos.restore({ jobids: [full.jobid], where: "/" });
  assertStatus(restore, "T");
  for (const dir of Object.values(out)) assert.equal(diffTrees(expected, describeTree(dir)), []);
  assert.ok(fs.readFileSync(colonOut).equals(fs.readFileSync(colon)));
});

it("a restore with where writes the streams to files", async (bareos) => {
  const where = bareos.data("where");
  const restore = await bareos.restore({ jobids: [full.jobid], where });
  assertStatus(restore, "T");
  const listing = execFileSync("tar", ["-tf", join(where, "@command/tree.tar")], { encoding: "latin1" });
  assert.match(listing, "./dir/sub/deeper/leaf.txt");
  assert.ok(fs.readFileSync(join(where, "@command/colon.bin")).equals(fs.readFileSync(colon)));
});

it("a program's argument and a catalog name that are not UTF-8 keep their bytes", async (bareos) => {
  const backup = await bareos.job("bytes");
  assertStatus(backup, "T");
  assert.equal(bareos.catalog.files(backup.jobid).map((f) => f.name), ["/@command/caf\xe9"]);
  const where = bareos.data("where-bytes");
  assertStatus(await bareos.restore({ jobids: [backup.jobid], where }), "T");
  assert.is(fs.readFileSync(Buffer.from(`${where}/@command/caf\xe9`, "latin1"), "utf8"), "a name that is not UTF-8\n");
});

it("failing and missing readers fail their jobs with the program's message", async (bareos) => {
  const [reader, missing] = await Promise.all([bareos.job("badreader"), bareos.job("missing")]);
  assertStatus(reader, "f");
  assert.match(reader.log, /\/@command\/noisy: reader ".*" exited with status 1; its stderr ends with:\nreader gives up/);
  assertStatus(missing, "f");
  assert.match(missing.log, '/@command/x: reader "/nonexistent/reader --flag": /nonexistent/reader: command not found');
});

it("a failing writer fails the restore with its stderr", async (bareos) => {
  const backup = await bareos.job("badwriter");
  assertStatus(backup, "T");
  const restore = await bareos.restore({ jobids: [backup.jobid], where: "/" });
  assertStatus(restore, "f");
  assert.match(restore.log, /\/@command\/w: writer ".*" exited with status 3; its stderr ends with:\nwriter refused/);
  assert.ok(Object.values(bareos.alive()).every(Boolean), "a daemon died");
});

test.run();
