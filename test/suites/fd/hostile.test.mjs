// Hostile inputs, one row each: the input, the message expected in the job
// log (or success where the input is merely odd), and always a live daemon
// that wrote nothing outside `where`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane, testPlugins } from "../../lib/sim.mjs";

const work = tempDir("bq-hostile-");
const modules = join(work, "modules");
fs.mkdirSync(modules);
const write = (name, content) => fs.writeFileSync(join(modules, name), content);
write("empty.js", "");
write("never-settles.js", "await new Promise(() => {});\nexport function load_bareos_plugin() { return 0; }\n" +
      "export function parse_plugin_definition() { return 0; }\n");
// Settled only by a read handler: the loop must know one is set.
write("settled-by-io.js", 'import * as io from "qjs:os";\nconst [r, w] = io.pipe();\n' +
      "await new Promise((resolve) => {\n" +
      "  io.setReadHandler(r, () => { io.setReadHandler(r, null); io.close(r); io.close(w); resolve(); });\n" +
      "  io.write(w, new Uint8Array([1]).buffer, 0, 1);\n});\n" +
      fs.readFileSync(join(testPlugins, "misbehave.js"), "latin1"));
write("imports-missing.js", 'import { x } from "./not-there.js";\nexport function load_bareos_plugin() { return x; }\n' +
      "export function parse_plugin_definition() { return 0; }\n");
write("not-utf8.js", Buffer.from([0x2f, 0x2f, 0x20, 0xff, 0xfe, 0x0a, 0x80, 0x81]));
fs.mkdirSync(join(modules, "a-directory.js"));
execFileSync("mkfifo", [join(modules, "a-fifo.js")]);
// A fifo where the bytecode would be: the module still loads, from its .js.
fs.copyFileSync(join(testPlugins, "misbehave.js"), join(modules, "fifo-bytecode.js"));
execFileSync("mkfifo", [join(modules, "fifo-bytecode.qjsbc")]);
fs.writeFileSync(join(modules, "huge.js"), "");
fs.truncateSync(join(modules, "huge.js"), 200 << 20);
const garbage = Buffer.from(Array.from({ length: 2000 }, (_, i) => 1 + ((i * 7919) % 255))).toString("latin1");

const FAILS = (pattern) => ({ ok: false, pattern });
const SUCCEEDS = (pattern) => ({ ok: true, pattern });
const misbehave = (options) => pluginString("misbehave", options);
const inModules = (name) => pluginString(name, "", modules);

const backupRows = [
  ["an empty plugin string", "", FAILS(/Command plugin "" not found/)],
  ["a plugin string without ':'", "quickjs", FAILS(/has no options/)],
  ["a key without a value", misbehave("novalue"), FAILS(/illegal argument "novalue" without value/)],
  ["unknown keys (they reach the script)", misbehave("colour=blue:size=xl"), SUCCEEDS()],
  ["a 64 KiB value", misbehave(`big=${"v".repeat(65536)}`), SUCCEEDS()],
  ["a '\\' at the end", misbehave("path=x\\"), SUCCEEDS()],
  ["NUL-free binary garbage", `quickjs:${garbage}`, FAILS(/without value|must be a plain file name|cannot load module/)],
  ["a module name with ../", pluginString("../plugins/misbehave"), FAILS(/must be a plain file name/)],
  ["an absolute module name", "quickjs:module_name=/etc/passwd", FAILS(/must be a plain file name/)],
  ["a module that is a directory", inModules("a-directory"), FAILS(/a-directory\.js: not a regular file/)],
  ["a module that is a fifo", inModules("a-fifo"), FAILS(/a-fifo\.js: not a regular file/)],
  ["a fifo in place of the bytecode", inModules("fifo-bytecode"), SUCCEEDS()],
  ["a huge module file", inModules("huge"), FAILS(/its 209715200 bytes exceed memory_limit \(64 MiB\)/)],
  ["a bundle with a syntax error", pluginString("syntax-error"), FAILS(/SyntaxError/)],
  ["a bundle whose top level throws", pluginString("throws-at-load"), FAILS(/top level says no/)],
  ["a top-level await that never settles", inModules("never-settles"), FAILS(/a promise that can never settle/)],
  ["a top-level await that a read handler settles", inModules("settled-by-io"), SUCCEEDS()],
  ["a bundle importing a missing module", inModules("imports-missing"), FAILS(/could not load module .*not-there\.js/)],
  ["a bundle that is not UTF-8", inModules("not-utf8"), FAILS(/SyntaxError: invalid UTF-8/)],
  ["an empty bundle", inModules("empty"), FAILS(/empty\.js exports no load_bareos_plugin\(\)/)],
  ["start_backup_file OK without a file name", misbehave("no_fname=1"), FAILS(/without a file name/)],
  ["start_backup_file OK without a type", misbehave("no_type=1"), FAILS(/without a file type/)],
  ["statp getters that change the SavePacket while it is copied (one drops statp)",
   misbehave("statp_getters=1"), FAILS(/returned bRC_OK without file attributes \(savepkt.statp\)/)],
  ["a restore object of the wrong type", misbehave("bad_object=1"),
   FAILS(/SavePacket\.object: expected a Uint8Array or an ArrayBuffer/)],
  ["a read reporting more than count", misbehave("overread=1"), FAILS(/more than count/)],
  ["direct I/O on a descriptor that is not open", misbehave("bad_fd=1"), FAILS(/Bad file descriptor/)],
  ["closing the core's descriptor twice", misbehave("double_close=1"), FAILS(/close: Bad file descriptor/)],
];

let n = 0;
function check(result, { ok, pattern }) {
  assert.ok(sane(result), `the daemon died or a sanitizer spoke:\n${result.stderr}`);
  const job = result.jobs[0];
  const text = messages(job).join("\n");
  if (ok) assert.is(job.status, "T", text);
  else assert.not.equal(job.status, "T", text);
  if (pattern) assert.match(text, pattern);
}

for (const [name, plugin, expect] of backupRows) {
  test(`backup with ${name}`, () =>
    check(runSim(["backup", "--fileset-plugin", plugin, "--archive", join(work, `${n++}.bar`)],
                 { timeout: 60_000 }), expect));
}

const archive = join(work, "good.bar");
runSim(["backup", "--fileset-plugin", misbehave(""), "--archive", archive]);
const restoreRows = [
  ["a write reporting a different count", "quickjs:short_write=1", FAILS(/wrote 17 of 18 bytes/)],
  ...["start_restore_file", "create_file", "set_file_attributes", "end_restore_file"].map((entry) =>
    [`a wrong return type from ${entry}`, `quickjs:return_in=${entry}`,
     FAILS(new RegExp(`${entry}\\(\\) returned a string; expected a bRC value`))]),
];
for (const [name, options, expect] of restoreRows) {
  test(`restore with ${name} writes nothing outside where`, () => {
    const outside = join(work, "outside");
    fs.mkdirSync(outside, { recursive: true });
    const where = join(outside, `where-${n++}`);
    check(runSim(["restore", "--archive", archive, "--where", where, "--plugin-options", options]), expect);
    assert.equal(fs.readdirSync(outside).filter((f) => !f.startsWith("where-")), []);
  });
}

test.after(() => cleanup(work));
test.run();
