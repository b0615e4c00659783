// Names are bytes on every way into a script and back: plugin option values,
// list files, options files, a program's arguments, environment and output,
// and the job messages that name them. The plugin strings hold bytes that
// are not UTF-8, so they reach the simulator from files (--fileset-plugin @FILE).
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, tempDir, cleanup, messages, sane, testPlugins, root } from "../../lib/sim.mjs";

const work = tempDir("bq-bytes-");
const B = (s) => Buffer.from(s, "latin1");
// "café" in Latin-1: one byte, 0xE9, that is not UTF-8; a script sees U+DCE9.
const cafe = "caf\xe9";
const escaped = "caf\udce9";
fs.writeFileSync(B(join(work, `${cafe}.txt`)), "latin-1 name\n");
fs.writeFileSync(B(join(work, ` ${cafe} spaced `)), "spaces around\n");
const plugins = join(root, "build/plugins");

/** A plugin string file (its bytes as given), for --fileset-plugin @FILE. */
let n = 0;
function pluginFile(text) {
  const file = join(work, `plugin-${n++}.txt`);
  fs.writeFileSync(file, B(text));
  return `@${file}`;
}

function ok(result) {
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  assert.is(job.status, "T", messages(job).join("\n"));
  return job;
}

test("an option value, a list, a program's argv, env and output, and messages keep the bytes", () => {
  const dir = join(work, "probe");
  fs.mkdirSync(dir);
  const list = join(work, "probe.list");
  fs.writeFileSync(list, B(`${work}/${cafe}.txt\n`));
  const job = ok(runSim(["backup", "--archive", join(work, "probe.bar"), "--fileset-plugin",
                         pluginFile(`quickjs:module_path=${testPlugins}:module_name=bytes-probe:value=${cafe}:list=${list}:dir=${dir}`)]));
  const texts = messages(job);
  const probe = JSON.parse(texts.find((t) => t.startsWith("[M_INFO] quickjs-fd: probe {")).replace(/^.*?probe /, ""));
  assert.equal(probe, {
    value: escaped,
    lines: [`${work}/${escaped}.txt`],
    linesExist: ["ok"],
    argvStatus: 0,
    argvBack: escaped,
    envStatus: 0,
    envBack: escaped,
    encoded: "636166e9",
    decodedBack: true,
    path: "string",
    environHasPath: true,
    missing: "ENOENT: exec /nonexistent/program: No such file or directory",
    readDirectory: `EISDIR: readFile ${dir}: Is a directory`,
    readFifo: `EINVAL: readFile ${dir}/fifo: not a regular file`,
    procArgv0: "bareos-fd-sim",
  });
  // The message with the name itself reached the daemon as the name's bytes.
  assert.ok(texts.includes(`[M_INFO] quickjs-fd: probe raw ${escaped}`), texts.join("\n"));
  assert.ok(fs.readFileSync(B(join(dir, `out-${cafe}`))).equals(B(cafe)));
});

test("local-fileset backs up names a list (found through a defaults file) gives as bytes", () => {
  const list = join(work, `list-${cafe}.txt`);
  fs.writeFileSync(B(list), B(`# names as bytes, spaces kept\n${work}/${cafe}.txt\n${work}/ ${cafe} spaced \n`));
  const defaults = join(work, "defaults.ini");
  fs.writeFileSync(defaults, B(`filename=${list}\n`));
  const archive = join(work, "list.bar");
  const job = ok(runSim(["backup", "--archive", archive, "--fileset-plugin",
                         pluginFile(`quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:defaults_file=${defaults}`)]));
  assert.equal(job.files_list.map((f) => f.fname), [`${work}/${escaped}.txt`, `${work}/ ${escaped} spaced `]);
  const where = join(work, "restored-list");
  ok(runSim(["restore", "--archive", archive, "--where", where]));
  assert.is(fs.readFileSync(B(join(where, work, `${cafe}.txt`)), "utf8"), "latin-1 name\n");
  assert.is(fs.readFileSync(B(join(where, work, ` ${cafe} spaced `)), "utf8"), "spaces around\n");
});

test("a missing name is reported with its bytes", () => {
  const list = join(work, "missing.list");
  fs.writeFileSync(list, B(`${work}/gone-${cafe}\n`));
  const result = runSim(["backup", "--archive", join(work, "missing.bar"), "--fileset-plugin",
                         `quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:filename=${list}`]);
  assert.ok(sane(result), result.stderr);
  assert.match(messages(result.jobs[0]).join("\n"),
               `[M_ERROR] quickjs-fd: cannot back up ${work}/gone-${escaped}: lstat ${work}/gone-${escaped}: No such file or directory`);
});

test("the command plugin runs a program with a name that is not UTF-8", () => {
  const archive = join(work, "command.bar");
  const job = ok(runSim(["backup", "--archive", archive, "--working-dir", work, "--fileset-plugin",
                         pluginFile(`quickjs:module_path=${plugins}:module_name=bareos-fd-command:file=/@command/${cafe}:reader=cat '${work}/${cafe}.txt'`)]));
  assert.equal(job.files_list.map((f) => f.fname), [`/@command/${escaped}`]);
  const where = join(work, "restored-command");
  ok(runSim(["restore", "--archive", archive, "--where", where, "--working-dir", work]));
  assert.is(fs.readFileSync(B(join(where, `@command/${cafe}`)), "utf8"), "latin-1 name\n");
});

test.after(() => cleanup(work));
test.run();
