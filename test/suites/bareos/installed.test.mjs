// The Debian packages as an admin gets them: `make deb` builds them, lintian
// has nothing to say, dpkg installs them into a scratch root, bpluginfo
// accepts the installed .so files, and real daemons whose Plugin Directory
// is that root's back up and restore through the installed bundles, named
// without module_path as in an admin's configuration, with the director's
// and the storage daemon's plugins in the same job.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { startSuite, assertStatus, bareosHere, withBareos, root } from "./lib/suite.mjs";
import { pluginInfo } from "./lib/daemons.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const work = join(root, "build/test-bareos/installed-packages");
const debDir = join(work, "deb");
const target = join(work, "root");
const pluginDir = join(target, "usr/lib/bareos/plugins");
const data = join(work, "data");
const release = /^VERSION := (\S+)$/m.exec(fs.readFileSync(join(root, "mk/version.mk"), "utf8"))[1];
const arch = spawnSync("dpkg", ["--print-architecture"], { encoding: "utf8" }).stdout?.trim();
const packages = ["bareos-filedaemon-quickjs-plugin", "bareos-storage-quickjs-plugin",
                  "bareos-director-quickjs-plugin", "bareos-quickjs-plugins", "bareos-qjsc"];
const debFile = (pkg) => join(debDir, `${pkg}_${release}_${arch}.deb`);
// Every plugin but the README's example, hello (mk/install.mk says why).
const modules = fs.readdirSync(join(root, "plugins"), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "hello")
  .map((d) => JSON.parse(fs.readFileSync(join(root, "plugins", d.name, "plugin.json"), "utf8")).moduleName);

/** A program's status and output; a missing program fails with what to install. */
function run(program, args, { hint, env = {}, cwd = root } = {}) {
  const r = spawnSync(program, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  if (r.error?.code === "ENOENT") assert.unreachable(`${program} is not installed${hint ? ` (${hint})` : ""}`);
  return { status: r.status, output: (r.stdout ?? "") + (r.stderr ?? "") };
}

/** Fails with the reason when an earlier step left nothing to work on. */
function needs(file, step) {
  assert.ok(fs.existsSync(file), `${file} is missing: ${step} failed`);
}

const field = (pkg, name) => run("dpkg-deb", ["-f", debFile(pkg), name]).output.trim();

let failed = false;
const it = (name, body, wrap = test) => wrap(name, async () => {
  try {
    await body();
  } catch (e) {
    failed = true;
    throw e;
  }
});

it("make deb builds the five packages", () => {
  fs.rmSync(work, { recursive: true, force: true });
  // Not the runner's make: its jobserver is not ours.
  const env = { MAKEFLAGS: "", MFLAGS: "", MAKELEVEL: "" };
  const { status, output } = run("make", ["--no-print-directory", "deb", `DEB_DIR=${debDir}`],
                                 { env, hint: "apt-get install make dpkg-dev" });
  assert.is(status, 0, output);
  for (const pkg of packages) needs(debFile(pkg), "make deb");
  assert.equal(fs.readdirSync(debDir).filter((f) => f.endsWith(".deb")).sort(), packages.map((p) => debFile(p).split("/").at(-1)).sort());
});

it("lintian finds no error and no warning", () => {
  packages.forEach((pkg) => needs(debFile(pkg), "make deb"));
  const { status, output } = run("lintian", ["--fail-on", "error,warning", ...packages.map(debFile)],
                                 { hint: "apt-get install lintian; make test installs it when run as root" });
  const said = output.split("\n").filter((l) => l && l !== "running with root privileges is not recommended!");
  assert.equal(said, []);
  assert.is(status, 0, output);
});

it("the control fields: architecture, section, depends", () => {
  packages.forEach((pkg) => needs(debFile(pkg), "make deb"));
  const daemons = { filedaemon: "bareos-filedaemon", storage: "bareos-storage", director: "bareos-director" };
  for (const [kind, daemon] of Object.entries(daemons)) {
    const pkg = `bareos-${kind}-quickjs-plugin`;
    assert.match(field(pkg, "Depends"), new RegExp(`^${daemon} \\(>= 25~\\), ${daemon} \\(<< 26~\\), libc6 \\(>= 2\\.\\d+\\)$`));
    assert.is(field(pkg, "Section"), "admin");
  }
  const exact = `(= ${release})`;
  assert.is(field("bareos-quickjs-plugins", "Depends"),
            Object.keys(daemons).map((k) => `bareos-${k}-quickjs-plugin ${exact}`).join(" | "));
  assert.match(field("bareos-qjsc", "Depends"), /^libc6 \(>= 2\.\d+\)$/);
  assert.is(field("bareos-qjsc", "Section"), "devel");
  for (const pkg of packages) {
    assert.is(field(pkg, "Architecture"), arch, pkg);
    assert.is(field(pkg, "Version"), release, pkg);
    assert.is(field(pkg, "Priority"), "optional", pkg);
    assert.match(field(pkg, "Installed-Size"), /^\d+$/, pkg);
  }
  // The bundles' description lists every shipped plugin.
  for (const module of modules) assert.match(field("bareos-quickjs-plugins", "Description"), `- ${module}:`);
});

it("dpkg installs them into a scratch root; every file matches its md5sum", () => {
  packages.forEach((pkg) => needs(debFile(pkg), "make deb"));
  assert.is(process.getuid(), 0, "dpkg installs as root only: run the suite as root");
  const admin = join(target, "var/lib/dpkg");
  for (const dir of ["info", "updates", "triggers"]) fs.mkdirSync(join(admin, dir), { recursive: true });
  for (const file of ["status", "available"]) fs.writeFileSync(join(admin, file), "");
  const install = run("dpkg", [`--root=${target}`, "--force-depends", "-i", ...packages.map(debFile)]);
  assert.is(install.status, 0, install.output);
  const listed = run("dpkg-query", [`--root=${target}`, "-W", "-f", "${Package} ${db:Status-Abbrev}\n"]).output;
  assert.equal(listed.trim().split("\n").map((l) => l.trim()).sort(), packages.map((p) => `${p} ii`).sort());
  const verify = run("dpkg", [`--root=${target}`, "--verify"]);
  assert.is(verify.output, "");
  assert.is(verify.status, 0);
});

it("the plugin directory holds each .so as a stripped file and each bundle with its map and bytecode", () => {
  needs(pluginDir, "dpkg -i");
  const expected = [...["fd", "sd", "dir"].map((d) => `quickjs-${d}.so`),
                    ...modules.flatMap((m) => [`${m}.js`, `${m}.js.map`, `${m}.qjsbc`])].sort();
  assert.equal(fs.readdirSync(pluginDir).sort(), expected);
  for (const daemon of ["fd", "sd", "dir"]) {
    const so = join(pluginDir, `quickjs-${daemon}.so`);
    const st = fs.lstatSync(so);
    assert.ok(st.isFile(), `${so} is not a regular file (Bareos skips links)`);
    assert.is(st.mode & 0o7777, 0o644);
    const sections = run("readelf", ["-S", "-W", so]).output;
    assert.not.match(sections, /\.symtab|\.debug_/, `${so} is not stripped`);
  }
});

it("the installed bareos-qjsc compiles an installed bundle into the bytecode installed beside it", () => {
  needs(join(target, "usr/bin/bareos-qjsc"), "dpkg -i");
  fs.mkdirSync(data, { recursive: true });
  const out = join(data, "local-fileset.qjsbc");
  const r = run(join(target, "usr/bin/bareos-qjsc"), [join(pluginDir, "bareos-fd-local-fileset.js"), out]);
  assert.is(r.status, 0, r.output);
  assert.ok(fs.readFileSync(out).equals(fs.readFileSync(join(pluginDir, "bareos-fd-local-fileset.qjsbc"))),
            "the installed compiler wrote other bytecode than the package holds");
  assert.ok(fs.existsSync(join(target, "usr/share/man/man1/bareos-qjsc.1.gz")));
});

const bareos = bareosHere();
const kinds = { fd: ["File Daemon", 10], sd: ["Storage", 4], dir: ["Director", 4] };
for (const [daemon, [type, api]] of Object.entries(kinds)) {
  it(`bpluginfo -v accepts the installed quickjs-${daemon}.so`, () => {
    needs(join(pluginDir, `quickjs-${daemon}.so`), "dpkg -i");
    const { status, output } = pluginInfo(bareos, join(pluginDir, `quickjs-${daemon}.so`));
    assert.is(status, 0, output);
    assert.match(output, new RegExp(`Plugin type:\\s+Bareos ${type} plugin\n`));
    assert.match(output, new RegExp(`Plugin API version:\\s+${api}\n`));
    assert.match(output, new RegExp(`Plugin version:\\s+${release.replace(/\./g, "\\.")}\n`));
  }, withBareos);
}

it("a backup and a restore in real daemons run the installed plugins from the Plugin Directory", async () => {
  needs(pluginDir, "dpkg -i");
  const tree = join(data, "tree");
  const list = join(data, "tree.list");
  const report = join(data, "jobs.jsonl");
  const volumes = join(data, "volumes.jsonl");
  fs.rmSync(tree, { recursive: true, force: true });
  makeTree(tree, { bigBytes: 3 << 20 });
  fs.writeFileSync(list, `${tree}\n`);
  const suite = await startSuite({
    name: "installed",
    fdPlugins: ["quickjs"], sdPlugins: ["quickjs"], dirPlugins: ["quickjs"],
    pluginDirs: { fd: pluginDir, sd: pluginDir, dir: pluginDir },
    filesets: [{ Name: "installed", Include: { Options: { Signature: "XXH128", HardLinks: "yes" },
                                               Plugin: `quickjs:module_name=bareos-fd-local-fileset:filename=${list}` } }],
    jobs: [{ Name: "installed", FileSet: "installed",
             "Dir Plugin Options": `quickjs:module_name=bareos-dir-job-report:file=${report}`,
             "SD Plugin Options": `quickjs:module_name=bareos-sd-volume-events:log=${volumes}` }],
  });
  let ok = false;
  try {
    // As install.md tells an admin: the file daemon's debug output, to a trace file.
    const set = await suite.console.command("setdebug level=100 trace=1 client=bq-fd");
    assert.match(set, /level=100/);
    const description = describeTree(tree);
    const backup = await suite.job("installed");
    assertStatus(backup, "T");
    const where = suite.data("restore");
    const restore = await suite.restore({ jobids: [backup.jobid], where });
    assertStatus(restore, "T");
    assert.is(restore.files, backup.files);
    assert.equal(diffTrees(description, describeTree(join(where, tree))), []);

    const lines = fs.readFileSync(report, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.jobid === backup.jobid && l.status === "T"), JSON.stringify(lines));
    const events = fs.readFileSync(volumes, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(events.some((e) => e.jobid === backup.jobid && e.event === "DeviceOpen"), JSON.stringify(events));

    const trace = fs.readFileSync(join(suite.paths.fd, "bq-fd.trace"), "utf8");
    assert.match(trace, `loading ${pluginDir}/bareos-fd-local-fileset.js`);
    assert.not.match(trace, "not using the bytecode");
    ok = true;
  } finally {
    await suite.close({ failed: !ok });
  }
}, withBareos);

test.after(() => {
  if (failed || process.env.BQ_KEEP) console.log(`the packages and their scratch root are kept in ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
});

test.run();
