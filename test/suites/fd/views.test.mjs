// Zero-copy views of the core's buffer: a view a script can still reach
// after its call is detached (no pointer into the core's memory survives the
// call), and only one no script can reach is handed out again.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-views-");
const archive = join(work, "views.bar");

function probes(job) {
  return job.messages.map((m) => /probe view (.*)$/s.exec(m.text)).filter(Boolean)
    .map((match) => JSON.parse(match[1]));
}

test("views a script kept, holds weakly or changed never come back", () => {
  const backup = runSim(["backup", "--fileset-plugin", pluginString("view-probe"), "--archive", archive]);
  assert.ok(sane(backup), backup.stderr);
  assert.is(backup.jobs[0].status, "T", messages(backup.jobs[0]).join("\n"));
  const seen = probes(backup.jobs[0]);
  assert.is(seen.length, 8);
  for (const s of seen) {
    if (s.held) assert.equal(s.held, { detached: true, same: false }, `read ${s.read}`);
    if (s.heldBuffer) assert.equal(s.heldBuffer, { detached: true, same: false }, `read ${s.read}`);
    assert.is(s.weak, false, `read ${s.read}`);
    assert.is(s.marked, false, `read ${s.read}`);
    assert.is(s.proto, true, `read ${s.read}`);
  }
  assert.ok(seen[2].held && seen[5].heldBuffer);
});

test("the data written through reused views is all there", () => {
  const restore = runSim(["restore", "--archive", archive, "--where", join(work, "r")]);
  assert.ok(sane(restore), restore.stderr);
  assert.is(restore.jobs[0].status, "T", messages(restore.jobs[0]).join("\n"));
  assert.equal(probes(restore.jobs[0]), [{ written: "abcdefg" }]);
});

test.after(() => cleanup(work));
test.run();
