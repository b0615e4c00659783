// One psql session held open for a whole job: a non-exclusive base backup
// is pg_backup_start and pg_backup_stop in the same connection, and the
// server ends it when that connection goes.  Each query goes to psql's
// stdin followed by an \echo of a marker; its rows are the lines psql
// prints before the marker.  With ON_ERROR_STOP psql ends at the first
// error, so a failed query is an ended session whose stderr says why.
import * as os from "bareos:os";
import { spawn, type ChildProcess } from "bareos-qjs";

// Neither hex nor an LSN nor a setting we read holds it.
const FIELD_SEPARATOR = "\x1f";
const CHUNK = 64 * 1024;

export interface Connection {
  readonly host: string | undefined;
  readonly port: string | undefined;
  readonly user: string | undefined;
  readonly database: string;
  /** Given to psql as PGPASSWORD in its environment, never on its command line. */
  readonly password: string | undefined;
  readonly psql: string;
}

export class PsqlSession {
  private pending = "";
  private serial = 0;
  private child: ChildProcess | undefined;

  constructor(connection: Connection, tempDir: string) {
    const c = connection;
    const argv = [c.psql, "-X", "-q", "-A", "-t", "-F", FIELD_SEPARATOR, "-v", "ON_ERROR_STOP=1", "--no-password",
                  `--dbname=${c.database}`];
    if (c.host !== undefined) argv.push(`--host=${c.host}`);
    if (c.port !== undefined) argv.push(`--port=${c.port}`);
    if (c.user !== undefined) argv.push(`--username=${c.user}`);
    const env = c.password === undefined ? undefined : { ...os.environ(), PGPASSWORD: c.password };
    this.child = spawn(argv, { stdin: "pipe", stdout: "pipe", tempDir, ...(env ? { env } : {}) });
  }

  /** The rows of one statement, each split into its fields; throws with psql's stderr when the session ended. */
  query(sql: string): string[][] {
    const child = this.child;
    if (!child) throw new Error("the PostgreSQL session is closed");
    const marker = `@@bareos-qjs-end-${++this.serial}@@`;
    try {
      const input = os.encode(`${sql};\n\\echo ${marker}\n`);
      for (let done = 0; done < input.length;) done += os.write(child.stdin, input, done);
    } catch (e) {
      // EPIPE: psql is gone; its stderr says why.
      if ((e as os.OsError).code !== "EPIPE") throw e;
    }
    const rows: string[][] = [];
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      const eol = this.pending.indexOf("\n");
      if (eol >= 0) {
        const line = this.pending.slice(0, eol);
        this.pending = this.pending.slice(eol + 1);
        if (line === marker) return rows;
        rows.push(line.split(FIELD_SEPARATOR));
        continue;
      }
      const n = os.read(child.stdout, buf);
      if (n === 0) throw new Error(this.ended());
      this.pending += os.decode(buf.subarray(0, n));
    }
  }

  /** The single value of a one-row, one-column query. */
  value(sql: string): string {
    return this.query(sql)[0]?.[0] ?? "";
  }

  /** Why psql is gone: its stderr, else its exit status. */
  private ended(): string {
    const child = this.child!;
    const status = child.waitFor(5000) ?? child.terminate();
    const stderr = child.stderrTail().replace(/^psql: (error: )?/, "");
    this.close();
    return stderr || `psql ${status.text}`;
  }

  /** Ends the session (the server aborts a backup still running in it) and psql with it. */
  close(): void {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.closePipes();
    // EOF on its stdin: psql disconnects and exits by itself.
    child.waitFor(5000);
    child.dispose();
  }
}
