// Which Bareos the real-daemon suites run, and whether this machine can run
// it: BAREOS_PREFIX, else ../shared/bareos-25.1.0 beside the checkout, else
// a system install (Debian's packages). The answer is a layout with every
// path the suites need, or the reason in one line why they are skipped.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join, relative, resolve } from "node:path";

export const root = resolve(new URL("../../../..", import.meta.url).pathname);

// What Bareos 25 needs at run time on Debian 12, by the library's soname.
const DEBIAN_12_PACKAGES = {
  "libjansson.so.4": "libjansson4", "liblzo2.so.2": "liblzo2-2", "libfmt.so.9": "libfmt9",
  "libpq.so.5": "libpq5", "libpython3.11.so.1.0": "libpython3.11", "libxxhash.so.0": "libxxhash0",
  "libjson-c.so.5": "libjson-c5", "libxml2.so.2": "libxml2", "libtirpc.so.3": "libtirpc3",
  "libacl.so.1": "libacl1", "libreadline.so.8": "libreadline8", "libssl.so.3": "libssl3",
  "libcrypto.so.3": "libssl3", "libz.so.1": "zlib1g",
};
export const RUNTIME_PACKAGES = [...new Set(Object.values(DEBIAN_12_PACKAGES))];

/** A tree laid out like the build for tests: sbin/, bin/, lib/bareos/{plugins,backends,scripts}. */
function treeLayout(prefix, kind) {
  const lib = join(prefix, "lib/bareos");
  const first = (...names) => names.find((n) => fs.existsSync(n)) ?? names[0];
  return {
    kind, prefix,
    sbin: (name) => join(prefix, "sbin", name),
    bconsole: first(join(prefix, "sbin/bconsole"), join(prefix, "bin/bconsole")),
    libDir: lib,
    bareosPlugins: join(lib, "plugins"),
    backends: join(lib, "backends"),
    scripts: join(lib, "scripts"),
  };
}

/** Debian's packages: daemons in /usr/sbin, bconsole in /usr/bin, the rest under /usr/lib/bareos. */
function systemLayout() {
  const lib = "/usr/lib/bareos";
  return {
    kind: "system", prefix: "/usr",
    sbin: (name) => join("/usr/sbin", name),
    bconsole: fs.existsSync("/usr/sbin/bconsole") ? "/usr/sbin/bconsole" : "/usr/bin/bconsole",
    libDir: lib,
    bareosPlugins: join(lib, "plugins"),
    backends: join(lib, "backends"),
    scripts: join(lib, "scripts"),
  };
}

function candidates() {
  if (process.env.BAREOS_PREFIX) return [treeLayout(resolve(process.env.BAREOS_PREFIX), "BAREOS_PREFIX")];
  const shared = resolve(root, "../shared/bareos-25.1.0");
  const out = [];
  if (fs.existsSync(shared)) out.push(treeLayout(shared, "shared"));
  if (fs.existsSync("/usr/sbin/bareos-fd") && fs.existsSync("/usr/lib/bareos/plugins")) out.push(systemLayout());
  return out;
}

const isElf = (file) => {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(4);
  fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
};

/**
 * A copy of a tree can arrive with its library symlinks turned into small
 * text files naming their target (`libbareos.so.25` holding
 * "libbareos.so.25.1.0"): the loader then fails with "file too short".
 * Such files get a real symlink in libsDir, which LD_LIBRARY_PATH puts
 * before the binaries' RUNPATH. Returns the directory, or null when the
 * tree needs none.
 */
function mendLibraryLinks(layout, libsDir) {
  if (!fs.existsSync(layout.libDir)) return null;
  const links = [];
  for (const name of fs.readdirSync(layout.libDir)) {
    const file = join(layout.libDir, name);
    const st = fs.lstatSync(file);
    if (!/^lib.*\.so(\.\d+)*$/.test(name) || !st.isFile() || st.size > 255 || isElf(file)) continue;
    const target = fs.readFileSync(file, "utf8").trim();
    if (/^[\w.+-]+$/.test(target) && fs.existsSync(join(layout.libDir, target))) links.push([name, target]);
  }
  if (!links.length) return null;
  // A link names the file's final target, so chains (.so -> .so.25 -> .so.25.1.0) resolve in one step.
  const resolveLink = (name) => {
    const hop = links.find(([n]) => n === name);
    return hop ? resolveLink(hop[1]) : name;
  };
  const wanted = links.map(([name]) => [name, join(layout.libDir, resolveLink(name))]);
  const ready = () => wanted.every(([name, target]) => {
    try {
      return fs.readlinkSync(join(libsDir, name)) === target;
    } catch {
      return false;
    }
  });
  if (ready()) return libsDir;
  // Suites run side by side and each looks: made aside, then renamed into place.
  const aside = `${libsDir}.${process.pid}`;
  fs.rmSync(aside, { recursive: true, force: true });
  fs.mkdirSync(aside, { recursive: true });
  for (const [name, target] of wanted) fs.symlinkSync(target, join(aside, name));
  try {
    fs.renameSync(aside, libsDir);
  } catch (e) {
    fs.rmSync(aside, { recursive: true, force: true });
    if (!ready()) throw e;
  }
  return libsDir;
}

function missingLibraries(binaries, env) {
  const missing = new Set();
  for (const binary of binaries) {
    const r = spawnSync("ldd", [binary], { encoding: "utf8", env: { ...process.env, ...env } });
    for (const m of (r.stdout + r.stderr).matchAll(/^\s*(\S+) => not found/gm)) missing.add(m[1]);
    const broken = /error while loading shared libraries: (\S+?):/.exec(r.stderr);
    if (broken) missing.add(broken[1]);
  }
  return [...missing].sort();
}

/**
 * The Bareos to test, ready to run: the layout plus `env` (LD_LIBRARY_PATH
 * for a mended tree, PYTHONPATH for Bareos' Python plugins), or
 * { skip: "one line saying why" }. libsDir is where mended links go.
 */
export function findBareos(libsDir) {
  const found = candidates();
  if (!found.length)
    return { skip: "no Bareos found (set BAREOS_PREFIX, put bareos-25.1.0 in ../shared, or install Debian's bareos packages)" };
  const reasons = [];
  for (const layout of found) {
    const daemons = ["bareos-dir", "bareos-sd", "bareos-fd", "bpluginfo"].map(layout.sbin);
    const absent = [...daemons, layout.bconsole].filter((f) => !fs.existsSync(f));
    if (absent.length) {
      reasons.push(`${layout.prefix} holds no ${absent.map((f) => relative(layout.prefix, f)).join(", ")}`);
      continue;
    }
    const mended = mendLibraryLinks(layout, libsDir);
    const env = { PYTHONPATH: layout.bareosPlugins };
    if (mended) env.LD_LIBRARY_PATH = [mended, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
    const libs = missingLibraries([...daemons, layout.bconsole], env);
    if (libs.length) {
      const packages = [...new Set(libs.map((l) => DEBIAN_12_PACKAGES[l]).filter(Boolean))];
      const hint = packages.length ? ` (Debian 12: apt-get install ${packages.join(" ")})` : "";
      reasons.push(`${layout.prefix} cannot run here: ${libs.join(", ")} not found${hint}`);
      continue;
    }
    return { ...layout, env, mended: Boolean(mended) };
  }
  return { skip: reasons.join("; ") };
}
