// The base classes in the real file daemon where the daemon decides what
// they see: directories, links and fifos the core opens through plugin_io
// as files give no data and do not hang the job; an ACL the plugin saved
// but does not restore is named in the log; a restore replaces a link in
// the file's place instead of writing through it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { realDaemons, assertStatus, root } from "./lib/suite.mjs";

const data = join(root, "build/test-bareos/base-classes/data");
const special = join(data, "special");
const file = join(data, "file.txt");
const probe = (options) =>
  `quickjs:module_path=${join(root, "build/test-plugins")}:module_name=bareos-fd-base-probe:${options}`;
const names = ["link", "fifo", "dir"].map((n) => join(special, n));

const it = realDaemons({
  name: "base-classes",
  filesets: [
    { Name: "special", Include: { Plugin: probe(`path=${[file, ...names].join(",")}:as_reg=yes`) } },
    { Name: "file", Include: { Plugin: probe(`path=${file}`) } },
  ],
  jobs: [{ Name: "special", FileSet: "special" }, { Name: "file", FileSet: "file" }],
}, () => {
  fs.mkdirSync(join(special, "dir"), { recursive: true });
  fs.writeFileSync(file, "restored content\n");
  fs.symlinkSync(file, join(special, "link"));
  execFileSync("mkfifo", [join(special, "fifo")]);
});

it("directories, links and fifos sent as files are not opened: no data, no hang", async (bareos) => {
  const job = await bareos.job("special", { level: "Full" }, { timeoutMs: 120_000 });
  assertStatus(job, "T");
  assert.is(job.files, 4);
  // Restored, each is a file with what was read from it: nothing.
  const where = bareos.data("special-restore");
  assertStatus(await bareos.restore({ jobids: [job.jobid], where }), "T");
  assert.is(fs.readFileSync(join(where, file), "utf8"), "restored content\n");
  for (const name of names) assert.is(fs.readFileSync(join(where, name), "utf8"), "", name);
});

it("a restore replaces a link in the file's place; an ACL not restored is named", async (bareos) => {
  const backup = await bareos.job("file", { level: "Full" });
  assertStatus(backup, "T");
  const where = bareos.data("restore");
  const victim = join(data, "victim");
  fs.writeFileSync(victim, "must stay\n");
  fs.mkdirSync(join(where, data), { recursive: true });
  fs.symlinkSync(victim, join(where, file));
  const restore = await bareos.restore({ jobids: [backup.jobid], where });
  assertStatus(restore, "T");
  assert.is(fs.readFileSync(victim, "utf8"), "must stay\n");
  assert.ok(fs.lstatSync(join(where, file)).isFile());
  assert.is(fs.readFileSync(join(where, file), "utf8"), "restored content\n");
  assert.match(restore.log, `set_acl() called for ${join(where, file)}: not restored, the plugin does not override setAcl`);
});

test.run();
