// bareos-fd-pgdump against a real PostgreSQL server (test/lib/postgres.mjs
// starts one from Debian's packages): two databases with tables (100 000
// rows; bytea and unicode text), a role with grants; back up, drop them,
// restore, and compare row counts, a checksum of every table's ordered COPY
// and the role's grants.  Also: a database that exists fails alone,
// clean=yes restores into it, where= gives the dump files, an accurate
// incremental dumps everything again, databases=/exclude=, a password from
// PGPASSFILE, a failing pg_dump and an unreachable server.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pluginString, tempDir, cleanup, messages, root, tidyJob } from "../../lib/sim.mjs";
import { startPostgres } from "../../lib/postgres.mjs";
import { BYTES, createFixture, fingerprint as fixtureFingerprint, ident } from "../../lib/pg-fixture.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const pg = await serverOrFailure("a PostgreSQL server", () => startPostgres({ hba: ["local all pwuser scram-sha-256"] }));
const it = pg ? test : () => {};

const plugins = join(root, "build/plugins");
const work = tempDir("bq-pgdump-");
const workingDir = join(work, "working");
fs.mkdirSync(workingDir);

if (pg) {
  createFixture(pg);
  pg.psql("CREATE ROLE pwuser LOGIN SUPERUSER PASSWORD 'pw-secret';");
}
const fingerprint = () => fixtureFingerprint(pg);

const connection = pg ? `host=${pg.host}:port=${pg.port}:user=postgres` : "";
const postgresql = (options = "") =>
  pluginString("bareos-fd-pgdump", [connection, options].filter(Boolean).join(":"), plugins);
const cluster = pg ? `/@PG/local-${pg.port}` : "";
const text = (job) => messages(job).join("\n");

const sim = (args) => tidyJob(workingDir, args);

const full = join(work, "full.bar");
let before;

it("backs up every database as a dump and the roles as globals.sql", () => {
  before = fingerprint();
  assert.is(before["bq_big.big"].rows, 100_000);
  assert.is(before.grants, "t|t");
  const job = sim(["backup", "--archive", full, "--fileset-plugin", postgresql()]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => [f.fname, f.type]), [
    [`${cluster}/globals.sql`, 3], [`${cluster}/a_kept.dump`, 3], [`${cluster}/bq bytes%2Fit's.dump`, 3],
    [`${cluster}/bq_big.dump`, 3], [`${cluster}/postgres.dump`, 3]]);
  assert.ok(job.files_list[3].size > 1_000_000, `bq_big.dump: ${job.files_list[3].size} bytes`);
  assert.match(text(job), /\[M_INFO\] .*backing up PostgreSQL 1\d\.\d+/);
  assert.match(text(job), "dumping 4 databases (a_kept, bq bytes/it's, bq_big, postgres) in pg_dump's custom format (-Fc)");
});

it("restores dropped databases and roles; a database that exists fails alone", () => {
  pg.psql(`DROP DATABASE bq_big; DROP DATABASE ${ident(BYTES)}; DROP ROLE bq_reader;`);
  assert.is(pg.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'bq_reader'").trim(), "0");
  const job = sim(["restore", "--archive", full]);
  const log = text(job);
  assert.is(job.status, "E", log);
  assert.match(log, "[M_INFO] quickjs-fd: roles and tablespaces restored");
  assert.match(log, /\[M_ERROR\] .*\/a_kept\.dump: database a_kept exists: not restored/);
  assert.match(log, /\[M_ERROR\] .*\/postgres\.dump: database postgres exists: not restored/);
  assert.match(log, "[M_INFO] quickjs-fd: pg_restore of bq_big: database restored");
  assert.match(log, "[M_INFO] quickjs-fd: pg_restore of bq bytes/it's: database restored");
  assert.equal(fingerprint(), before);
});

it("clean=yes (restore plugin options) restores into existing databases", () => {
  pg.psql("UPDATE big SET txt = 'changed' WHERE id % 1000 = 0; DELETE FROM big WHERE id > 99990;", { db: "bq_big" });
  pg.psql("DROP TABLE kept;", { db: "a_kept" });
  assert.is(pg.psql("SELECT count(*) FROM big", { db: "bq_big" }).trim(), "99990");
  const job = sim(["restore", "--archive", full, "--plugin-options", "quickjs:clean=yes"]);
  assert.is(job.status, "T", text(job));
  assert.match(text(job), "pg_restore of a_kept: database restored");
  assert.equal(fingerprint(), before);
});

it("with where the dumps become files for a manual restore", () => {
  const where = join(work, "where");
  const job = sim(["restore", "--archive", full, "--where", where]);
  assert.is(job.status, "T", text(job));
  const dir = join(where, cluster);
  assert.equal(fs.readdirSync(dir).sort(),
               ["a_kept.dump", "bq bytes%2Fit's.dump", "bq_big.dump", "globals.sql", "postgres.dump"]);
  assert.match(fs.readFileSync(join(dir, "globals.sql"), "utf8"), "CREATE ROLE bq_reader;");
  const toc = execFileSync(join(pg.bin, "pg_restore"), ["-l", join(dir, "bq_big.dump")], { encoding: "utf8" });
  assert.match(toc, "TABLE DATA public big postgres");
  assert.match(text(job), `dump written to ${dir}/bq_big.dump (restore with: pg_restore --create -d postgres`);
});

it("an accurate incremental dumps every database again", () => {
  const job = sim(["backup", "--archive", join(work, "incr.bar"), "--level", "I", "--accurate", full,
                   "--fileset-plugin", postgresql()]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => f.type), [3, 3, 3, 3, 3]);
  assert.ok(job.files_list[3].size > 1_000_000);
  assert.equal(job.deleted, []);
  assert.match(text(job), "every run dumps every database in full, also at this level");
});

it("databases= and exclude= choose what is dumped; an unknown database fails the job", () => {
  const job = sim(["backup", "--archive", join(work, "some.bar"), "--fileset-plugin",
                   postgresql(`databases=bq_big,a_kept:exclude=a_kept`)]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => f.fname), [`${cluster}/globals.sql`, `${cluster}/bq_big.dump`]);
  const bad = sim(["backup", "--archive", join(work, "bad.bar"), "--fileset-plugin", postgresql("databases=nope,bq_big")]);
  assert.is(bad.status, "f", text(bad));
  assert.match(text(bad), `databases not on the server local-${pg.port}: nope`);
});

it("a password comes from pgpassfile (PGPASSFILE), never from the command line", () => {
  const pass = join(work, "pgpass");
  fs.writeFileSync(pass, `*:*:*:pwuser:pw-secret\n`, { mode: 0o600 });
  const as = (options) => pluginString("bareos-fd-pgdump",
                                       `host=${pg.host}:port=${pg.port}:user=pwuser:databases=a_kept${options}`, plugins);
  const job = sim(["backup", "--archive", join(work, "pw.bar"), "--fileset-plugin", as(`:pgpassfile=${pass}`)]);
  assert.is(job.status, "T", text(job));
  const none = sim(["backup", "--archive", join(work, "nopw.bar"), "--fileset-plugin", as("")]);
  assert.is(none.status, "f", text(none));
  assert.match(text(none), "no password supplied");
  fs.writeFileSync(pass, `*:*:*:pwuser:wrong\n`, { mode: 0o600 });
  const wrong = sim(["backup", "--archive", join(work, "wrongpw.bar"), "--fileset-plugin", as(`:pgpassfile=${pass}`)]);
  assert.is(wrong.status, "f", text(wrong));
  assert.match(text(wrong), "password authentication failed");
});

it("a failing pg_dump fails the job with its stderr (pg_bin_dir)", () => {
  // pg_bin_dir with the real tools, but a pg_dump that fails for a_kept.
  const bin = join(work, "bin");
  fs.mkdirSync(bin);
  for (const tool of ["psql", "pg_dumpall", "pg_restore"]) fs.symlinkSync(join(pg.bin, tool), join(bin, tool));
  fs.writeFileSync(join(bin, "pg_dump"), `#!/bin/sh
case "$*" in *a_kept*) echo "pg_dump: error: simulated failure for a_kept" >&2; exit 1;; esac
exec '${pg.bin}/pg_dump' "$@"
`, { mode: 0o755 });
  const job = sim(["backup", "--archive", join(work, "dumpfail.bar"), "--fileset-plugin",
                   postgresql(`pg_bin_dir=${bin}:databases=bq_big,a_kept`)]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] .*\/a_kept\.dump: pg_dump of a_kept exited with status 1; its stderr ends with:\npg_dump: error: simulated failure for a_kept/);
});

it("an unreachable server fails the job with psql's message", () => {
  const job = sim(["backup", "--archive", join(work, "down.bar"), "--fileset-plugin",
                   pluginString("bareos-fd-pgdump", `host=${pg.host}:port=1:user=postgres`, plugins)]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /cannot query the PostgreSQL server local-1: psql exited with status 2: .*No such file or directory/);
});

test.after(() => {
  pg?.stop();
  cleanup(work);
});
test.run();
