// bareos-fd-postgresql (PITR) against a real PostgreSQL server with WAL
// archiving (test/lib/postgres.mjs): a Full base backup, row A, a time T,
// row B, an accurate Incremental of the new WAL; both restored into a fresh
// directory, recovery set up as the plugin's page says (restore_command
// from the restored WAL archive, recovery_target_time = T), and a server
// started on it must hold row A and not B.  Also: the restore object, the
// files left out, a wrong password, a server that is down, a cluster
// without archiving, a role that may not start a backup and a canceled job
// each end with the server's message and no psql left running.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { pluginString, tempDir, cleanup, messages, root, tidyJob } from "../../lib/sim.mjs";
import { startPostgres, startPostgresOn } from "../../lib/postgres.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const SECRET = "pitr-Secret-17";
const pg = await serverOrFailure("a PostgreSQL server with WAL archiving",
                                 () => startPostgres({ archive: true, hba: ["local all pwuser scram-sha-256"] }));
const it = pg ? test : () => {};

const plugins = join(root, "build/plugins");
const work = tempDir("bq-pitr-");
const workingDir = join(work, "working");
fs.mkdirSync(workingDir);

// A tablespace outside the data directory, the server's user's.
const tablespace = pg ? join(pg.dir, "tablespace") : "";
if (pg) {
  fs.mkdirSync(tablespace);
  const { uid, gid } = fs.statSync(pg.dir);
  fs.chownSync(tablespace, uid, gid);
  pg.psql(`CREATE TABLESPACE bq_space LOCATION '${tablespace}';
           CREATE TABLE spaced TABLESPACE bq_space AS SELECT g AS id FROM generate_series(1, 1000) g;`);
  pg.psql(`CREATE ROLE pwuser LOGIN SUPERUSER PASSWORD '${SECRET}';
           CREATE ROLE weak LOGIN;
           GRANT pg_read_all_settings TO weak;
           CREATE TABLE pitr (id int PRIMARY KEY, v text);`);
}
const connection = pg ? `db_host=${pg.host}:db_port=${pg.port}:db_user=postgres:wal_archive_dir=${pg.walArchive}` : "";
// A repeated option keeps its first value: the test's own come first.
const postgresql = (options = "", base = connection) =>
  pluginString("bareos-fd-postgresql", [options, base].filter(Boolean).join(":"), plugins);
const text = (job) => messages(job).join("\n");
const sim = (args, secret) => tidyJob(workingDir, args, { secret });
const names = (job) => job.files_list.map((f) => f.fname);
const FT_REG = 3;
const FT_RESTORE_FIRST = 25;

// The server's backends of our psql sessions end a moment after they disconnect.
async function sessionsLeft() {
  let count = "";
  for (let i = 0; i < 50; i++) {
    count = pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'psql' AND pid <> pg_backend_pid()").trim();
    if (count === "0") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return count;
}

const full = join(work, "full.bar");
const incr = join(work, "incr.bar");
let target;

it("a Full is the data directory between pg_backup_start and pg_backup_stop, its label and the WAL archived", async () => {
  pg.psql("CREATE TABLE filler AS SELECT g AS id, md5(g::text) AS t FROM generate_series(1, 20000) g;");
  const job = sim(["backup", "--jobid", "10", "--archive", full, "--fileset-plugin", postgresql()]);
  assert.is(job.status, "T", text(job));
  const data = `${pg.data}/`;
  const files = names(job);
  for (const name of ["PG_VERSION", "global/pg_control", "postgresql.conf", "base/", "pg_wal/", "pg_stat_tmp/"])
    assert.ok(files.includes(data + name), `${name} is not in the backup`);
  for (const name of ["postmaster.pid", "postmaster.opts"]) assert.not.ok(files.includes(data + name), `${name} is`);
  assert.not.ok(files.some((f) => f.startsWith(`${data}pg_wal/`) && f !== `${data}pg_wal/`), "pg_wal's contents are in the backup");
  const label = job.files_list.find((f) => f.fname === `${data}backup_label`);
  assert.ok(label && label.type === FT_REG && label.size > 0, "no backup_label");
  assert.ok(files.includes(`${data}recovery.signal`));
  assert.ok(files.includes(`${data}tablespace_map`), "no tablespace_map");
  assert.ok(files.some((f) => f.startsWith(`${tablespace}/PG_`)), "the tablespace's files are not in the backup");
  assert.ok(files.some((f) => f.startsWith(`${pg.walArchive}/0000`)), "no archived WAL segment");
  const rop = job.files_list.find((f) => f.type === FT_RESTORE_FIRST);
  assert.ok(rop, "no restore object");
  assert.match(text(job), /Connected to PostgreSQL version 1\d{5}/);
  assert.match(text(job), "base backup Bareos.plugin.postgresql.jobid.10.PG");
  assert.is(await sessionsLeft(), "0");
});

it("an accurate Incremental saves the WAL archived since, from the Full's restore object; nothing is deleted", async () => {
  pg.psql("INSERT INTO pitr VALUES (1, 'A');");
  await new Promise((resolve) => setTimeout(resolve, 200));
  target = pg.psql("SELECT clock_timestamp()").trim();
  await new Promise((resolve) => setTimeout(resolve, 200));
  pg.psql("INSERT INTO pitr VALUES (2, 'B');");
  // A slow archive_command: the segment's name is there a second before its
  // contents, and only the complete one recovers row A.
  const slow = (dir) => `test ! -f ${dir}/%f && touch ${dir}/%f && sleep 1 && cp %p ${dir}/%f`;
  pg.psql(`ALTER SYSTEM SET archive_command = '${slow(pg.walArchive)}'; SELECT pg_reload_conf();`);
  let job;
  try {
    job = sim(["backup", "--jobid", "11", "--level", "I", "--accurate", full, "--archive", incr,
               "--fileset-plugin", postgresql()]);
  } finally {
    pg.psql("ALTER SYSTEM RESET archive_command; SELECT pg_reload_conf();");
  }
  assert.is(job.status, "T", text(job));
  assert.match(text(job), /Got last_backup_stop_time \d{19} from restore object of job 10/);
  assert.match(text(job), /Got pg major version 1\d from restore object of job 10/);
  assert.match(text(job), /pg_switch_wal to LSN '[0-9A-F]+\/[0-9A-F]+'/);
  assert.equal(job.deleted, []);
  const files = names(job);
  assert.ok(files.some((f) => f.startsWith(`${pg.walArchive}/0000`)), "no new WAL segment");
  assert.not.ok(files.some((f) => f.startsWith(`${pg.data}/`)), "data files in the Incremental");
  assert.ok(job.files_list.some((f) => f.type === FT_RESTORE_FIRST), "no restore object");
});

it("restored and recovered to T, the server has row A and not row B", async () => {
  const where = join(pg.dir, "restored");
  for (const [jobid, archive] of [["20", full], ["21", incr]]) {
    const job = sim(["restore", "--jobid", jobid, "--archive", archive, "--where", where]);
    assert.is(job.status, "T", text(job));
  }
  const data = join(where, pg.data);
  assert.ok(fs.existsSync(join(data, "backup_label")));
  assert.ok(fs.existsSync(join(data, "recovery.signal")));
  assert.ok(fs.existsSync(join(data, "pg_wal")));
  // As the page says: the tablespace where it was restored, not where the running server has it.
  const map = join(data, "tablespace_map");
  fs.writeFileSync(map, fs.readFileSync(map, "utf8").replace(/^(\d+) (.*)$/gm, (_, oid, path) => `${oid} ${join(where, path)}`));
  const restored = await startPostgresOn(data, [
    `restore_command = 'cp ${join(where, pg.walArchive)}/%f %p'`,
    `recovery_target_time = '${target}'`, "recovery_target_action = 'promote'", "archive_mode = off"]);
  try {
    for (let i = 0; i < 100 && restored.psql("SELECT pg_is_in_recovery()").trim() === "t"; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.is(restored.psql("SELECT string_agg(v, ',' ORDER BY id) FROM pitr").trim(), "A");
    assert.is(restored.psql("SELECT count(*) FROM filler").trim(), "20000");
    assert.is(restored.psql("SELECT count(*) FROM spaced").trim(), "1000");
    assert.is(restored.psql("SELECT pg_tablespace_location(oid) FROM pg_tablespace WHERE spcname = 'bq_space'").trim(),
              join(where, tablespace));
  } finally {
    restored.stop();
  }
});

it("a Differential is refused, as by Python's plugin", () => {
  const job = sim(["backup", "--level", "D", "--prev-archive", full, "--archive", join(work, "diff.bar"),
                   "--fileset-plugin", postgresql()]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), "[M_FATAL] quickjs-fd: Differential backups are not supported! Only Full and Incremental");
});

it("a wrong password fails the job with the server's message, and is not in the log", async () => {
  const wrong = "not-the-pw-42";
  const job = sim(["backup", "--archive", join(work, "pw.bar"), "--fileset-plugin",
                   postgresql(`db_user=pwuser:db_password=${wrong}`)], wrong);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] quickjs-fd: Could not connect to database postgres, user pwuser, .*password authentication failed for user "pwuser"/);
  assert.is(await sessionsLeft(), "0");
  const right = sim(["backup", "--archive", join(work, "pw-ok.bar"), "--fileset-plugin",
                     postgresql(`db_user=pwuser:db_password=${SECRET}`)], SECRET);
  assert.is(right.status, "T", text(right));
});

it("a server that is down fails the job with the client's message", () => {
  const down = join(work, "no-server");
  fs.mkdirSync(down);
  const job = sim(["backup", "--archive", join(work, "down.bar"), "--fileset-plugin",
                   postgresql("", `db_host=${down}:db_port=${pg?.port}:db_user=postgres:wal_archive_dir=${pg?.walArchive}`)]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] quickjs-fd: Could not connect to database postgres, user postgres, host: .*no-server: connection to server on socket ".*no-server\/\.s\.PGSQL\.\d+" failed: No such file or directory/);
});

it("a cluster without WAL archiving is refused", async () => {
  pg.psql("ALTER SYSTEM SET archive_command = ''; SELECT pg_reload_conf();");
  let job;
  try {
    job = sim(["backup", "--archive", join(work, "noarch.bar"), "--fileset-plugin", postgresql()]);
  } finally {
    pg.psql("ALTER SYSTEM RESET archive_command; SELECT pg_reload_conf();");
  }
  assert.is(job.status, "f", text(job));
  assert.match(text(job), "[M_FATAL] quickjs-fd: your cluster isn't configured for PITR backup Archive mode = off or Archive command = ''");
  assert.is(await sessionsLeft(), "0");
});

it("a role that may not start a backup fails the job with the server's message", async () => {
  const job = sim(["backup", "--archive", join(work, "weak.bar"), "--fileset-plugin", postgresql("db_user=weak")]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] quickjs-fd: backup start \(SELECT pg_(backup_start|start_backup)\(.*\)\) failed: ERROR:  permission denied for function pg_(backup_start|start_backup)/);
  assert.is(await sessionsLeft(), "0");
});

it("a Full canceled in the middle ends its session: the server's backup ends with it", async () => {
  const job = sim(["backup", "--archive", join(work, "cancel.bar"), "--cancel-after", "50", "--fileset-plugin", postgresql()]);
  assert.is(job.status, "A", text(job));
  assert.is(await sessionsLeft(), "0");
});

test.after(() => {
  pg?.stop();
  cleanup(work);
});

test.run();
