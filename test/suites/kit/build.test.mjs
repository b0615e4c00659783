// The bundler: type errors fail the build with tsc's message and position,
// Node built-ins are refused, exports must be the entry points, and a good
// plugin becomes one ES module with a source map in project-relative paths.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";
import { build, BuildError } from "../../../ts-lib/lib/build.js";

process.chdir(root);
const outdir = mkdtempSync(join(tmpdir(), "bq-build-"));

async function buildError(plugin) {
  try {
    await build({ plugin, outdir });
  } catch (e) {
    assert.instance(e, BuildError);
    return e;
  }
  assert.unreachable(`${plugin} should not build`);
}

test("a type error fails the build with tsc's message", async () => {
  const e = await buildError("test/plugins/ts/type-error");
  assert.equal(e.errors, [{ file: "test/plugins/ts/type-error/index.ts", line: 6, column: 5,
                            text: "error TS2322: Type 'number' is not assignable to type 'string'." }]);
  assert.is(e.message, "test/plugins/ts/type-error/index.ts:6:5: error TS2322: Type 'number' is not assignable to type 'string'.");
});

test("importing a Node built-in fails with a clear message", async () => {
  const e = await buildError("test/plugins/ts/node-import");
  assert.is(e.errors.length, 1);
  assert.is(e.errors[0].file, "test/plugins/ts/node-import/index.ts");
  assert.is(e.errors[0].line, 3);
  assert.match(e.errors[0].text, /"node:fs" is a Node.js built-in module and does not exist inside the Bareos daemon/);
});

test("exports that are not the entry points fail the build", async () => {
  const e = await buildError("test/plugins/ts/bad-exports");
  assert.match(e.message, /the module's exports are not the daemon's entry points/);
  assert.match(e.message, /start_backup_file/);
});

test("methods spelled like Python's (start_backup_file) fail the build, naming the hook", async () => {
  const e = await buildError("test/plugins/ts/python-names");
  assert.equal(e.errors, [
    { file: "test/plugins/ts/python-names/index.ts", line: 7, column: 3,
      text: "error: start_backup_file is never called: the base class's hook is startBackupFile" },
    { file: "test/plugins/ts/python-names/index.ts", line: 12, column: 3,
      text: "error: plugin_io_open is never called: the base class's hook is pluginIoOpen" },
  ]);
});

test("a plugin folder without plugin.json is refused", async () => {
  const e = await buildError("test/plugins/ts");
  assert.match(e.message, /plugin.json: missing/);
});

test("native modules become named imports of just the names a plugin uses", async () => {
  const { outfile } = await build({ plugin: "test/plugins/ts/native-imports", outdir });
  const js = readFileSync(outfile, "utf8");
  assert.not.match(js, /import \* as/);
  const names = (module) => {
    const line = js.split("\n").find((l) => l.endsWith(`from "${module}";`) && l.startsWith("import {"));
    return line ? line.slice(line.indexOf("{") + 1, line.indexOf("}")).split(",").map((s) => s.trim()) : [];
  };
  const fd = names("bareosfd");
  for (const used of ["JobMessage", "M_INFO", "bRCs", "bRC_OK"]) assert.ok(fd.includes(used), `${used} in ${fd}`);
  assert.not.ok(fd.includes("AddWild"), "an unused name is not imported");
  assert.ok(names("qjs:std").includes("getenviron"), "a spread call keeps its import");
  assert.ok(names("bareos:os").includes("S_IFDIR"));
  assert.not.ok(names("bareos:os").includes("mkfifo"));
});

test("a good plugin becomes one ES module and a source map", async () => {
  const { outfile, mapfile } = await build({ plugin: "plugins/local-fileset", outdir });
  assert.is(outfile, join(outdir, "bareos-fd-local-fileset.js"));
  const js = readFileSync(outfile, "utf8");
  assert.match(js, /from "bareosfd"/);
  assert.match(js, /export \{/);
  assert.not.match(js, /from "bareos-qjs"/);
  assert.ok(existsSync(mapfile));
  const map = JSON.parse(readFileSync(mapfile, "utf8"));
  assert.ok(map.sources.includes("plugins/local-fileset/index.ts"), map.sources.join());
  assert.ok(map.sources.includes("ts-lib/src/local-files.ts"), map.sources.join());
});

test.after(() => rmSync(outdir, { recursive: true, force: true }));
test.run();
