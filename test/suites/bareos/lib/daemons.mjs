// A throw-away Bareos for one suite: a director, a storage daemon and a file
// daemon on free loopback ports, with configs written under
// build/test-bareos/<suite>/, a catalog database of their own in a
// PostgreSQL server, our plugins copied into their plugin directories.
// Everything is stopped when the suite ends, also when it fails or is
// interrupted.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { configText, raw } from "./config.mjs";
import { root } from "./install.mjs";
import { Catalog } from "./catalog.mjs";
import { Console } from "./console.mjs";
import { freePort, listensOn } from "../../../lib/ports.mjs";

const build = join(root, "build");

// The daemon itself holds the port: a TCP connect alone also succeeds when
// somebody else's server has it, and the daemon only says so in its log.
async function listening(port, child, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${what} ended at start (${child.exitCode ?? child.signalCode}): ${child.readLog()}`);
    if (listensOn(child.pid, port)) return;
    if (Date.now() > deadline) throw new Error(`${what} does not listen on ${port}: ${child.readLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function copyPlugins(dir, files) {
  fs.mkdirSync(dir, { recursive: true });
  // The daemons skip a plugin that is a symbolic link: copies, never links.
  for (const file of files) fs.copyFileSync(file, join(dir, file.split("/").at(-1)));
}

/**
 * Starts the three daemons. Options:
 *   name        the suite's folder under build/test-bareos
 *   bareos      findBareos()'s layout
 *   postgres    the catalog's server ({ host, port, psql })
 *   filesets    FileSet bodies; jobs: Job bodies (Client, Storage, Pool,
 *               Messages and a Maximum Concurrent Jobs are filled in)
 *   fdPlugins   plugin names for the file daemon (default ["quickjs"]);
 *               "python3" also copies python3-fd.so
 *   sdPlugins, dirPlugins: the same for the storage daemon and director
 *   pluginDirs  { fd, sd, dir }: a daemon's Plugin Directory used as it is
 *               (an installed one) instead of a copy of our build
 *   devices     how many file devices can read or write at once (default 8)
 */
export async function startBareos({ name, bareos, postgres, filesets = [], jobs = [],
                                    fdPlugins = ["quickjs"], sdPlugins = [], dirPlugins = [], pluginDirs = {},
                                    devices = 8, debug = Number(process.env.BQ_BAREOS_DEBUG ?? 0) }) {
  const dir = join(build, "test-bareos", name);
  fs.rmSync(dir, { recursive: true, force: true });
  const paths = Object.fromEntries(["dir", "sd", "fd", "storage", "plugins-fd", "plugins-sd", "plugins-dir", "data"]
    .map((p) => [p, join(dir, p)]));
  for (const p of Object.values(paths)) fs.mkdirSync(p, { recursive: true });
  const [dirPort, sdPort, fdPort] = [await freePort(), await freePort(), await freePort()];
  const password = (who) => `${who}-${process.pid}-${dirPort}`;

  const soFor = (daemon, names) => names.map((n) => n === "quickjs"
    ? join(build, "lib", `quickjs-${daemon}.so`) : join(bareos.bareosPlugins, `${n}-${daemon}.so`));
  const pluginDir = {};
  for (const [daemon, names] of Object.entries({ fd: fdPlugins, sd: sdPlugins, dir: dirPlugins })) {
    pluginDir[daemon] = pluginDirs[daemon] ?? paths[`plugins-${daemon}`];
    if (!pluginDirs[daemon]) copyPlugins(pluginDir[daemon], soFor(daemon, names));
  }
  const pluginNames = (names) => (names.length ? raw(names.map((n) => `"${n}"`).join(", ")) : undefined);
  const append = (file) => raw(`"${file}" = all, !skipped, !saved, !audit`);

  const catalog = new Catalog(postgres, `bq_${name.replace(/\W/g, "_")}`);
  catalog.create(join(bareos.scripts, "ddl/creates/postgresql.sql"));

  const common = { Client: "bq-fd", Storage: "File", Pool: "Full", Messages: "Standard",
                   "Maximum Concurrent Jobs": 50 };
  const writeConfig = (name, resources) => fs.writeFileSync(join(dir, name), configText(resources));
  writeConfig("bareos-dir.conf", {
    Director: {
      Name: "bq-dir", DirAddress: "127.0.0.1", DirPort: dirPort, Password: password("dir"),
      WorkingDirectory: paths.dir, QueryFile: join(bareos.scripts, "query.sql"), Messages: "Daemon",
      "Maximum Concurrent Jobs": 50, "Maximum Console Connections": 100,
      "Plugin Directory": dirPlugins.length ? pluginDir.dir : undefined,
      "Plugin Names": pluginNames(dirPlugins),
    },
    Catalog: { Name: "cat", "DB Name": catalog.database, "DB User": "postgres",
               "DB Address": postgres.host, "DB Port": postgres.port },
    Storage: { Name: "File", Address: "127.0.0.1", SDPort: sdPort, Password: password("sd"),
               Device: "FileChanger", "Media Type": "File", Autochanger: "yes", "Maximum Concurrent Jobs": 50 },
    Client: { Name: "bq-fd", Address: "127.0.0.1", FDPort: fdPort, Password: password("fd"),
              Catalog: "cat", "Maximum Concurrent Jobs": 50 },
    // A volume per job: restores of jobs run side by side never wait for a
    // volume another one has mounted (the storage daemon looks again only
    // every few minutes).
    Pool: { Name: "Full", "Pool Type": "Backup", "Label Format": "Vol-", "Maximum Volume Jobs": 1,
            Recycle: "no", "Auto Prune": "no" },
    Messages: [
      { Name: "Standard", Catalog: raw("all, !skipped, !saved, !audit"), Append: append(join(paths.dir, "jobs.log")) },
      { Name: "Daemon", Append: append(join(paths.dir, "daemon.log")) },
    ],
    FileSet: [...filesets, { Name: "none", Include: { File: paths.data } }],
    Job: [...jobs.map((job) => ({ Type: "Backup", Level: "Full", ...common, ...job })),
          { Name: "RestoreFiles", Type: "Restore", FileSet: "none", ...common, Where: join(dir, "restores") }],
  });
  writeConfig("bareos-sd.conf", {
    // Just-in-time reservation (Bareos 25's default) lets bareos-sd 25.1
    // crash with SIGSEGV when the file daemon fails a job while the device
    // is being reserved (seen with our command plugin's and Bareos' own
    // bpipe's readers failing at the first read): reserve at job start.
    Storage: { Name: "bq-sd", SDAddress: "127.0.0.1", SDPort: sdPort, WorkingDirectory: paths.sd,
               "Backend Directory": bareos.backends, "Just In Time Reservation": "no",
               "Plugin Directory": sdPlugins.length ? pluginDir.sd : undefined,
               "Plugin Names": pluginNames(sdPlugins) },
    Director: { Name: "bq-dir", Password: password("sd") },
    Autochanger: { Name: "FileChanger", Device: "FileDev", "Changer Device": "/dev/null", "Changer Command": "" },
    Device: { Name: "FileDev", Count: devices, "Media Type": "File", "Archive Device": paths.storage,
              "Device Type": "File", LabelMedia: "yes", "Random Access": "yes", AutomaticMount: "yes",
              RemovableMedia: "no", AlwaysOpen: "no" },
    Messages: { Name: "Standard", Director: raw("bq-dir = all") },
  });
  writeConfig("bareos-fd.conf", {
    FileDaemon: { Name: "bq-fd", FDAddress: "127.0.0.1", FDPort: fdPort, WorkingDirectory: paths.fd,
                  "Plugin Directory": pluginDir.fd, "Plugin Names": pluginNames(fdPlugins) },
    Director: { Name: "bq-dir", Password: password("fd") },
    Messages: { Name: "Standard", Director: raw("bq-dir = all, !skipped, !restored") },
  });
  writeConfig("bconsole.conf", {
    Director: { Name: "bq-dir", Address: "127.0.0.1", DIRport: dirPort, Password: password("dir") },
  });

  const env = { ...process.env, ...bareos.env };
  const daemons = {};
  let stopping = false;
  // Rejects when a daemon ends while the suite still needs it: a wait for a
  // job then fails at once instead of after the other daemons' timeouts.
  let died;
  const death = new Promise((_, reject) => (died = reject));
  death.catch(() => {});
  const start = (daemon) => {
    const log = join(dir, `${daemon}.out`);
    const out = fs.openSync(log, "w");
    const args = ["-f", "-c", join(dir, `bareos-${daemon}.conf`), ...(debug ? ["-d", String(debug), "--dt"] : [])];
    const child = spawn(bareos.sbin(`bareos-${daemon}`), args, { env, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    child.readLog = () => fs.readFileSync(log, "utf8").slice(-4000);
    running.add(child);
    child.on("exit", (code, signal) => {
      running.delete(child);
      if (!stopping) died(new Error(`bareos-${daemon} ended (${signal ?? `status ${code}`}):\n${child.readLog()}`));
    });
    daemons[daemon] = child;
    return child;
  };
  const instance = {
    dir, paths, bareos, catalog, daemons, death, ports: { dir: dirPort, sd: sdPort, fd: fdPort },
    console: new Console(bareos.bconsole, join(dir, "bconsole.conf"), env),
    /** The daemons still run as the processes started. */
    alive() {
      return Object.fromEntries(Object.entries(daemons).map(([n, c]) => [n, c.exitCode === null && c.signalCode === null]));
    },
    /** The end of each daemon's own output, for a failure's message. */
    logs() {
      return Object.entries(daemons).map(([n, c]) => `--- ${n}:\n${c.readLog()}`).join("\n");
    },
    async stop({ keep = false } = {}) {
      stopping = true;
      instance.console.closeAll();
      await Promise.all(Object.values(daemons).map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.on("exit", () => { clearTimeout(kill); resolve(); });
        child.kill("SIGTERM");
      })));
      catalog.drop();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const [daemon, port] of [["sd", sdPort], ["fd", fdPort], ["dir", dirPort]])
      await listening(port, start(daemon), `bareos-${daemon}`);
  } catch (e) {
    await instance.stop({ keep: true });
    throw e;
  }
  return instance;
}

/** bpluginfo -v on a plugin file: { status, output }. */
export function pluginInfo(bareos, file) {
  const r = spawnSync(bareos.sbin("bpluginfo"), ["-v", file], { encoding: "utf8", env: { ...process.env, ...bareos.env } });
  return { status: r.status, output: r.stdout + r.stderr };
}
