// The README's "Try it" output is what `make demo` prints: the test runs it
// and compares the lines the README shows with the end of the output, with
// the checkout's directory written "..." and the file and byte counts (which
// follow ts-lib/) checked against the tree that was backed up instead.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";

/** Entries (the directory itself included) and bytes of regular files, as the demo's jobs count them. */
function treeFigures(dir) {
  let files = 1;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = treeFigures(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files++;
      if (entry.isFile()) bytes += lstatSync(path).size;
    }
  }
  return { files, bytes };
}

const counts = /Files: (\d+) {2}Bytes: (\d+)/;
const normalised = (line) => line.split(root).join("/...").replace(counts, "Files: N  Bytes: N");

test("make demo prints what the README shows", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Try it"));
  // The first block without a language: the output (the one before is the command).
  const block = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].find((m) => m[1] === "");
  const shown = block[2].trimEnd().split("\n");

  // As from a shell: not as a sub-make of whatever runs the suites.
  const env = { ...process.env };
  for (const name of ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"]) delete env[name];
  const demo = spawnSync("make", ["demo"], { cwd: root, env, encoding: "utf8", timeout: 600_000 });
  assert.is(demo.status, 0, demo.stdout + demo.stderr);
  const printed = demo.stdout.trimEnd().split("\n").filter((line) => !/^make(\[\d+\])?: /.test(line));
  assert.equal(printed.slice(-shown.length).map(normalised), shown.map(normalised));

  const expected = treeFigures(join(root, "ts-lib"));
  const reports = printed.map((line) => counts.exec(line)).filter(Boolean).map((m) => ({ files: +m[1], bytes: +m[2] }));
  assert.equal(reports, [expected, expected]);
});

test.run();
