// The plugin files as Bareos sees them: bpluginfo -v accepts all three, and
// on the same data a python3-fd job with Bareos' own local-fileset plugin
// and a quickjs-fd job with ours list the same files in the catalog.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, bareosHere, withBareos, plugins, root } from "./lib/suite.mjs";
import { pluginInfo } from "./lib/daemons.mjs";

const data = join(root, "build/test-bareos/plugins/data");
const tree = join(data, "tree");
const list = join(data, "tree.list");

const bareos = bareosHere();
const kinds = { fd: ["File Daemon", 10], sd: ["Storage", 4], dir: ["Director", 4] };
for (const [daemon, [type, version]] of Object.entries(kinds)) {
  withBareos(`bpluginfo -v accepts quickjs-${daemon}.so`, () => {
    const { status, output } = pluginInfo(bareos, join(root, "build/lib", `quickjs-${daemon}.so`));
    assert.is(status, 0, output);
    assert.match(output, new RegExp(`Plugin type:\\s+Bareos ${type} plugin\n`));
    assert.match(output, /Plugin licence:\s+Bareos AGPLv3\n/);
    assert.match(output, new RegExp(`Plugin API version:\\s+${version}\n`));
    assert.match(output, "Plugin functions:");
  });
}

const it = realDaemons({
  name: "plugins",
  fdPlugins: ["python3", "quickjs"],
  filesets: [
    { Name: "python", Include: { Options: { Signature: "XXH128" }, Plugin:
      `python3:module_path=${bareos.bareosPlugins}:module_name=bareos-fd-local-fileset:filename=${list}` } },
    { Name: "quickjs", Include: { Options: { Signature: "XXH128" }, Plugin:
      `quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:filename=${list}` } },
  ],
  jobs: [{ Name: "python", FileSet: "python" }, { Name: "quickjs", FileSet: "quickjs" }],
}, () => {
  // Bareos' Python plugin refuses names that are not UTF-8; a tree it can take.
  fs.mkdirSync(join(tree, "dir/sub"), { recursive: true });
  fs.mkdirSync(join(tree, "empty-dir"));
  for (let i = 0; i < 50; i++) fs.writeFileSync(join(tree, "dir", `f${i}.bin`), Buffer.alloc(i * 1000, i));
  fs.writeFileSync(join(tree, "dir/sub/leaf.txt"), "leaf\n");
  fs.writeFileSync(join(tree, "with space : and ü.txt"), "odd name\n");
  fs.writeFileSync(join(tree, "empty"), "");
  fs.symlinkSync("dir/sub/leaf.txt", join(tree, "link"));
  fs.writeFileSync(list, `${tree}\n`);
});

const listing = (catalog, jobid) => catalog.files(jobid).map((f) => [f.name, f.stat.mode, f.stat.size]);

it("python3-fd and quickjs-fd list the same files in the catalog", async (bareos) => {
  const [python, quickjs] = await Promise.all([bareos.job("python"), bareos.job("quickjs")]);
  assertStatus(python, "T");
  assertStatus(quickjs, "T");
  assert.ok(python.files > 50, `python3-fd saved ${python.files} files`);
  assert.equal(listing(bareos.catalog, quickjs.jobid), listing(bareos.catalog, python.jobid));
  assert.is(quickjs.bytes, python.bytes);
});

test.run();
