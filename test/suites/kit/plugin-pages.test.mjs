// Every shipped plugin has its page (plugins/<name>/README.md), linked from
// the main README, with the sections an admin looks for and a row in its
// options table for every option its code reads.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";

const readme = readFileSync(join(root, "README.md"), "utf8");
const plugins = readdirSync(join(root, "plugins")).filter((name) => existsSync(join(root, "plugins", name, "plugin.json")));

// this.options["x"], this.options.x, and o["x"] where a plugin names them o.
const optionsRead = (source) =>
  new Set([...source.matchAll(/\boptions(?:\["([a-z_]+)"\]|\.([a-z_]+)\b)|\bo\["([a-z_]+)"\]/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]));

test("there are shipped plugins to check", () => {
  assert.ok(plugins.length >= 6, plugins.join(", "));
});

for (const name of plugins) {
  test(`plugins/${name}: its page names its module, options, restore and permissions`, () => {
    const page = join(root, "plugins", name, "README.md");
    assert.ok(existsSync(page), `${page} is missing`);
    const text = readFileSync(page, "utf8");
    const { moduleName } = JSON.parse(readFileSync(join(root, "plugins", name, "plugin.json"), "utf8"));
    assert.match(text, `module_name=${moduleName}`);
    for (const section of ["## Plugin line", "## Options", "## Restore", "## Permissions"])
      assert.ok(text.includes(`\n${section}\n`), `${name}: no "${section}" section`);
    assert.match(text, "| option | default | meaning |");
    const source = readFileSync(join(root, "plugins", name, "index.ts"), "utf8");
    for (const option of optionsRead(source))
      assert.ok(text.includes(`| \`${option}\` |`), `${name}: option ${option} is not in the table`);
    assert.ok(readme.includes(`](plugins/${name}/README.md)`), `README.md does not link plugins/${name}/README.md`);
  });
}

test.run();
