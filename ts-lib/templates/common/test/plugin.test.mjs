// `npm test`: the plugin type-checks and bundles; with a simulated file
// daemon at hand (BAREOS_FD_SIM, and BAREOS_PLUGIN_DIR holding quickjs-fd.so,
// both from a build of bareos-quickjs), a backup and a restore run through it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "bareos-qjs/build";

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "{{name}}-"));
const { BAREOS_FD_SIM: sim, BAREOS_PLUGIN_DIR: plugins } = process.env;

test("the plugin type-checks and bundles", async () => {
  const { bytes } = await build({ plugin: pluginDir, outdir: join(work, "modules") });
  assert.ok(bytes > 0);
});

test("a backup restores the greeting", { skip: "{{daemon}}" !== "fd" || !sim || !plugins ? "needs BAREOS_FD_SIM and BAREOS_PLUGIN_DIR" : false }, () => {
  const archive = join(work, "backup.bar");
  const where = join(work, "restore");
  execFileSync(sim, ["--plugin-dir", plugins, "backup", "--archive", archive, "--fileset-plugin",
                     `quickjs:module_path=${join(work, "modules")}:module_name={{name}}:greeting=Hi`]);
  execFileSync(sim, ["--plugin-dir", plugins, "restore", "--archive", archive, "--where", where]);
  assert.equal(readFileSync(join(where, "@{{name}}/greeting.txt"), "utf8"), "Hi\n");
});
