// Incremental and differential jobs with an accurate list: the automatic
// checkChanges turns unchanged files into FT_NOCHG / FT_DIRNOCHG, changed
// and new files are backed up, deleted ones are noticed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-accurate-");
const src = join(work, "src");
fs.mkdirSync(join(src, "dir"), { recursive: true });
for (const name of ["a", "c", "dir/b"]) fs.writeFileSync(join(src, name), `${name}\n`);
const plugin = pluginString("test-fileset", `path=${src}`);
const full = join(work, "full.bar");

function backup(archive, extra) {
  const result = runSim(["backup", "--fileset-plugin", plugin, "--archive", archive, ...extra]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "T", messages(result.jobs[0]).join("\n"));
  return result.jobs[0];
}

test("full, then incremental with accurate", () => {
  const first = backup(full, []);
  assert.is(first.files, 5);
  // Make the changes visibly newer than the full backup.
  const later = new Date(Date.now() + 5000);
  fs.appendFileSync(join(src, "a"), "more\n");
  fs.utimesSync(join(src, "a"), later, later);
  fs.writeFileSync(join(src, "new"), "new\n");
  fs.rmSync(join(src, "c"));
  fs.utimesSync(src, later, later);

  const inc = backup(join(work, "inc.bar"), ["--level", "I", "--accurate", full]);
  const saved = inc.files_list.map((f) => f.fname).sort();
  assert.equal(saved, [`${src}/`, join(src, "a"), join(src, "new")].sort());
  const text = messages(inc).join("\n");
  assert.match(text, `Unchanged file skipped: ${join(src, "dir/b")}`);
  assert.match(text, `Unchanged file skipped: ${join(src, "dir")}`);
  assert.equal(inc.deleted, [join(src, "c")]);
});

test("an incremental without changes saves nothing", () => {
  const prev = [join(work, "full.bar"), join(work, "inc.bar")];
  const inc = backup(join(work, "inc2.bar"),
                     ["--level", "I", ...prev.flatMap((p) => ["--accurate", p])]);
  assert.equal(inc.files_list, []);
  assert.equal(inc.deleted, []);
});

test("a differential against the full saves what changed since the full", () => {
  const diff = backup(join(work, "diff.bar"), ["--level", "D", "--accurate", full]);
  const saved = diff.files_list.map((f) => f.fname).sort();
  assert.equal(saved, [`${src}/`, join(src, "a"), join(src, "new")].sort());
});

test.after(() => cleanup(work));
test.run();
