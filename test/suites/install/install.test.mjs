// make install and make uninstall into scratch directories: the files an
// admin gets, where, with which modes, the .so files and bareos-qjsc
// stripped yet loadable; uninstall leaves no file behind; a tree that was
// not built installs nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "");
const scratch = fs.mkdtempSync(join(tmpdir(), "bq-install-"));
// Not a calling make's jobserver: it is not ours.
const env = { ...process.env, MAKEFLAGS: "", MFLAGS: "", MAKELEVEL: "" };

function make(args, cwd = root) {
  const r = spawnSync("make", ["--no-print-directory", ...args], { cwd, env, encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Every entry below dir: relative path to "mode" (octal) and "d" for directories. */
function listing(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = fs.lstatSync(p);
      out[relative(dir, p)] = `${e.isDirectory() ? "d" : e.isFile() ? "f" : "?"}${(st.mode & 0o7777).toString(8)}`;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

// Every plugin folder but the README's example, hello (mk/install.mk says why).
const plugins = fs.readdirSync(join(root, "plugins"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "hello").map((d) => d.name);
const modules = plugins.map((p) => JSON.parse(fs.readFileSync(join(root, "plugins", p, "plugin.json"), "utf8")).moduleName);
const docPages = fs.readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
const pages = plugins.filter((p) => fs.existsSync(join(root, "plugins", p, "README.md")));

/**
 * The files make install puts below a prefix and a plugin directory:
 * path (relative, as below DESTDIR) to [mode, source].
 */
function expected(prefix, pluginDir) {
  const files = [];
  for (const d of ["fd", "sd", "dir"]) files.push([`${pluginDir}/quickjs-${d}.so`, "f644", `build/lib/quickjs-${d}.so`]);
  for (const m of modules)
    for (const ext of [".js", ".js.map", ".qjsbc"]) files.push([`${pluginDir}/${m}${ext}`, "f644", `build/plugins/${m}${ext}`]);
  files.push([`${prefix}/bin/bareos-qjsc`, "f755", "build/bin/bareos-qjsc"]);
  files.push([`${prefix}/share/man/man1/bareos-qjsc.1`, "f644", "engine/tools/bareos-qjsc.1"]);
  for (const f of ["README.md", "LICENSE", ...docPages, ...pages.map((p) => `plugins/${p}/README.md`)])
    files.push([`${prefix}/share/doc/bareos-quickjs/${f}`, "f644", f]);
  return Object.fromEntries(files.map(([path, mode, source]) => [path.replace(/^\//, ""), [mode, source]]).sort());
}

const modes = (files) => Object.fromEntries(Object.entries(files).map(([path, [mode]]) => [path, mode]));
const filesOf = (l) => Object.fromEntries(Object.entries(l).filter(([, v]) => !v.startsWith("d")).sort());
const elfSections = (file) => spawnSync("readelf", ["-S", "-W", file], { encoding: "utf8" }).stdout;
const stripped = /\.so$|\/bin\//;

test("make install puts each file in its place with its mode; directories are 755", () => {
  const dest = join(scratch, "default");
  const r = make(["install", `DESTDIR=${dest}`]);
  assert.is(r.status, 0, r.output);
  const got = listing(dest);
  const want = expected("/usr", "/usr/lib/bareos/plugins");
  assert.equal(filesOf(got), modes(want));
  for (const [path, mode] of Object.entries(got)) if (mode.startsWith("d")) assert.is(mode, "d755", path);
  for (const [path, [, source]] of Object.entries(want))
    if (!stripped.test(path))
      assert.ok(fs.readFileSync(join(dest, path)).equals(fs.readFileSync(join(root, source))), `${path} is not a copy of ${source}`);
});

test("the installed .so files and bareos-qjsc are stripped, and still load and run", () => {
  const dest = join(scratch, "default");
  for (const d of ["fd", "sd", "dir"]) {
    const so = join(dest, `usr/lib/bareos/plugins/quickjs-${d}.so`);
    assert.not.match(elfSections(so), /\.symtab|\.debug_|\.comment/, `${so} is not stripped`);
    assert.match(elfSections(join(root, `build/lib/quickjs-${d}.so`)), /\.symtab/, "the build's own .so should keep its symbols");
    // What the daemons dlsym(); a stripped .so that lost them would not load.
    const dynamic = spawnSync("nm", ["-D", "--defined-only", so], { encoding: "utf8" }).stdout;
    assert.equal(dynamic.split("\n").filter((l) => / T /.test(l)).map((l) => l.split(" ").at(-1)).sort(),
                 ["loadPlugin", "unloadPlugin"]);
    assert.ok(fs.statSync(so).size < fs.statSync(join(root, `build/lib/quickjs-${d}.so`)).size / 2);
  }
  const qjsc = join(dest, "usr/bin/bareos-qjsc");
  assert.not.match(elfSections(qjsc), /\.symtab|\.debug_/);
  const out = join(scratch, "hello.qjsbc");
  const r = spawnSync(qjsc, [join(root, "build/plugins/hello.js"), out], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.ok(fs.readFileSync(out).equals(fs.readFileSync(join(root, "build/plugins/hello.qjsbc"))),
            "the stripped compiler writes other bytecode than the build's");
});

test("PREFIX and PLUGIN_DIR move the files; make uninstall with the same removes every one", () => {
  const dest = join(scratch, "moved");
  const vars = [`DESTDIR=${dest}`, "PREFIX=/opt/bq", "PLUGIN_DIR=/srv/bareos/plugins"];
  const r = make(["install", ...vars]);
  assert.is(r.status, 0, r.output);
  assert.equal(filesOf(listing(dest)), modes(expected("/opt/bq", "/srv/bareos/plugins")));
  const u = make(["uninstall", ...vars]);
  assert.is(u.status, 0, u.output);
  const left = listing(dest);
  assert.equal(filesOf(left), {});
  assert.not.ok("opt/bq/share/doc/bareos-quickjs" in left, "the documentation directory is left");
});

test("make uninstall leaves a file it did not install, and its directory", () => {
  const dest = join(scratch, "default");
  const mine = join(dest, "usr/lib/bareos/plugins/python3-fd.so");
  fs.writeFileSync(mine, "not ours");
  const u = make(["uninstall", `DESTDIR=${dest}`]);
  assert.is(u.status, 0, u.output);
  assert.equal(filesOf(listing(dest)), { "usr/lib/bareos/plugins/python3-fd.so": "f644" });
});

test("a tree that was not built installs nothing and says what is missing", () => {
  const tree = join(scratch, "unbuilt");
  for (const p of ["Makefile", "mk", "plugins", "README.md", "LICENSE", "docs", "engine/tools"])
    fs.cpSync(join(root, p), join(tree, p), { recursive: true });
  const dest = join(scratch, "from-unbuilt");
  const r = make(["install", `DESTDIR=${dest}`], tree);
  assert.is.not(r.status, 0);
  assert.match(r.output, "build/lib/quickjs-fd.so is missing: run make first");
  assert.not.ok(fs.existsSync(dest), `${dest} was made`);
});

test("one version: mk/version.mk, package.json and the changelog's latest entry agree", () => {
  const version = /^VERSION := (\S+)$/m.exec(fs.readFileSync(join(root, "mk/version.mk"), "utf8"))?.[1];
  assert.ok(version, "mk/version.mk sets no VERSION");
  assert.is(JSON.parse(fs.readFileSync(join(root, "package.json"), "utf8")).version, version);
  assert.match(fs.readFileSync(join(root, "mk/debian/changelog"), "utf8"), new RegExp(`^bareos-quickjs \\(${version.replace(/\./g, "\\.")}\\) `));
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
test.run();
