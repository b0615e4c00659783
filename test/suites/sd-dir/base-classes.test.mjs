// What BareosSdPlugin and BareosDirPlugin give a plugin ported from Python:
// options reset by every definition with the last occurrence of a key
// winning, the job's figures before jobEnd() runs, the instance, and an
// async check awaited.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { runSim, pluginString, messages, sane, root } from "../../lib/sim.mjs";

const testPlugins = join(root, "build/test-plugins");

function probeEnd(result, status = "T") {
  assert.ok(sane(result), result.stderr);
  const job = result.jobs[0];
  const text = messages(job).join("\n");
  assert.is(job.status, status, text);
  const found = /probe end (.*)/.exec(text);
  assert.ok(found, text);
  return JSON.parse(found[1]);
}

for (const daemon of ["sd", "dir"]) {
  const probe = (options) => pluginString(`bareos-${daemon}-base-probe`, options, testPlugins);

  test(`${daemon}: the last occurrence of a key wins, and every definition replaces the options`, () => {
    const once = probeEnd(runSim(["backup", "--plugin-options", probe("a=1:b= 2 :a=3")], { daemon }));
    assert.equal(once.options, { a: "3", b: "2" });
    const twice = probeEnd(runSim(["backup", "--plugin-options", probe("a=1:b=2"),
                                   "--plugin-options", probe("c=4")], { daemon }));
    assert.equal(twice.options, { c: "4" });
  });

  test(`${daemon}: a relative defaults_file is looked for in the daemon's config directory`, () => {
    const run = runSim(["backup", "--plugin-options", probe("defaults_file=probe.ini")], { daemon });
    assert.ok(sane(run), run.stderr);
    assert.is(run.jobs[0].status, "f");
    assert.match(messages(run.jobs[0]).join("\n"), "cannot read defaults_file /etc/bareos/probe.ini");
  });

  test(`${daemon}: the job's figures are there when jobEnd() runs`, () => {
    const started = Date.now() / 1000;
    const end = probeEnd(runSim(["backup", "--plugin-options", probe(""), "--files", "12", "--bytes", "4096000",
                                 "--pool", "Weekly", "--errors", "2"], { daemon }), "E");
    assert.ok(end.same, "pluginInstance() is the plugin");
    assert.equal([end.jobBytes, end.jobFiles], [4096000, 12]);
    const runStart = daemon === "sd" ? end.jobStartTime : end.jobRunTime;
    assert.ok(runStart >= started - 1 && end.jobEndTime >= runStart, JSON.stringify(end));
    assert.is(end.jobRunningTime, end.jobEndTime - runStart);
    assert.is(end.throughput, end.jobRunningTime > 0 ? end.jobBytes / end.jobRunningTime : 0);
    if (daemon === "dir") {
      assert.equal([end.jobErrors, end.jobPool], [2, "Weekly"]);
      assert.ok(end.jobInitTime > 0 && end.jobStartTime > 0, JSON.stringify(end));
      assert.is(end.jobTotalTime, end.jobEndTime - end.jobInitTime);
      assert.type(end.jobNumVols, "number");
      assert.type(end.jobStorage, "string");
      assert.type(end.jobMediaType, "string");
    }
  });

  test(`${daemon}: an async checkOptions is awaited, and its refusal fails the job`, () => {
    const accepted = probeEnd(runSim(["backup", "--plugin-options", probe("a=1")], { daemon }));
    assert.equal(accepted.options, { a: "1" });
    const refused = runSim(["backup", "--plugin-options", probe("refuse=not today")], { daemon });
    assert.ok(sane(refused), refused.stderr);
    const text = messages(refused.jobs[0]).join("\n");
    assert.is(refused.jobs[0].status, "f", text);
    assert.match(text, "probe refused: not today");
  });
}

test.run();
