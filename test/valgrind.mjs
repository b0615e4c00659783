// make test-valgrind: full jobs of every daemon under valgrind's memcheck on
// the plain build; any memory error or definite leak fails.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { root, tempDir, cleanup, pluginString } from "./lib/sim.mjs";

const work = tempDir("bq-valgrind-");
const src = join(work, "src");
fs.mkdirSync(join(src, "dir"), { recursive: true });
fs.writeFileSync(join(src, "dir/file"), "valgrind\n".repeat(10000));
fs.symlinkSync("dir/file", join(src, "link"));
fs.writeFileSync(join(work, "list"), `${src}\n`);
const bin = (daemon) => join(root, `build/bin/bareos-${daemon}-sim`);
const lib = join(root, "build/lib");
const plugins = join(root, "build/plugins");

const scenarios = [
  ["fd backup (plain JS)", "fd", ["backup", "--fileset-plugin", pluginString("test-fileset", `path=${src}`),
                                  "--archive", join(work, "a.bar")]],
  ["fd restore (plain JS)", "fd", ["restore", "--archive", join(work, "a.bar"), "--where", join(work, "r1")]],
  ["fd backup (TypeScript, direct I/O)", "fd", ["backup", "--archive", join(work, "b.bar"), "--fileset-plugin",
    pluginString("bareos-fd-local-fileset", `filename=${join(work, "list")}:do_io_in_core=yes`, plugins)]],
  ["fd restore (TypeScript)", "fd", ["restore", "--archive", join(work, "b.bar"), "--where", join(work, "r2")]],
  ["fd API probe", "fd", ["backup", "--fileset-plugin", pluginString("api-probe", "mode=backup"),
                          "--archive", join(work, "p.bar")]],
  ["fd script errors", "fd", ["backup", "--fileset-plugin", pluginString("misbehave", "throw_in=plugin_io"),
                              "--archive", join(work, "e.bar")], true],
  ["fd cancel", "fd", ["backup", "--fileset-plugin", pluginString("misbehave", "loop=read"),
                       "--archive", join(work, "c.bar"), "--cancel-after", "1"], true],
  ["sd job with volume events", "sd", ["backup", "--plugin-options",
    pluginString("bareos-sd-volume-events", `log=${join(work, "v.log")}`, plugins), "--write-errors", "1"], true],
  ["dir jobs with job report", "dir", ["--jobs", "2", "backup", "--plugin-options",
    pluginString("bareos-dir-job-report", `file=${join(work, "j.log")}`, plugins)]],
];

let passed = 0;
let failed = 0;
for (const [name, daemon, args, jobMayFail] of scenarios) {
  const r = spawnSync("valgrind", ["--error-exitcode=99", "--leak-check=full",
    "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite", "-q",
    bin(daemon), "--plugin-dir", lib, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  const ok = r.status === 0 || (jobMayFail && r.status === 1);
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : ` (exit ${r.status})\n${r.stderr}`}`);
}
cleanup(work);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
