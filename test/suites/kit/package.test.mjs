// The kit as an author gets it: the npm tarball `make` packs, installed into
// an empty folder outside this checkout, its `init` scaffold built, run in
// the simulated file daemon and tested with its own `npm test`; every
// command's help; `watch` rebuilding on change.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { root } from "../../lib/kit.mjs";

const { version } = JSON.parse(readFileSync(join(root, "ts-lib/package.json"), "utf8"));
const tarball = join(root, `build/npm/bareos-qjs-${version}.tgz`);
const qjsc = join(root, "build/bin/bareos-qjsc");
const sim = join(root, "build/bin/bareos-fd-sim");
const pluginDir = join(root, "build/lib");
const author = mkdtempSync(join(tmpdir(), "bq-author-"));
const npx = (args, options = {}) =>
  spawnSync("npx", ["--no-install", "bareos-qjs", ...args], { cwd: author, encoding: "utf8", ...options });

test.before(() => {
  assert.ok(existsSync(tarball), `${tarball} is missing: make packs it`);
  assert.ok(relative(root, author).startsWith(".."), "the author's folder is outside the checkout");
  writeFileSync(join(author, "package.json"), JSON.stringify({ name: "author", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], { cwd: author, stdio: "pipe" });
});

test("the package holds compiled JavaScript, its typings and no repository paths", () => {
  const kit = join(author, "node_modules/bareos-qjs");
  const pkg = JSON.parse(readFileSync(join(kit, "package.json"), "utf8"));
  assert.is(pkg.private, undefined);
  assert.is(pkg.license, "AGPL-3.0-only");
  assert.ok(pkg.engines?.node, "engines.node");
  for (const entry of [".", "./sd", "./dir"]) {
    assert.ok(existsSync(join(kit, pkg.exports[entry].default)), `${entry} -> ${pkg.exports[entry].default}`);
    assert.ok(existsSync(join(kit, pkg.exports[entry].types)), `${entry} -> ${pkg.exports[entry].types}`);
    assert.match(pkg.exports[entry].default, /\.js$/);
  }
  for (const dep of ["esbuild", "typescript"]) assert.ok(pkg.dependencies[dep], dep);
  for (const file of ["bareos-tables.d.ts", "bareos-common.d.ts", "bareosfd.d.ts", "bareossd.d.ts", "bareosdir.d.ts", "bareos-os.d.ts", "qjs.d.ts"])
    assert.ok(existsSync(join(kit, "types", file)), file);
  assert.ok(existsSync(join(kit, "LICENSE")) && existsSync(join(kit, "README.md")));
  const code = ["bin/bareos-qjs.mjs", "lib/build.js", "lib/init.js"].map((f) => readFileSync(join(kit, f), "utf8")).join("\n");
  // Only the help text names a build of this repository, as where bareos-qjsc may be.
  assert.not.match(code, /ts-lib|\.\.\/build|["'`]build\/bin/);
});

test("every command has its help, and a wrong call its usage", () => {
  const top = npx(["--help"]);
  assert.is(top.status, 0);
  for (const command of ["init", "check", "build", "watch"]) {
    assert.match(top.stdout, new RegExp(`^  ${command} `, "m"));
    const help = npx([command, "--help"]);
    assert.is(help.status, 0, command);
    assert.match(help.stdout, new RegExp(`^usage: bareos-qjs ${command}`), command);
  }
  assert.match(npx(["build", "--help"]).stdout, /moduleName[\s\S]*daemon[\s\S]*entry/);
  const unknown = npx(["frobnicate"]);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  assert.is(npx(["build", "--outdri", "x"]).status, 2);
});

test("init scaffolds a plugin that builds, runs in the file daemon and passes its own test", () => {
  const init = npx(["init", "my-plugin"]);
  assert.is(init.status, 0, init.stderr);
  const dir = join(author, "my-plugin");
  for (const file of ["plugin.json", "tsconfig.json", "package.json", "index.ts", "README.md", "test/plugin.test.mjs"])
    assert.ok(existsSync(join(dir, file)), file);
  assert.is(npx(["init", "my-plugin"]).status, 1, "init refuses a folder that is not empty");

  const built = npx(["build", "--qjsc", qjsc], { cwd: dir });
  assert.is(built.status, 0, built.stderr);
  assert.equal(readdirSync(join(dir, "build")).sort(), ["my-plugin.js", "my-plugin.js.map", "my-plugin.qjsbc"]);
  const map = JSON.parse(readFileSync(join(dir, "build/my-plugin.js.map"), "utf8"));
  assert.ok(map.sources.includes("index.ts"), map.sources.join());
  assert.ok(map.sources.includes("../node_modules/bareos-qjs/src/fd-plugin.ts"), map.sources.join());

  const archive = join(author, "backup.bar");
  const where = join(author, "restore");
  execFileSync(sim, ["--plugin-dir", pluginDir, "backup", "--archive", archive, "--fileset-plugin",
                     `quickjs:module_path=${join(dir, "build")}:module_name=my-plugin:greeting=Hi there`]);
  execFileSync(sim, ["--plugin-dir", pluginDir, "restore", "--archive", archive, "--where", where]);
  assert.is(readFileSync(join(where, "@my-plugin/greeting.txt"), "utf8"), "Hi there\n");

  const own = spawnSync("npm", ["test"], { cwd: dir, encoding: "utf8",
                                           env: { ...process.env, BAREOS_FD_SIM: sim, BAREOS_PLUGIN_DIR: pluginDir } });
  assert.is(own.status, 0, own.stdout + own.stderr);
  assert.match(own.stdout, /# pass 2\n/);
  assert.match(own.stdout, /# skipped 0\n/);
});

test("without a bytecode compiler given the bundle is plain JavaScript, whatever is on PATH", () => {
  // A bareos-qjsc on PATH may belong to another engine than the daemon's.
  const bin = join(author, "path-bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "bareos-qjsc"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  const env = { ...process.env, BAREOS_QJSC: "", PATH: `${bin}:${process.env.PATH}` };
  const r = npx(["build", "my-plugin", "--outdir", "plain"], { env });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /no bytecode: no compiler given by --qjsc or \$BAREOS_QJSC/);
  assert.equal(readdirSync(join(author, "plain")).sort(), ["my-plugin.js", "my-plugin.js.map"]);
});

test("storage daemon and director scaffolds type-check and build", () => {
  for (const daemon of ["sd", "dir"]) {
    assert.is(npx(["init", `my-${daemon}`, "--daemon", daemon]).status, 0, daemon);
    const r = npx(["build", `my-${daemon}`, "--no-bytecode"]);
    assert.is(r.status, 0, r.stderr);
    assert.match(readFileSync(join(author, `my-${daemon}/build/my-${daemon}.js`), "utf8"), new RegExp(`from "bareos${daemon}"`));
  }
});

test("a hook spelled like Python's is caught against the installed base classes", () => {
  assert.is(npx(["init", "misnamed"]).status, 0);
  const index = join(author, "misnamed/index.ts");
  writeFileSync(index, readFileSync(index, "utf8").replace("class Plugin extends BareosFdPlugin {",
    "class Plugin extends BareosFdPlugin {\n  start_backup_file(): number { return 0; }"));
  const r = npx(["check", "misnamed"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /index\.ts:\d+:\d+: error: start_backup_file is never called: the base class's hook is startBackupFile/);
});

/** Lines the watcher prints, awaited one pattern at a time. */
function lines(child) {
  let seen = "";
  const waiting = [];
  const feed = (chunk) => {
    seen += chunk;
    for (const w of [...waiting]) if (w.pattern.test(seen)) { waiting.splice(waiting.indexOf(w), 1); seen = ""; w.resolve(); }
  };
  child.stdout.on("data", feed);
  child.stderr.on("data", feed);
  return (pattern, ms = 20000) => new Promise((resolve, reject) => {
    if (pattern.test(seen)) { seen = ""; return resolve(); }
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; saw: ${seen}`)), ms);
    waiting.push({ pattern, resolve: () => { clearTimeout(timer); resolve(); } });
  });
}

test("watch rebuilds on change, reports a type error and recovers", async () => {
  const dir = join(author, "my-plugin");
  // The tool itself, not npx: killing npx would leave the watcher running.
  const child = spawn(join(author, "node_modules/.bin/bareos-qjs"), ["watch", "--no-bytecode"], { cwd: dir });
  const next = lines(child);
  try {
    await next(/watching/);
    const source = readFileSync(join(dir, "index.ts"), "utf8");
    writeFileSync(join(dir, "index.ts"), source.replace("Hello from my-plugin", "Changed greeting"));
    await next(/built .*my-plugin\.js .* in \d+ ms/);
    assert.match(readFileSync(join(dir, "build/my-plugin.js"), "utf8"), /Changed greeting/);
    writeFileSync(join(dir, "index.ts"), source.replace("return fd.bRC_OK;", "return 42;"));
    await next(/index\.ts:\d+:\d+: error TS/);
    writeFileSync(join(dir, "index.ts"), source);
    await next(/built .*my-plugin\.js .* in \d+ ms/);
    assert.match(readFileSync(join(dir, "build/my-plugin.js"), "utf8"), /Hello from my-plugin/);
  } finally {
    child.kill();
  }
});

test.after(() => rmSync(author, { recursive: true, force: true }));

test.run();
