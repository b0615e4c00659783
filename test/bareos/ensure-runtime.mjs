// Before the real-daemon suites: when the Bareos found (a tree built for
// Debian 12) cannot run for want of libraries and we may install them (root,
// apt-get, Debian 12), installs the runtime packages. On another release the
// packages may not exist: the suites then say what is missing and are
// skipped, and this never fails the build.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { RUNTIME_PACKAGES } from "./lib/install.mjs";
import { bareosHere } from "./lib/suite.mjs";

const found = bareosHere();
const bookworm = () => /^12\./.test(fs.existsSync("/etc/debian_version") ? fs.readFileSync("/etc/debian_version", "utf8") : "");
const canInstall = process.getuid() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (found.skip && / not found/.test(found.skip) && canInstall && bookworm()) {
  console.log(`installing Bareos' runtime libraries for the real-daemon suites: ${RUNTIME_PACKAGES.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 &&
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...RUNTIME_PACKAGES],
              { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
  if (!install) console.log("could not install them; the real-daemon suites will say what is missing");
}
