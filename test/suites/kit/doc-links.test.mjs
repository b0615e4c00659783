// Every relative link in the tracked Markdown pages names a file that exists,
// and every #anchor one of its headings: the README points into docs/ and the
// pages into each other, so a moved section or file must not leave a dead link.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { root } from "../../lib/kit.mjs";

const pages = execFileSync("git", ["ls-files", "*.md"], { cwd: root, encoding: "utf8" })
  .split("\n").filter(Boolean).map((p) => join(root, p)).filter((p) => existsSync(p));

// GitHub's anchors: lower case, punctuation dropped, spaces as hyphens.
const anchor = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
const anchorsOf = (text) => new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => anchor(m[1])));
// Links outside code: fenced blocks and inline code are dropped first.
const linksOf = (text) => [...text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "")
  .matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);

test("there are pages with links to check", () => {
  assert.ok(pages.length >= 10, `${pages.length} pages`);
  assert.ok(linksOf(readFileSync(join(root, "README.md"), "utf8")).some((l) => l.startsWith("docs/")));
});

test("every relative link and anchor resolves", () => {
  const dead = [];
  for (const page of pages) {
    const text = readFileSync(page, "utf8");
    for (const link of linksOf(text)) {
      if (/^[a-z]+:/.test(link)) continue;
      const [path, hash] = link.split("#");
      const target = path ? join(dirname(page), path) : page;
      const where = `${relative(root, page)}: ${link}`;
      if (!existsSync(target)) { dead.push(`${where} (no such file)`); continue; }
      if (hash && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(hash))
        dead.push(`${where} (no such heading)`);
    }
  }
  assert.equal(dead, []);
});

test.run();
