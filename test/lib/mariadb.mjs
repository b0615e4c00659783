// A throw-away MariaDB server for the tests, from Debian's mariadb-server
// (installed when missing and we are root): mariadb-install-db into a
// directory under build/, a unix socket and a loopback port of its own,
// stopped and removed when the suite ends (also when it fails or is
// interrupted).  `start(datadir)` also runs a server on another data
// directory, e.g. a prepared backup.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { root } from "./sim.mjs";
import { stopAtExit, forgetAtExit } from "./server.mjs";
import { freePort } from "./ports.mjs";

const PACKAGES = ["mariadb-server", "mariadb-backup"];

function ensureInstalled() {
  const missing = ["mariadbd", "mariadb-install-db", "mariadb-backup", "mbstream", "mariadb"]
    .filter((p) => spawnSync("sh", ["-c", `command -v ${p}`]).status !== 0);
  if (!missing.length) return;
  if (process.getuid() !== 0)
    throw new Error(`${missing.join(", ")} missing: apt-get install ${PACKAGES.join(" ")} and try again`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", ...PACKAGES]]) {
    const r = spawnSync("apt-get", args, { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed: ${r.stderr}`);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a server on a fresh data directory; returns { dir, datadir, socket,
 * port, user, mycnf, sql(text), runOnBackup(full, incremental), restart(),
 * start(datadir), stop(), stopNow() }.  root
 * (the tests' user) logs in over the socket without a password
 * (unix_socket); `mycnf` is a [client] defaults file for it.
 */
export async function startMariadb() {
  ensureInstalled();
  const base = join(root, "build/test-mariadb");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(join(base, "db-"));
  // The server runs as the tests' own user: the checkout may lie below a
  // folder only that user can enter (mktemp -d), where the mysql user could
  // neither create the server nor start it on a restored backup.
  const user = userInfo().username;
  const port = await freePort();
  const socket = join(dir, "mysqld.sock");
  const mycnf = join(dir, "client.cnf");
  fs.writeFileSync(mycnf, `[client]\nuser=root\nsocket=${socket}\n`, { mode: 0o600 });

  const server = {
    dir, socket, port, mycnf, datadir: join(dir, "data"), child: null, exited: null,
    /** Runs SQL as root; returns the tab-separated rows; throws with the client's message. */
    sql(text, { database } = {}) {
      const args = [`--defaults-file=${mycnf}`, "--batch", "--skip-column-names", ...(database ? [database] : [])];
      return execFileSync("mariadb", args, { input: text, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    },
    /**
     * Prepares the restored Full in `full`, applies the restored Incremental
     * in `incremental` to it, and runs the server on the result; restart()
     * goes back to the server's own data.
     */
    async runOnBackup(full, incremental) {
      execFileSync("mariadb-backup", ["--prepare", `--target-dir=${full}`], { stdio: "pipe" });
      execFileSync("mariadb-backup", ["--prepare", `--target-dir=${full}`, `--incremental-dir=${incremental}`],
                   { stdio: "pipe" });
      await server.stop();
      await server.start(full);
    },
    /** Runs the server on its own data again. */
    async restart() {
      await server.stop();
      await server.start();
    },
    /** Runs mariadbd on datadir and waits until it answers. */
    async start(datadir = server.datadir) {
      const log = join(dir, "server.log");
      const child = spawn("mariadbd", ["--no-defaults", `--datadir=${datadir}`, `--socket=${socket}`,
                                       `--port=${port}`, "--bind-address=127.0.0.1", `--user=${user}`,
                                       `--pid-file=${join(dir, "mysqld.pid")}`, `--log-error=${log}`,
                                       "--skip-log-bin", "--innodb-buffer-pool-size=32M",
                                       "--innodb-log-file-size=16M", "--skip-name-resolve"],
                          { stdio: "ignore" });
      server.child = child;
      server.exited = new Promise((resolve) => child.on("exit", resolve));
      stopAtExit(server, "stopNow");
      for (let i = 0; i < 600; i++) {
        if (child.exitCode !== null) break;
        if (spawnSync("mariadb", [`--defaults-file=${mycnf}`, "-e", "select 1"]).status === 0) return;
        await sleep(100);
      }
      const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
      await server.stop();
      throw new Error(`mariadbd on ${datadir} did not start:\n${text.slice(-4000)}`);
    },
    async stop() {
      const child = server.child;
      if (!child) return;
      server.child = null;
      forgetAtExit(server);
      if (child.exitCode === null) child.kill("SIGTERM");
      await server.exited;
    },
    /** At process exit: no waiting possible, the server gets SIGKILL. */
    stopNow() {
      server.child?.kill("SIGKILL");
      server.child = null;
      forgetAtExit(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Stops the server and removes its directory. */
    async remove() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const install = spawnSync("mariadb-install-db", ["--no-defaults", `--datadir=${server.datadir}`, `--user=${user}`,
                                                  "--auth-root-authentication-method=socket", "--skip-test-db"],
                            { encoding: "utf8" });
  if (install.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed (${install.status}): ${install.stderr}${install.stdout}`);
  }
  await server.start();
  return server;
}
