// bareos-fd-command in the simulated daemon: tar as reader and writer of a
// generated tree (plain, and through a shell pipeline with gzip), a quoted
// argument, restores in place and under `where`, an accurate incremental
// that saves everything again, and every way a program can fail (exit
// status, signal, failing writer, missing program, bad quoting) - each a
// failed job with the stderr tail in its message and nothing left behind:
// no descriptor, no child process, no temporary file.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pluginString, tempDir, cleanup, messages, root, tidyJob } from "../../lib/sim.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const plugins = join(root, "build/plugins");
const work = tempDir("bq-command-");
const workingDir = join(work, "working");
fs.mkdirSync(workingDir);

const command = (options) => pluginString("bareos-fd-command", options, plugins);
// Plugin options separate items with ':'; a ':' inside a value is "\:".
const esc = (value) => value.replace(/:/g, "\\:");

const sim = (args) => tidyJob(workingDir, args);

const text = (job) => messages(job).join("\n");

const src = join(work, "src");
makeTree(src, { bigBytes: 20 << 20 });
const single = join(work, "one file: with space.bin");
fs.writeFileSync(single, Buffer.alloc(3 << 20, "single file "));
const out = { tar: join(work, "out-tar"), tgz: join(work, "out-tgz"), single: join(work, "out-single.bin") };

const lines = [
  command(`file=/@command/tree.tar:reader=tar -C ${src} -cf - .:writer=tar -C ${out.tar} -xpf -`),
  command(`file=/@command/tree.tgz:shell=yes:reader=tar -C '${src}' -cf - . | gzip -1:` +
          `writer=gunzip | tar -C '${out.tgz}' -xpf -`),
  command(`file=/@command/single.bin:reader=cat '${esc(single)}':writer=dd 'of=${out.single}' status=none`),
];
const full = join(work, "full.bar");

test("backs up three Plugin lines: tar, a shell pipeline and a quoted argument", () => {
  const job = sim(["backup", "--archive", full, ...lines.flatMap((l) => ["--fileset-plugin", l])]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => [f.fname, f.type]),
               [["/@command/tree.tar", 3], ["/@command/tree.tgz", 3], ["/@command/single.bin", 3]]);
  assert.ok(job.files_list[0].size > 20 << 20, `tar stream: ${job.files_list[0].size} bytes`);
  assert.is(job.files_list[2].size, 3 << 20);
});

test("restores in place through the writers", () => {
  fs.mkdirSync(out.tar);
  fs.mkdirSync(out.tgz);
  const job = sim(["restore", "--archive", full]);
  assert.is(job.status, "T", text(job));
  assert.is(job.files, 3);
  assert.equal(diffTrees(describeTree(src), describeTree(out.tar)), []);
  assert.equal(diffTrees(describeTree(src), describeTree(out.tgz)), []);
  assert.ok(fs.readFileSync(out.single).equals(fs.readFileSync(single)));
});

test("a restore with where writes the streams as files instead", () => {
  const where = join(work, "where");
  const job = sim(["restore", "--archive", full, "--where", where]);
  assert.is(job.status, "T", text(job));
  assert.ok(fs.readFileSync(join(where, "@command/single.bin")).equals(fs.readFileSync(single)));
  const names = execFileSync("tar", ["-tf", join(where, "@command/tree.tar")], { encoding: "latin1" });
  assert.match(names, "./dir/sub/deeper/leaf.txt");
  const gz = execFileSync("sh", ["-c", `gunzip < '${join(where, "@command/tree.tgz")}' | tar -tf -`],
                          { encoding: "latin1" });
  assert.is(gz, names);
});

test("an accurate incremental saves every stream again", () => {
  const job = sim(["backup", "--archive", join(work, "incr.bar"), "--level", "I", "--accurate", full,
                   ...lines.flatMap((l) => ["--fileset-plugin", l])]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => f.type), [3, 3, 3]);
  assert.equal(job.deleted, []);
});

test("an estimate lists the files without running anything", () => {
  const job = sim(["estimate", ...lines.flatMap((l) => ["--fileset-plugin", l])]);
  assert.is(job.status, "T", text(job));
  assert.is(job.files, 3);
});

/** A backup of one Plugin line that must fail; returns the job's messages. */
function failedBackup(options) {
  const job = sim(["backup", "--archive", join(work, "failed.bar"), "--fileset-plugin", command(options)]);
  assert.is(job.status, "f", text(job));
  return text(job);
}

test("a reader that exits 1 fails the job with the tail of its (long) stderr", () => {
  // 200 KB of stderr: more than a pipe holds, while the daemon reads stdout.
  const noisy = "i=0; while [ $i -lt 8000 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done; " +
                "echo some data; echo 'final complaint' >&2; exit 1";
  const msg = failedBackup(`file=/@command/noisy:shell=yes:reader=${noisy}`);
  assert.match(msg, "[M_FATAL]");
  assert.match(msg, /\/@command\/noisy: reader ".*" exited with status 1; its stderr ends with:\n/);
  assert.match(msg, /noise line 7999\nfinal complaint/);
  assert.not.match(msg, "noise line 0\n");
});

test("a reader killed by a signal fails the job", () => {
  const msg = failedBackup("file=/@command/killed:shell=yes:reader=echo partial; echo dying >&2; kill -KILL $$");
  assert.match(msg, "was killed by signal 9 (SIGKILL); its stderr ends with:\ndying");
});

test("a missing program, bad quoting or a relative file name fail the job before anything runs", () => {
  assert.match(failedBackup("file=/@command/x:reader=/nonexistent/reader --flag"),
               "/@command/x: reader \"/nonexistent/reader --flag\": /nonexistent/reader: command not found");
  assert.match(failedBackup("file=/@command/x:reader=tar 'oops"), "option reader: unterminated ' quote");
  assert.match(failedBackup("file=/@command/x:reader=tar c:writer=tar x \"oops"), "option writer: unterminated \" quote");
  assert.match(failedBackup("file=relative:reader=true"), "option file must be an absolute path");
  assert.match(failedBackup("reader=true"), "mandatory option file is missing");
});

test("a failing writer fails the restore with its stderr tail", () => {
  const archive = join(work, "writer.bar");
  // The writer reads all its input first: the simulator does not ignore
  // SIGPIPE as bareos-fd does, so a writer that quits early would end it.
  const writer = "cat > /dev/null; echo 'writer refused' >&2; exit 3";
  const backup = sim(["backup", "--archive", archive, "--fileset-plugin",
                      command(`file=/@command/w:shell=yes:reader=head -c 1000000 /dev/zero:writer=${writer}`)]);
  assert.is(backup.status, "T", text(backup));
  const job = sim(["restore", "--archive", archive]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] .*\/@command\/w: writer ".*" exited with status 3; its stderr ends with:\nwriter refused/);
});

test("a restore without writer= (and without where) says how to get the data", () => {
  const archive = join(work, "nowriter.bar");
  const backup = sim(["backup", "--archive", archive, "--fileset-plugin", command("file=/@command/nw:reader=echo hi")]);
  assert.is(backup.status, "T", text(backup));
  const job = sim(["restore", "--archive", archive]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), "/@command/nw: no writer= option; restore with where= set to get the data as a file");
});

test("a canceled job ends its programs", () => {
  const slow = command("file=/@command/slow:shell=yes:reader=sleep 0.2; echo late");
  const job = sim(["backup", "--archive", join(work, "cancel.bar"), "--cancel-after", "1",
                   "--fileset-plugin", slow, "--fileset-plugin", slow.replace("/slow", "/slow2")]);
  assert.is(job.status, "A", text(job));
});

test("a program that outlives its stdout is ended when the call times out", () => {
  // The wait in IO_CLOSE must yield to timeout= (and to a cancel alike); the
  // end-of-job event then ends the program.
  const started = Date.now();
  const job = sim(["backup", "--archive", join(work, "hang.bar"), "--fileset-plugin",
                   command("timeout=1:file=/@command/hang:shell=yes:reader=echo data; exec >&-; exec sleep 60")]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), "interrupted after the call timeout of 1 s");
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
});

test.after(() => cleanup(work));
test.run();
