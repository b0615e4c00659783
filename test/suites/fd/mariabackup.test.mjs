// bareos-fd-mariabackup against a real MariaDB server (test/lib/mariadb.mjs
// starts one from Debian's packages): a Full and an Incremental as
// xbstreams with their LSN restore objects, both restored with where the
// way Bareos' Python plugin lays them out, prepared and applied with
// mariadb-backup as Bareos' documentation says, and a server started on the
// result must hold the rows changed after the Full.  Also: a wrong
// password, a server that is down and a dump program that dies fail the job
// with the program's message (and no password in the log); an Accurate job
// and an Incremental without a previous LSN are refused.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { pluginString, tempDir, cleanup, messages, root, tidyJob } from "../../lib/sim.mjs";
import { startMariadb } from "../../lib/mariadb.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const SECRET = "bq-Secret-42";
const db = await serverOrFailure("a MariaDB server", () => startMariadb());
const it = db ? test : () => {};

const plugins = join(root, "build/plugins");
const work = tempDir("bq-mariabackup-");
const workingDir = join(work, "working");
fs.mkdirSync(workingDir);
const mycnf = join(work, "bq.cnf");
const cnf = (password, socket = db.socket) =>
  fs.writeFileSync(mycnf, `[client]\nuser=bq\npassword=${password}\nsocket=${socket}\n`, { mode: 0o600 });

if (db) {
  db.sql(`CREATE USER bq@localhost IDENTIFIED BY '${SECRET}';
          GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR, SELECT ON *.* TO bq@localhost;
          CREATE DATABASE shop;
          USE shop;
          CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(64)) ENGINE=InnoDB;
          INSERT INTO shop.items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_5000;`);
  cnf(SECRET);
}
const mariabackup = (options = "") =>
  pluginString("bareos-fd-mariabackup", [`mycnf=${mycnf}`, options].filter(Boolean).join(":"), plugins);
const text = (job) => messages(job).join("\n");
const fingerprint = () => db.sql("SELECT COUNT(*), SUM(id), MAX(name), " +
                                 "(SELECT name FROM shop.items WHERE id = 7) FROM shop.items").trim();

const sim = (args) => tidyJob(workingDir, args, { secret: SECRET });

const full = join(work, "full.bar");
const incr = join(work, "incr.bar");
let atIncremental;

it("a Full is the xbstream and its checkpoints as a restore object; log= gets mariadb-backup's stderr", () => {
  const log = join(work, "mariabackup.log");
  const job = sim(["backup", "--jobid", "10", "--archive", full, "--fileset-plugin", mariabackup(`log=${log}`)]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.map((f) => f.fname),
               ["/_mariadb-backup/xbstream.0000000010", "/_mariadb-backup/xtrabackup_checkpoints"]);
  assert.ok(job.files_list[0].size > 1_000_000, `${job.files_list[0].size} bytes`);
  assert.match(text(job), /\[M_INFO\] .*MariaDB 10\.\d+\.\d+/);
  const logged = fs.readFileSync(log, "utf8");
  assert.match(logged, `Backup Job 10 opens stream with "mariadb-backup --defaults-file=${mycnf} --backup --stream=xbstream`);
  assert.match(logged, /completed OK!\n\S+ Backup Job 10 closes stream\n$/);
});

it("an Incremental continues from the Full's to_lsn", () => {
  db.sql(`USE shop;
          UPDATE shop.items SET name = 'changed after the full' WHERE id = 7;
          DELETE FROM shop.items WHERE id > 4900;
          INSERT INTO shop.items SELECT seq, CONCAT('new ', seq) FROM seq_10001_to_10500;`);
  atIncremental = fingerprint();
  const job = sim(["backup", "--jobid", "11", "--level", "I", "--prev-archive", full, "--archive", incr,
                   "--fileset-plugin", mariabackup()]);
  assert.is(job.status, "T", text(job));
  assert.match(text(job), /Got to_lsn \d+ from restore object of job 10/);
  assert.match(text(job), /Backup until LSN: \d+/);
  assert.equal(job.files_list.map((f) => f.fname),
               ["/_mariadb-backup/xbstream.0000000011", "/_mariadb-backup/xtrabackup_checkpoints"]);
});

it("restored with where, prepared and applied, the data of the Incremental is there", async () => {
  // Under the server's directory, which its user can reach.
  const where = join(db.dir, "restored");
  for (const archive of [full, incr]) {
    const job = sim(["restore", "--jobid", "20", "--archive", archive, "--where", where]);
    assert.is(job.status, "T", text(job));
  }
  const top = join(where, "_mariadb-backup/20");
  const dirs = fs.readdirSync(top).sort();
  assert.is(dirs.length, 2, dirs.join(" "));
  assert.match(dirs[0], /^0{20}_\d{20}_0000000010$/);
  assert.match(dirs[1], /^\d{20}_\d{20}_0000000011$/);
  assert.is(dirs[1].slice(0, 20), dirs[0].slice(21, 41), "the Incremental starts at the Full's to_lsn");
  const [base, inc] = dirs.map((d) => join(top, d));
  assert.ok(fs.existsSync(join(base, "xtrabackup_checkpoints")));
  await db.runOnBackup(base, inc);
  assert.is(fingerprint(), atIncremental);
  assert.match(atIncremental, "changed after the full");
  await db.restart();
});

it("a restorecommand that fails is an error of the job with its stderr", () => {
  const job = sim(["restore", "--jobid", "21", "--archive", full, "--where", join(work, "failing"), "--plugin-options",
                   "quickjs:restorecommand=sh -c 'cat >/dev/null; echo mbstream failed on purpose >&2; exit 2' "]);
  assert.is(job.status, "E", text(job));
  assert.match(text(job), /\[M_ERROR\] quickjs-fd: Restore command exited with status 2, command: "sh -c .*"; its stderr ends with:\nmbstream failed on purpose/);
});

it("strictIncremental: no stream when the LSN has not passed the previous to_lsn, the restore object again", () => {
  // A dump program that writes the checkpoints of a previous job far ahead of the server.
  const fake = join(work, "ahead");
  fs.writeFileSync(fake, `#!/bin/sh
for a; do case "$a" in --extra-lsndir=*) dir=\${a#--extra-lsndir=};; esac; done
printf 'backup_type = full-backuped\\nfrom_lsn = 0\\nto_lsn = 999999999999\\nlast_lsn = 999999999999\\n' >"$dir/xtrabackup_checkpoints"
echo stream
`, { mode: 0o755 });
  const ahead = join(work, "ahead.bar");
  assert.is(sim(["backup", "--jobid", "30", "--archive", ahead, "--fileset-plugin", mariabackup(`dumpbinary=${fake}`)]).status, "T");
  const job = sim(["backup", "--jobid", "31", "--level", "I", "--prev-archive", ahead, "--archive", join(work, "strict.bar"),
                   "--fileset-plugin", mariabackup("strictIncremental=true")]);
  assert.is(job.status, "T", text(job));
  assert.match(text(job), "Got to_lsn 999999999999 from restore object of job 30");
  assert.match(text(job), /LSN \d+ is not higher than 999999999999 of the previous job: nothing backed up but the restore object/);
  assert.equal(job.files_list.map((f) => f.fname), ["/_mariadb-backup/xtrabackup_checkpoints"]);
});

it("a wrong password fails the job with the client's message", () => {
  cnf("wrong");
  const job = sim(["backup", "--archive", join(work, "pw.bar"), "--fileset-plugin", mariabackup()]);
  cnf(SECRET);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] .*Unable to determine mariadb version: .*exited with status 1: .*Access denied for user 'bq'@'localhost' \(using password: YES\)/);
});

it("a server that is down fails the job with the client's message", () => {
  cnf(SECRET, join(work, "no-such.sock"));
  const job = sim(["backup", "--archive", join(work, "down.bar"), "--fileset-plugin", mariabackup()]);
  cnf(SECRET);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] .*Unable to determine mariadb version: .*Can't connect to local server through socket/);
});

it("a dump program that dies fails the job with its stderr; a password on its line is masked", () => {
  const dump = join(work, "dies");
  fs.writeFileSync(dump, "#!/bin/sh\nmariadb-backup \"$@\" | head -c 100000\necho 'mariabackup: simulated crash' >&2\nexit 3\n",
                   { mode: 0o755 });
  const job = sim(["backup", "--archive", join(work, "dies.bar"), "--fileset-plugin",
                   mariabackup(`dumpbinary=${dump}:extradumpoptions=--password=${SECRET}`)]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] quickjs-fd: Dump command exited with status 3, command: ".*--password=\*\*\*"; its stderr ends with:\n(.|\n)*mariabackup: simulated crash/);
});

it("Accurate and an Incremental without a previous LSN are refused", () => {
  const accurate = sim(["backup", "--archive", join(work, "acc.bar"), "--level", "I", "--accurate", full,
                        "--fileset-plugin", mariabackup()]);
  assert.is(accurate.status, "f", text(accurate));
  assert.match(text(accurate), "Accurate backup not allowed please disable in Job");
  const alone = sim(["backup", "--archive", join(work, "alone.bar"), "--level", "I", "--fileset-plugin", mariabackup()]);
  assert.is(alone.status, "f", text(alone));
  assert.match(text(alone), "No LSN received to be used with incremental backup");
});

test.after(async () => {
  await db?.remove();
  cleanup(work);
});
test.run();
