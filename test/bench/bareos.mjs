// make bench-bareos: backups in the real daemons, side by side on the same
// data (one big file; 20 000 files of 4 KiB in 100 directories): a native
// FileSet, Bareos' python3-fd local-fileset (plugin I/O and do_io_in_core)
// and our quickjs-fd local-fileset (zero-copy plugin I/O and direct I/O).
// Each round runs every kind once, one job at a time, in turns; a ratio to
// native is the median of the rounds' own ratios. Before each job the data
// is read into the page cache: Bareos' native read drops every file it read
// from it (fadvise DONTNEED), which left the next job to read from disk.
// Wall time runs from the
// `run` command to the job's end status in the catalog; CPU time is the
// file daemon's (user + system) over the job. Results in
// build/bench/bareos.{json,md}.   --smoke: small data, one round, results
// in bareos-smoke.{json,md}.
import * as fs from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { startSuite, bareosHere, plugins, root } from "../suites/bareos/lib/suite.mjs";
import { bigFile, median, smallFiles, warmPageCache } from "./data.mjs";

const smoke = process.argv.includes("--smoke");
const ROUNDS = smoke ? 1 : Number(process.env.BQ_BENCH_ROUNDS ?? 3);
const BIG = smoke ? 64 << 20 : 1 << 30;
const [DIRS, PER_DIR] = smoke ? [10, 100] : [100, 200];
const out = join(root, "build/bench");

const found = bareosHere();
if (found.skip) {
  console.log(`skipped: bench-bareos: ${found.skip}`);
  process.exit(0);
}

fs.mkdirSync(out, { recursive: true });
const data = {
  big: bigFile(join(out, smoke ? "big-smoke.bin" : "big.bin"), BIG),
  small: smallFiles(join(out, `tree-${DIRS}x${PER_DIR}`), DIRS, PER_DIR),
};
const lists = {};
for (const [name, path] of Object.entries(data)) {
  lists[name] = join(out, `bareos-${name}.list`);
  fs.writeFileSync(lists[name], `${path}\n`);
}

const python = (list, options = "") =>
  `python3:module_path=${found.bareosPlugins}:module_name=bareos-fd-local-fileset:filename=${list}${options}`;
const quickjs = (list, options = "") =>
  `quickjs:module_path=${plugins}:module_name=bareos-fd-local-fileset:filename=${list}${options}`;
const kinds = [
  { id: "native", what: "native FileSet", include: (name) => ({ File: data[name] }) },
  { id: "python-io", what: "python3-fd local-fileset, plugin I/O", include: (name) => ({ Plugin: python(lists[name]) }) },
  { id: "python-core", what: "python3-fd local-fileset, do_io_in_core",
    include: (name) => ({ Plugin: python(lists[name], ":do_io_in_core=yes") }) },
  { id: "quickjs-io", what: "quickjs-fd local-fileset, zero-copy plugin I/O", include: (name) => ({ Plugin: quickjs(lists[name]) }) },
  { id: "quickjs-core", what: "quickjs-fd local-fileset, direct I/O (do_io_in_core)",
    include: (name) => ({ Plugin: quickjs(lists[name], ":do_io_in_core=yes") }) },
];
const filesets = [];
for (const name of Object.keys(data))
  for (const kind of kinds)
    filesets.push({ Name: `${kind.id}-${name}`, Include: { Options: { Signature: "XXH128" }, ...kind.include(name) } });
const jobs = filesets.map(({ Name }) => ({ Name, FileSet: Name }));

/** The file daemon's CPU seconds so far (utime + stime). */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const TERMINAL = new Set(["T", "W", "E", "e", "f", "A"]);
async function measure(bareos, job, data) {
  warmPageCache(data);
  const fdPid = bareos.daemons.fd.pid;
  const cpuBefore = cpuSeconds(fdPid);
  const started = process.hrtime.bigint();
  const jobid = await bareos.console.run(job);
  let status;
  while (!TERMINAL.has(status = bareos.catalog.rows(`SELECT jobstatus FROM job WHERE jobid = ${jobid}`)[0]?.[0]))
    await new Promise((resolve) => setTimeout(resolve, 20));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const row = await bareos.finish(jobid);
  const cpu = cpuSeconds(fdPid) - cpuBefore;
  if (status !== "T") throw new Error(`${job} ended ${status}:\n${row.log}`);
  // Only the measurement matters: the volume goes at once (a GiB a job).
  for (const volume of bareos.catalog.volumes(jobid)) fs.rmSync(join(bareos.paths.storage, volume), { force: true });
  return { wall, cpu, files: row.files, bytes: row.bytes };
}

const bareos = await startSuite({ name: "bench", fdPlugins: ["python3", "quickjs"], filesets, jobs, devices: 2 });
const samples = {};
try {
  // The daemons warm: one native job of each set, not counted.
  for (const name of Object.keys(data)) await measure(bareos, `native-${name}`, data[name]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(data)) {
      for (const kind of kinds) {
        const key = `${kind.id}-${name}`;
        (samples[key] ??= []).push(await measure(bareos, key, data[name]));
        const last = samples[key].at(-1);
        console.log(`round ${round + 1}/${ROUNDS} ${key}: ${last.wall.toFixed(2)} s wall, ${last.cpu.toFixed(2)} s fd CPU, ${last.files} files`);
      }
    }
  }
} finally {
  await bareos.close();
}

const rows = [];
for (const name of Object.keys(data)) {
  const native = samples[`native-${name}`];
  for (const kind of kinds) {
    const s = samples[`${kind.id}-${name}`];
    const ratio = (field) => median(s.map((v, i) => v[field] / native[i][field]));
    rows.push({ data: name, kind: kind.id, what: kind.what, files: s[0].files, bytes: s[0].bytes,
                wall: median(s.map((v) => v.wall)), cpu: median(s.map((v) => v.cpu)),
                wallRatio: ratio("wall"), cpuRatio: ratio("cpu"), samples: s });
  }
}
const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores`;
const results = { machine, date: new Date().toISOString(), bareos: found.prefix, smoke, rounds: ROUNDS, rows };
const base = join(out, smoke ? "bareos-smoke" : "bareos");
fs.writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
const label = { big: `one file of ${BIG >> 20} MiB`, small: `${DIRS * PER_DIR} files of 4 KiB in ${DIRS} directories` };
const lines = [
  `Real daemons (${found.prefix}) on ${machine}, ${results.date}, median of ${ROUNDS} round(s)` +
    `${smoke ? " (smoke run: small data)" : ""}`,
  "",
  "| data | backup | files | wall s | wall vs native | fd CPU s | fd CPU vs native |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${label[r.data]} | ${r.what} | ${r.files} | ${r.wall.toFixed(2)} | ${r.wallRatio.toFixed(2)} | ` +
                     `${r.cpu.toFixed(2)} | ${r.cpuRatio.toFixed(2)} |`),
];
fs.writeFileSync(`${base}.md`, `${lines.join("\n")}\n`);
console.log(lines.join("\n"));
