// Before the real-daemon suites: when the Bareos found (a tree built for
// Debian 12) cannot run for want of libraries and we may install them (root,
// apt-get, Debian 12), installs the runtime packages. On another release the
// packages may not exist: the suites then say what is missing and are
// skipped, and this never fails the build. The installed suite's tools
// (make deb's dpkg-dev, lintian) are installed the same way when missing;
// without them that suite fails, saying which is missing.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { RUNTIME_PACKAGES } from "./lib/install.mjs";
import { bareosHere } from "./lib/suite.mjs";

// What installed.test.mjs runs, by the package that has it.
const TOOLS = { "dpkg-shlibdeps": "dpkg-dev", lintian: "lintian" };

const found = bareosHere();
const bookworm = () => /^12\./.test(fs.existsSync("/etc/debian_version") ? fs.readFileSync("/etc/debian_version", "utf8") : "");
const have = (program) => spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;
const canInstall = process.getuid() === 0 && have("apt-get");
const wanted = [];
if (found.skip && / not found/.test(found.skip) && bookworm()) wanted.push(...RUNTIME_PACKAGES);
if (!found.skip || wanted.length)
  wanted.push(...Object.entries(TOOLS).filter(([program]) => !have(program)).map(([, pkg]) => pkg));
if (wanted.length && canInstall) {
  console.log(`installing what the real-daemon suites need: ${wanted.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 &&
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...wanted],
              { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
  if (!install) console.log("could not install them; the real-daemon suites will say what is missing");
}
