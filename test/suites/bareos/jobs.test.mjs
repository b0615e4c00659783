// Jobs against each other in the real file daemon: a cancel from bconsole
// while the script loops or blocks ends the job (status A) within seconds,
// and 8 local-fileset backups at once, then their 8 restores at once, give
// 8 identical trees.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins, testPlugins, root } from "./lib/suite.mjs";
import { makeTree, describeTree, diffTrees } from "../../lib/tree.mjs";

const data = join(root, "build/test-bareos/jobs/data");
const tree = join(data, "tree");
const list = join(data, "tree.list");
const misbehave = (options) => `quickjs:module_path=${testPlugins}:module_name=misbehave:${options}`;

const it = realDaemons({
  name: "jobs",
  devices: 16,
  filesets: [
    { Name: "loop", Include: { Plugin: misbehave("loop=read") } },
    { Name: "block", Include: { Plugin: misbehave("block=read") } },
    { Name: "hold", Include: { Plugin: misbehave("hold=40:hold_ms=6000:memory_limit=64M:daemon_memory_limit=100M") } },
    { Name: "tree", Include: { Options: { Signature: "XXH128", HardLinks: "yes" },
                               Plugin: `quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:filename=${list}` } },
  ],
  jobs: [{ Name: "loop", FileSet: "loop" }, { Name: "block", FileSet: "block" }, { Name: "tree", FileSet: "tree" },
         { Name: "hold", FileSet: "hold" }],
}, () => {
  makeTree(tree, { bigBytes: 8 << 20 });
  fs.writeFileSync(list, `${tree}\n`);
});

/** Resolves once the script has said it enters IO_READ, where it loops or blocks. */
async function running(bareos, jobid) {
  for (let i = 0; i < 600; i++) {
    if (/misbehave: in IO_READ/.test(bareos.catalog.log(jobid))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobid} never started reading`);
}

for (const [kind, how] of [["loop", "loops in IO_READ"], ["block", "blocks reading a pipe in IO_READ"]]) {
  it(`a cancel from bconsole ends a job whose script ${how}, within seconds`, async (bareos) => {
    const jobid = await bareos.console.run(kind);
    await running(bareos, jobid);
    const canceled = Date.now();
    await bareos.console.cancel(jobid);
    const job = await bareos.finish(jobid, { timeoutMs: 60_000 });
    const seconds = (Date.now() - canceled) / 1000;
    assertStatus(job, "A");
    assert.ok(seconds < 15, `the job ended ${seconds} s after the cancel`);
    if (kind === "loop") assert.match(job.log, /interrupted by job cancel/);
    assert.equal(bareos.alive(), { sd: true, fd: true, dir: true });
  });
}

it("jobs that together pass daemon_memory_limit fail with it named; the file daemon lives on", async (bareos) => {
  // Four jobs each hold 40 MiB for six seconds, within their own limit; the
  // file daemon's JavaScript may hold 100 MiB in all.
  const ids = await Promise.all(Array.from({ length: 4 }, () => bareos.console.run("hold")));
  const jobs = await Promise.all(ids.map((id) => bareos.finish(id)));
  const failed = jobs.filter((j) => j.status !== "T");
  assert.ok(failed.length >= 1 && failed.length <= 3, jobs.map((j) => `${j.jobid} ${j.status}`).join(", "));
  for (const job of failed)
    assert.match(job.log, /out of memory: the JavaScript of all jobs of this daemon reached daemon_memory_limit \(100 MiB; this job held/);
  assert.equal(bareos.alive(), { sd: true, fd: true, dir: true });
});

it("8 local-fileset backups at once, then their 8 restores at once, give the same tree", async (bareos) => {
  const expected = describeTree(tree);
  const ids = await Promise.all(Array.from({ length: 8 }, () => bareos.console.run("tree")));
  const backups = await Promise.all(ids.map((id) => bareos.finish(id)));
  for (const job of backups) {
    assertStatus(job, "T");
    assert.is(job.files, backups[0].files);
    assert.is(job.bytes, backups[0].bytes);
  }
  const wheres = backups.map((_, i) => bareos.data(`restore-${i}`));
  const restores = await Promise.all(backups.map((job, i) => bareos.restore({ jobids: [job.jobid], where: wheres[i] })));
  restores.forEach((job, i) => {
    assertStatus(job, "T");
    assert.equal(diffTrees(expected, describeTree(join(wheres[i], tree))), [], `restore ${i}`);
  });
});

test.run();
