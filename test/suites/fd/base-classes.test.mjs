// What a plugin ported from Python relies on in the base classes: the
// config directory as Python finds it, since and startTime, the instance
// from other modules, appendFileToBackup, names with a trailing "/",
// directories, links and fifos never opened by the I/O, a restore that
// replaces a link instead of writing through it, attribute errors as
// warnings, unknown file types skipped, the default set_acl message, and
// local-fileset's allow/deny and empty lists.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as net from "node:net";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, root } from "../../lib/sim.mjs";

const testPlugins = join(root, "build/test-plugins");
const plugins = join(root, "build/plugins");
const work = tempDir("bq-base-");
const probe = (options) => pluginString("bareos-fd-base-probe", options, testPlugins);

function finished(result, status = "T") {
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  assert.is(job.status, status, messages(job).join("\n"));
  return { job, text: messages(job).join("\n") };
}

const probeJob = (text) => JSON.parse(/probe job (.*)/.exec(text)[1]);

test("the config directory is found as Python's base class finds it", () => {
  const etc = join(work, "etc");
  fs.mkdirSync(join(etc, "bareos-fd.d/client"), { recursive: true });
  fs.writeFileSync(join(etc, "bareos-fd.conf"), "# one file\n");
  const file = join(work, "some-file");
  fs.writeFileSync(file, "x\n");
  const cases = [
    [join(etc, "bareos-fd.conf"), `${etc}/`],
    [join(etc, "bareos-fd.d/*/*.conf"), `${etc}/bareos-fd.d/`],
    [join(work, "missing/bareos-fd.d/*/*.conf"), "/"],
    [join(etc, "bareos-fd.d"), "/"],
    ["", "/"],
  ];
  for (const [config, expected] of cases) {
    const { text } = finished(runSim(["--config", config, "backup", "--archive", "/dev/null",
                                      "--fileset-plugin", probe(`path=${file}`)]));
    assert.is(probeJob(text).configDir, expected, `--config ${config}`);
  }
});

test("defaults_file is found in a split configuration's directory", () => {
  const etc = join(work, "split");
  fs.mkdirSync(join(etc, "bareos-fd.d/client"), { recursive: true });
  const file = join(work, "from-defaults");
  fs.writeFileSync(file, "named by the defaults file\n");
  fs.writeFileSync(join(etc, "bareos-fd.d/probe.ini"), `path=${file}\n`);
  const { job } = finished(runSim(["--config", join(etc, "bareos-fd.d/*/*.conf"), "backup", "--archive",
                                   "/dev/null", "--fileset-plugin", probe("defaults_file=probe.ini")]));
  assert.equal(job.files_list.map((f) => f.fname), [file]);
});

test("since and startTime, and the instance reached from another module", () => {
  const file = join(work, "since.txt");
  fs.writeFileSync(file, "x\n");
  const before = Math.floor(Date.now() / 1000);
  const { text } = finished(runSim(["backup", "--level", "I", "--since", "1700000000", "--archive", "/dev/null",
                                    "--fileset-plugin", probe(`path=${file}`)]));
  const { since, startTime } = probeJob(text);
  assert.is(since, 1700000000);
  assert.ok(startTime >= before && startTime <= Math.floor(Date.now() / 1000) + 1, String(startTime));
  assert.match(text, `probe append ${file}, by the instance: true`);
});

const FT_REG = 3, FT_LNK = 4, FT_DIREND = 5;

test("a directory named with a trailing / is saved by its name; a link to a directory stays a link", () => {
  const dir = join(work, "slashed");
  fs.mkdirSync(dir);
  fs.symlinkSync(dir, join(work, "link-to-dir"));
  const { job } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                   probe(`path=${dir}/,${join(work, "link-to-dir")}/`)]));
  assert.equal(job.files_list.map((f) => [f.fname, f.type]),
               [[`${dir}/`, FT_DIREND], [join(work, "link-to-dir"), FT_LNK]]);
});

test("directories, links and fifos sent as files are never opened: no data, no hang", () => {
  const dir = join(work, "special");
  fs.mkdirSync(dir);
  fs.writeFileSync(join(dir, "target"), "the link's target\n");
  fs.symlinkSync(join(dir, "target"), join(dir, "link"));
  execFileSync("mkfifo", [join(dir, "fifo")]);
  const names = ["link", "fifo"].map((n) => join(dir, n)).concat(dir);
  for (const inCore of ["", ":do_io_in_core=yes"]) {
    const { job } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                     probe(`path=${names.join(",")}:as_reg=yes${inCore}`)], { timeout: 60_000 }));
    assert.equal(job.files_list.map((f) => [f.fname, f.type, f.size]), names.map((n) => [n, FT_REG, 0]));
  }
});

test("a restore replaces a link by the file instead of writing through it", () => {
  const file = join(work, "victim-test.txt");
  fs.writeFileSync(file, "restored content\n");
  const archive = join(work, "link.bar");
  finished(runSim(["backup", "--archive", archive, "--fileset-plugin", probe(`path=${file}`)]));
  const where = join(work, "link-restore");
  const victim = join(work, "victim");
  fs.writeFileSync(victim, "must stay\n");
  fs.mkdirSync(join(where, work), { recursive: true });
  fs.symlinkSync(victim, join(where, file));
  finished(runSim(["restore", "--archive", archive, "--where", where]));
  assert.is(fs.readFileSync(victim, "utf8"), "must stay\n");
  assert.ok(fs.lstatSync(join(where, file)).isFile());
  assert.is(fs.readFileSync(join(where, file), "utf8"), "restored content\n");
});

test("a link that cannot be created fails that file, and the restore goes on", () => {
  const dir = join(work, "blocked");
  fs.mkdirSync(dir);
  const link = join(dir, "a-link");
  const file = join(dir, "z-file.txt");
  fs.symlinkSync("somewhere", link);
  fs.writeFileSync(file, "after the link\n");
  const archive = join(work, "blocked.bar");
  finished(runSim(["backup", "--archive", archive, "--fileset-plugin", probe(`path=${link},${file}`)]));
  const where = join(work, "blocked-restore");
  fs.mkdirSync(join(where, link), { recursive: true });
  const restore = runSim(["restore", "--archive", archive, "--where", where]);
  assert.ok(sane(restore), restore.stderr);
  const job = restore.jobs[0];
  // The plugin's error, then the daemon's own for the file.
  const errors = job.messages.filter((m) => m.type === "M_ERROR").map((m) => m.text);
  assert.equal(errors.length, 2, messages(job).join("\n"));
  assert.match(errors[0], `cannot restore ${join(where, link)}: `);
  assert.match(errors[1], `createFile failed for ${join(where, link)}`);
  assert.is(fs.readFileSync(join(where, file), "utf8"), "after the link\n");
});

test("attributes that cannot be set are a warning, and the restore succeeds", () => {
  const dir = join(work, "lost");
  fs.mkdirSync(dir);
  const archive = join(work, "lost.bar");
  finished(runSim(["backup", "--archive", archive, "--fileset-plugin", probe(`path=${dir}`)]));
  const where = join(work, "lost-restore");
  fs.mkdirSync(where);
  const restore = runSim(["restore", "--archive", archive, "--where", where,
                          "--plugin-options", probe(`path=${dir}:lose_dirs=yes`)]);
  const { job } = finished(restore);
  const warnings = job.messages.filter((m) => m.type === "M_WARNING").map((m) => m.text);
  assert.equal(warnings.length, 1, messages(job).join("\n"));
  assert.match(warnings[0], `cannot set the attributes of ${join(where, dir)}: `);
});

test("a file type the base class cannot save is a warning and skipped", async () => {
  const socket = join(work, "a.sock");
  const server = net.createServer();
  await new Promise((done) => server.listen(socket, done));
  const file = join(work, "after-socket.txt");
  fs.writeFileSync(file, "saved\n");
  try {
    const { job } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                     probe(`path=${socket},${file}`)]));
    assert.equal(job.files_list.map((f) => f.fname), [file]);
    const warning = job.messages.find((m) => m.type === "M_WARNING");
    assert.ok(warning, messages(job).join("\n"));
    assert.match(warning.text, `skipping ${socket}: not a file, directory, link or fifo`);
  } finally {
    server.close();
  }
});

test("an ACL the plugin saves but does not restore is named in an info message", () => {
  const file = join(work, "acl.txt");
  fs.writeFileSync(file, "acl\n");
  const archive = join(work, "acl.bar");
  finished(runSim(["backup", "--archive", archive, "--fileset-plugin", probe(`path=${file}`)]));
  const where = join(work, "acl-restore");
  const { text } = finished(runSim(["restore", "--archive", archive, "--where", where]));
  assert.match(text, `[M_INFO] quickjs-fd: set_acl() called for ${join(where, file)}: not restored, ` +
                     "the plugin does not override setAcl");
});

const tree = join(work, "fileset");
fs.mkdirSync(join(tree, "sub"), { recursive: true });
for (const name of ["a.txt", "b.log", "sub/c.txt", "sub/d.log"]) fs.writeFileSync(join(tree, name), name);
const fileList = (name, lines) => {
  const path = join(work, `${name}.list`);
  fs.writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const localFileset = (options) => pluginString("bareos-fd-local-fileset", options, plugins);

test("local-fileset: allow and deny pick files, directories are always saved, each denied file is named", () => {
  const { job } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                   localFileset(`filename=${fileList("tree", [tree])}:allow=\\.txt$:deny=^${work}/fileset/sub/c`)]));
  assert.equal(job.files_list.map((f) => f.fname).sort(),
               [join(tree, "a.txt"), `${tree}/sub/`, `${tree}/`].sort());
  const denied = job.messages.filter((m) => m.text.includes("denied by configuration"));
  assert.equal(denied.map((m) => [m.type, m.text.trim()]).sort(),
               ["b.log", "sub/c.txt", "sub/d.log"].map((n) => ["M_INFO", `quickjs-fd: File ${join(tree, n)} denied by configuration`]));
});

test("local-fileset: a list that leaves nothing to back up fails the job", () => {
  const list = fileList("nothing", [join(tree, "b.log")]);
  const { text } = finished(runSim(["backup", "--archive", "/dev/null", "--fileset-plugin",
                                    localFileset(`filename=${list}:deny=log`)]), "f");
  assert.match(text, `No (allowed) files to backup found in ${list}`);
});

test.after(() => cleanup(work));
test.run();
