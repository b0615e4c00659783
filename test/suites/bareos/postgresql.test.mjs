// bareos-fd-postgresql (PITR) in the real daemons, against a PostgreSQL
// server of its own with WAL archiving (not the catalog's): a Full, row A,
// a time T, row B, an Incremental of an Accurate job; one restore of both
// into a fresh directory, recovery to T as the plugin's page says, and a
// server started on it has row A and not row B.  A wrong password and a
// server that is down are failed jobs with the server's message, and no
// psql is left behind the file daemon.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins } from "./lib/suite.mjs";
import { startPostgres, startPostgresOn } from "../../lib/postgres.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const WRONG = "not-the-Password-9";
const pg = await serverOrFailure("a PostgreSQL server with WAL archiving",
                                 () => startPostgres({ archive: true, hba: ["local all pwuser scram-sha-256"] }));
// The password in an options file: Bareos itself logs the Plugin line of a failed job.
const badPassword = pg ? join(pg.dir, "badpw.conf") : "";
if (pg) fs.writeFileSync(badPassword, `db_password=${WRONG}\n`, { mode: 0o600 });
const line = (options) => `quickjs:module_path=${plugins}:module_name=bareos-fd-postgresql:${options}:` +
  (pg ? `db_host=${pg.host}:db_port=${pg.port}:wal_archive_dir=${pg.walArchive}` : "");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** psql processes whose parent is the file daemon. */
function psqlOf(fdPid) {
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const m = /^\d+ \((.*)\) \S (\d+)/.exec(fs.readFileSync(`/proc/${p}/stat`, "utf8"));
      return m !== null && m[1] === "psql" && Number(m[2]) === fdPid;
    } catch {
      return false;
    }
  });
}

const it = realDaemons({
  name: "postgresql",
  filesets: [
    { Name: "pitr", Include: { Options: { Signature: "XXH128" }, Plugin: [line("db_user=postgres")] } },
    { Name: "pitr-badpw", Include: { Options: { Signature: "XXH128" },
                                     Plugin: [line(`db_user=pwuser:defaults_file=${badPassword}`)] } },
  ],
  jobs: [{ Name: "pitr", FileSet: "pitr", Accurate: "yes" }, { Name: "pitr-badpw", FileSet: "pitr-badpw" }],
}, () => pg.psql(`CREATE ROLE pwuser LOGIN SUPERUSER PASSWORD 'the-right-one';
                  CREATE TABLE pitr (id int PRIMARY KEY, v text);
                  CREATE TABLE filler AS SELECT g AS id, md5(g::text) AS t FROM generate_series(1, 20000) g;`));

let full;
let incr;
let target;
it("a Full saves the data directory, backup_label and the restore object", async (bareos) => {
  full = await bareos.job("pitr");
  assertStatus(full, "T");
  const names = bareos.catalog.files(full.jobid).map((f) => f.name);
  for (const name of ["PG_VERSION", "global/pg_control", "backup_label", "recovery.signal"])
    assert.ok(names.includes(`${pg.data}/${name}`), `${name} is not in the catalog`);
  assert.not.ok(names.includes(`${pg.data}/postmaster.pid`));
  assert.ok(names.some((n) => n.startsWith(`${pg.walArchive}/0000`)), "no WAL segment in the catalog");
  const [object] = bareos.catalog.rows("SELECT objectname, encode(restoreobject, 'escape') FROM restoreobject " +
                                       `WHERE jobid = ${full.jobid}`);
  assert.is(object[0], "/_bareos_postgresql_plugin/metadata");
  assert.match(object[1], /^\{"plugin_version": 2, "pg_major_version": 1\d, "last_backup_stop_time": \d{19}, "last_lsn": "[0-9A-F]+\/[0-9A-F]+"\}$/);
  assert.match(full.log, "base backup Bareos.plugin.postgresql.jobid.");
});

it("an Accurate Incremental saves the new WAL and keeps the Full's files", async (bareos) => {
  pg.psql("INSERT INTO pitr VALUES (1, 'A');");
  await sleep(200);
  target = pg.psql("SELECT clock_timestamp()").trim();
  await sleep(200);
  pg.psql("INSERT INTO pitr VALUES (2, 'B');");
  incr = await bareos.job("pitr", { level: "Incremental" });
  assertStatus(incr, "T");
  assert.match(incr.log, new RegExp(`Got last_backup_stop_time \\d{19} from restore object of job ${full.jobid}`));
  assert.match(incr.log, /pg_switch_wal to LSN/);
  const names = bareos.catalog.files(incr.jobid).map((f) => f.name);
  assert.ok(names.some((n) => n.startsWith(`${pg.walArchive}/0000`)), "no WAL segment in the Incremental");
  assert.not.ok(names.some((n) => n.startsWith(`${pg.data}/`)), "data files in the Incremental");
  assert.is(bareos.catalog.rows(`SELECT count(*) FROM file WHERE jobid = ${incr.jobid} AND fileindex = 0`)[0][0], "0",
            "files of the Full marked deleted");
});

it("one restore of both, recovered to T, starts a server with row A and not row B", async (bareos) => {
  // Under the server's directory, which its user can reach.
  const where = join(pg.dir, "restored");
  const restore = await bareos.restore({ jobids: [full.jobid, incr.jobid], where });
  assertStatus(restore, "T");
  const data = join(where, pg.data);
  const restored = await startPostgresOn(data, [
    `restore_command = 'cp ${join(where, pg.walArchive)}/%f %p'`,
    `recovery_target_time = '${target}'`, "recovery_target_action = 'promote'", "archive_mode = off"]);
  try {
    for (let i = 0; i < 100 && restored.psql("SELECT pg_is_in_recovery()").trim() === "t"; i++) await sleep(100);
    assert.is(restored.psql("SELECT string_agg(v, ',' ORDER BY id) FROM pitr").trim(), "A");
    assert.is(restored.psql("SELECT count(*) FROM filler").trim(), "20000");
  } finally {
    restored.stop();
  }
});

it("a wrong password is a failed job with the server's message, no psql left", async (bareos) => {
  const job = await bareos.job("pitr-badpw");
  assertStatus(job, "f");
  assert.match(job.log, /Could not connect to database postgres, user pwuser, .*password authentication failed for user "pwuser"/);
  assert.not.match(job.log, WRONG);
  assert.equal(psqlOf(bareos.daemons.fd.pid), []);
});

it("a server that is down is a failed job with the client's message, no psql left", async (bareos) => {
  pg.stop();
  const job = await bareos.job("pitr");
  assertStatus(job, "f");
  assert.match(job.log, /Could not connect to database postgres, user postgres, .*connection to server on socket ".*" failed: No such file or directory/);
  assert.equal(psqlOf(bareos.daemons.fd.pid), []);
});

test.after(() => pg?.stop());
test.run();
