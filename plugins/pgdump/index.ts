// bareos-fd-pgdump: logical dumps of a PostgreSQL server.  Every
// database becomes /@PG/<cluster>/<db>.dump (pg_dump -Fc, streamed with
// direct I/O), roles and tablespaces /@PG/<cluster>/globals.sql
// (pg_dumpall --globals-only).  A restore without `where` recreates the
// databases (pg_restore --create, or --clean into existing ones with
// clean=yes); with `where` it writes the dump files under it.
// Options (README.md): host, port, user, pgpassfile, pg_bin_dir, databases,
// exclude, cluster, maintenance_db, clean.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { StreamPlugin, definePlugin, isYes, quoteArg, run, type Program,
         type StreamSource } from "bareos-qjs";
import { postgresBinDir } from "../postgresql/programs.js";

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
// A database name as one path component, and back.
const encodeName = (db: string) => db.replace(/%/g, "%25").replace(/\//g, "%2F");
const decodeName = (part: string) => part.replace(/%2F/gi, "/").replace(/%25/g, "%");
// A libpq connection string naming only a database: any name is safe in it.
const dbConninfo = (db: string) => `dbname='${db.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

class PostgreSQL extends StreamPlugin {
  // One database that cannot be restored must not keep the others from it.
  protected override restoreFailure = fd.M_ERROR;
  private serverAnnounced = false;

  private get cluster(): string {
    const host = this.options["host"];
    return this.options["cluster"] ?? `${!host || host.startsWith("/") ? "local" : host}-${this.options["port"] ?? "5432"}`;
  }

  private get maintenanceDb(): string { return this.options["maintenance_db"] ?? "postgres"; }

  private tool(name: string): string {
    // psql from the same installation as pg_dump.
    return `${postgresBinDir(this.options["pg_bin_dir"], "pg_dump")}/${name}`;
  }

  /** Connection arguments: never a password, which comes from PGPASSFILE. */
  private program(name: string, args: string[], label: string): Program {
    const o = this.options;
    const argv = [this.tool(name), "--no-password", ...args];
    if (o["host"]) argv.push(`--host=${o["host"]}`);
    if (o["port"]) argv.push(`--port=${o["port"]}`);
    if (o["user"]) argv.push(`--username=${o["user"]}`);
    const env = o["pgpassfile"] ? { ...os.environ(), PGPASSFILE: o["pgpassfile"] } : undefined;
    return env ? { argv, env, label } : { argv, label };
  }

  /** The rows of a one-column query on the maintenance database. */
  private async query(sql: string): Promise<string[]> {
    const psql = this.program("psql", ["-X", "-A", "-t", "-0", `--dbname=${dbConninfo(this.maintenanceDb)}`,
                                       "-c", sql], "psql");
    const result = await run(psql.argv, { tempDir: this.job.workingDir, ...(psql.env ? { env: psql.env } : {}) });
    if (!result.status.ok)
      throw new Error(`cannot query the PostgreSQL server ${this.cluster}: psql ${result.status.text}: ${result.stderr}`);
    return result.stdout.split("\0").filter((row, i, rows) => row !== "" || i < rows.length - 1);
  }

  private async announceServer(doing: string): Promise<void> {
    if (this.serverAnnounced) return;
    this.serverAnnounced = true;
    const [version] = await this.query("SHOW server_version");
    fd.JobMessage(fd.M_INFO, `${doing} PostgreSQL ${version} (cluster ${this.cluster})\n`);
  }

  protected override async backupSources(): Promise<StreamSource[]> {
    const all = await this.query("SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1");
    const named = list(this.options["databases"]);
    const missing = named.filter((db) => !all.includes(db));
    if (missing.length) throw new Error(`databases not on the server ${this.cluster}: ${missing.join(", ")}`);
    const excluded = list(this.options["exclude"]);
    const databases = (named.length ? named : all).filter((db) => !excluded.includes(db));

    const dump = (await run([this.tool("pg_dump"), "--version"], { tempDir: this.job.workingDir })).stdout.trim();
    await this.announceServer("backing up");
    const count = databases.length === 1 ? "1 database" : `${databases.length} databases`;
    fd.JobMessage(fd.M_INFO, `dumping ${count} (${databases.join(", ")}) in pg_dump's ` +
                  `custom format (-Fc) with ${dump}, roles and tablespaces with pg_dumpall --globals-only\n`);
    if (this.job.level === "I" || this.job.level === "D")
      fd.JobMessage(fd.M_INFO, "every run dumps every database in full, also at this level\n");

    const prefix = `/@PG/${this.cluster}`;
    return [
      { fname: `${prefix}/globals.sql`,
        reader: this.program("pg_dumpall", ["--globals-only", `--database=${dbConninfo(this.maintenanceDb)}`],
                             "pg_dumpall --globals-only") },
      ...databases.map((db) => ({
        fname: `${prefix}/${encodeName(db)}.dump`,
        reader: this.program("pg_dump", ["--format=custom", `--dbname=${dbConninfo(db)}`], `pg_dump of ${db}`),
      })),
    ];
  }

  protected override async restoreWriter(fname: string): Promise<Program> {
    const base = fname.slice(fname.lastIndexOf("/") + 1);
    await this.announceServer("restoring into");
    if (base === "globals.sql")
      return this.program("psql", ["-X", "-q", `--dbname=${dbConninfo(this.maintenanceDb)}`, "-f", "-"],
                          "psql with the roles and tablespaces");
    if (!base.endsWith(".dump")) throw new Error("not a file of bareos-fd-pgdump");
    const db = decodeName(base.slice(0, -".dump".length));
    const exists = (await this.query("SELECT datname FROM pg_database")).includes(db);
    if (exists && !isYes(this.options["clean"]))
      throw new Error(`database ${db} exists: not restored (drop it, or restore with clean=yes to restore into it)`);
    const target = exists ? ["--clean", "--if-exists", `--dbname=${dbConninfo(db)}`]
                          : ["--create", `--dbname=${dbConninfo(this.maintenanceDb)}`];
    return this.program("pg_restore", target, `pg_restore of ${db}`);
  }

  protected override restored(fname: string, writer: Program, stderr: string): void {
    if (!fname.endsWith("/globals.sql")) {
      fd.JobMessage(fd.M_INFO, `${writer.label}: database restored\n`);
      return;
    }
    // Roles that exist already (the one we connect as, at least) are expected errors.
    const errors = stderr.split("\n").filter((l) => /ERROR:/.test(l) && !/already exists/.test(l));
    fd.JobMessage(errors.length ? fd.M_WARNING : fd.M_INFO, errors.length
      ? `roles and tablespaces restored with errors:\n${errors.join("\n")}\n`
      : "roles and tablespaces restored\n");
  }

  protected override restoredToFile(path: string): void {
    fd.JobMessage(fd.M_INFO, path.endsWith("/globals.sql")
      ? `roles and tablespaces written to ${path} (restore with: psql -f ${quoteArg(path)})\n`
      : `dump written to ${path} (restore with: pg_restore --create -d postgres ${quoteArg(path)})\n`);
  }
}

export default definePlugin(PostgreSQL);
