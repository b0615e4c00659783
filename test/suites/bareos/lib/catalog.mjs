// The director's catalog, read with psql: jobs, their logs and their files.
// File names are bytes (the catalog is SQL_ASCII): they come out as hex and
// become latin1 strings, the keys test/lib/tree.mjs uses.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";

const FIELD = "\x1f";
const RECORD = "\x1e";

// Bareos writes the numbers of a stat in base 64 with its own digits.
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const STAT_FIELDS = ["dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks",
                     "atime", "mtime", "ctime", "linkFI", "flags", "stream"];

/** A catalog lstat column as numbers: { mode, size, mtime, ... }. */
export function decodeLstat(text) {
  const out = {};
  text.split(" ").forEach((word, i) => {
    if (!STAT_FIELDS[i]) return;
    let value = 0;
    const negative = word.startsWith("-");
    for (const c of negative ? word.slice(1) : word) value = value * 64 + DIGITS.indexOf(c);
    out[STAT_FIELDS[i]] = negative ? -value : value;
  });
  return out;
}

export class Catalog {
  constructor(server, database) {
    this.server = server;
    this.database = database;
  }

  psql(args, input) {
    return execFileSync(join(this.server.bin, "psql"),
                        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", this.server.host, "-p", String(this.server.port),
                         "-U", "postgres", ...args],
                        { input, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["pipe", "pipe", "pipe"] });
  }

  /** A fresh database with Bareos' tables, as its DDL makes them. */
  create(ddl) {
    this.drop();
    this.psql(["-d", "postgres", "-c", `CREATE DATABASE ${this.database} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`]);
    this.psql(["-d", this.database, "-f", "-"], fs.readFileSync(ddl, "utf8"));
  }

  drop() {
    this.psql(["-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`]);
  }

  /** Rows of a query as arrays of strings. */
  rows(sql) {
    // psql ends its output with a newline, not with the record separator.
    const out = this.psql(["-d", this.database, "-A", "-t", "-F", FIELD, "-R", RECORD, "-c", sql]).replace(/\n$/, "");
    return out.split(RECORD).filter((r) => r.length).map((r) => r.split(FIELD));
  }

  /** The job's row: { jobid, name, type, level, status, files, bytes, errors }, or null. */
  job(jobid) {
    const [row] = this.rows(`SELECT jobid, job, type, level, jobstatus, jobfiles, jobbytes, joberrors, name
                             FROM job WHERE jobid = ${Number(jobid)}`);
    if (!row) return null;
    const [id, job, type, level, status, files, bytes, errors, name] = row;
    return { jobid: +id, job, type, level, status, files: +files, bytes: +bytes, errors: +errors, name };
  }

  /** The job's messages as the catalog keeps them, one string. */
  log(jobid) {
    return this.rows(`SELECT logtext FROM log WHERE jobid = ${Number(jobid)} ORDER BY time, logid`)
      .map(([t]) => t).join("");
  }

  /** The job's files: [{ name, fileIndex, stat }] sorted by name; deleted ones have fileIndex 0. */
  files(jobid) {
    return this.rows(`SELECT encode(convert_to(p.path || f.name, 'SQL_ASCII'), 'hex'), f.fileindex, f.lstat
                      FROM file f JOIN path p ON p.pathid = f.pathid WHERE f.jobid = ${Number(jobid)}`)
      .map(([hex, index, lstat]) => ({ name: Buffer.from(hex, "hex").toString("latin1"), fileIndex: +index,
                                        stat: decodeLstat(lstat) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The names of the volumes a job wrote. */
  volumes(jobid) {
    return this.rows(`SELECT DISTINCT m.volumename FROM jobmedia j JOIN media m ON m.mediaid = j.mediaid
                      WHERE j.jobid = ${Number(jobid)} ORDER BY 1`).map(([v]) => v);
  }
}
