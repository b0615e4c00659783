// A throw-away PostgreSQL server for the tests: initdb into a temporary
// directory owned by an unprivileged user, listening only on a unix socket
// in that directory, stopped and removed when the suite ends (also when it
// fails or is interrupted).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopAtExit, forgetAtExit } from "./server.mjs";
import { freePort } from "./ports.mjs";

const SETUP_HINT = "PostgreSQL is not installed: run the README's set-up step " +
                   "(apt-get install -y postgresql) and try again";

/** The newest /usr/lib/postgresql/<version>/bin with initdb and pg_ctl; throws when none. */
export function pgBinDir() {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(join(base, v, "bin/initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (!versions.length) throw new Error(SETUP_HINT);
  return join(base, versions[0], "bin");
}

/** The user the server runs as: as root, postgres (from the package) or nobody; else ourselves. */
function serverUser() {
  if (process.getuid() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const r = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (r.status === 0) return { name, uid: Number(r.stdout), gid: Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout) };
  }
  throw new Error("no postgres or nobody user to run the test server as");
}

/**
 * Starts a server; returns { dir, host, port, bin, data, walArchive, psql(sql, opts), stop() }.
 * host is the socket directory. Connections over the socket are trusted
 * unless hba lines (pg_hba.conf lines, put before the trust line) say otherwise.
 * With archive, archive_mode is on and archive_command copies each WAL
 * segment into walArchive, a directory of the server's user.
 */
export async function startPostgres({ hba = [], archive = false } = {}) {
  return launch({ hba, archive });
}

/**
 * Starts a server on an existing data directory (a restored base backup):
 * it becomes the server user's, and conf lines (recovery settings, say) are
 * appended to its postgresql.conf after the ones that give it a port and
 * socket of its own. Same object as startPostgres's; stop() leaves data.
 */
export async function startPostgresOn(data, conf = []) {
  return launch({ existing: data, conf });
}

async function launch({ hba = [], archive = false, existing = null, conf = [] }) {
  const bin = pgBinDir();
  const user = serverUser();
  const dir = fs.mkdtempSync(join(tmpdir(), "bq-pg-"));
  const data = existing ?? join(dir, "data");
  const walArchive = archive ? join(dir, "wal_archive") : null;
  const port = await freePort();
  // initdb refuses to run as root: its programs run as user through setpriv.
  const command = (cmd, args) => user
    ? ["setpriv", ["--reuid", String(user.uid), "--regid", String(user.gid), "--clear-groups", join(bin, cmd), ...args]]
    : [join(bin, cmd), args];
  const asUser = (cmd, args) => {
    const r = spawnSync(...command(cmd, args), { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const own = (path) => { if (user) fs.chownSync(path, user.uid, user.gid); };
  fs.chmodSync(dir, 0o755);
  own(dir);
  const server = {
    dir, host: dir, port, bin, data, walArchive,
    stopped: false,
    stop() {
      if (server.stopped) return;
      server.stopped = true;
      forgetAtExit(server);
      spawnSync(...command("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Runs SQL with psql (as postgres unless user is given); returns its stdout, throws on errors. */
    psql(sql, { db = "postgres", user: role = "postgres" } = {}) {
      return execFileSync(join(bin, "psql"), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", String(port),
                                              "-U", role, "-d", db, "-f", "-"],
                          { input: sql, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["pipe", "pipe", "pipe"] });
    },
    /** Runs SQL; returns the raw stdout bytes (for COPY ... TO STDOUT). */
    psqlBytes(sql, { db = "postgres" } = {}) {
      return execFileSync(join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", String(port),
                                              "-U", "postgres", "-d", db, "-c", sql],
                          { maxBuffer: 256 << 20 });
    },
  };
  stopAtExit(server);
  try {
    if (existing) {
      // The server starts only on a data directory of its own user, mode 0700.
      if (user) spawnSync("chown", ["-R", `${user.uid}:${user.gid}`, data]);
      fs.chmodSync(data, 0o700);
    } else {
      asUser("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
      fs.writeFileSync(join(data, "pg_hba.conf"), [...hba, "local all all trust", ""].join("\n"));
    }
    if (walArchive) {
      fs.mkdirSync(walArchive);
      own(walArchive);
    }
    fs.appendFileSync(join(data, "postgresql.conf"), [
      "listen_addresses = ''", `unix_socket_directories = '${dir}'`, `port = ${port}`,
      "fsync = off", "synchronous_commit = off", "full_page_writes = off",
      ...(walArchive ? ["archive_mode = on", `archive_command = 'test ! -f ${walArchive}/%f && cp %p ${walArchive}/%f'`] : []),
      ...conf, "",
    ].join("\n"));
    asUser("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  } catch (e) {
    const log = join(dir, "server.log");
    const detail = fs.existsSync(log) ? `\n${fs.readFileSync(log, "utf8")}` : "";
    server.stop();
    throw new Error(`${e.message}${detail}`);
  }
  return server;
}
