// bareos-fd-mariabackup in the real daemons, against a MariaDB server of
// its own (test/lib/mariadb.mjs): a Full, rows changed, an Incremental that
// gets the Full's LSN from the director's restore objects, one restore of
// both, prepared and applied with mariadb-backup, and a server started on
// the result holds the changed rows.  A wrong password and a server that is
// down are failed jobs with the client's message.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins } from "./lib/suite.mjs";
import { startMariadb } from "../../lib/mariadb.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const SECRET = "bq-Real-Secret-7";
const db = await serverOrFailure("a MariaDB server", () => startMariadb());
const cnf = (name, password) => {
  const file = join(db.dir, name);
  fs.writeFileSync(file, `[client]\nuser=bq\npassword=${password}\nsocket=${db.socket}\n`, { mode: 0o600 });
  return file;
};
const line = (mycnf) => `quickjs:module_path=${plugins}:module_name=bareos-fd-mariabackup:mycnf=${mycnf}`;
const good = db ? cnf("good.cnf", SECRET) : "";
const bad = db ? cnf("bad.cnf", "wrong") : "";
const fingerprint = () => db.sql("SELECT COUNT(*), SUM(id), (SELECT name FROM shop.items WHERE id = 7) FROM shop.items").trim();

const it = realDaemons({
  name: "mariabackup",
  filesets: [
    { Name: "maria", Include: { Options: { Signature: "XXH128" }, Plugin: [line(good)] } },
    { Name: "maria-badpw", Include: { Options: { Signature: "XXH128" }, Plugin: [line(bad)] } },
  ],
  jobs: [{ Name: "maria", FileSet: "maria" }, { Name: "maria-badpw", FileSet: "maria-badpw" }],
}, () => db.sql(`CREATE USER bq@localhost IDENTIFIED BY '${SECRET}';
                 GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR, SELECT ON *.* TO bq@localhost;
                 CREATE DATABASE shop; USE shop;
                 CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64)) ENGINE=InnoDB;
                 INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_20000;`));

let full;
let incr;
let atIncremental;
it("a Full saves the xbstream and the checkpoints restore object", async (bareos) => {
  full = await bareos.job("maria");
  assertStatus(full, "T");
  assert.equal(bareos.catalog.files(full.jobid).map((f) => f.name),
               [`/_mariadb-backup/xbstream.${String(full.jobid).padStart(10, "0")}`]);
  const [object] = bareos.catalog.rows(`SELECT objectname, encode(restoreobject, 'escape') FROM restoreobject ` +
                                       `WHERE jobid = ${full.jobid}`);
  assert.is(object[0], "/_mariadb-backup/xtrabackup_checkpoints");
  assert.match(object[1], /^\{"backup_type": "full-backuped", "from_lsn": "0", "to_lsn": "\d+"/);
  assert.ok(full.bytes > 1_000_000, `${full.bytes} bytes`);
  assert.not.match(full.log, SECRET);
});

it("an Incremental continues from the LSN of the Full's restore object", async (bareos) => {
  db.sql(`USE shop; UPDATE items SET name = 'changed after the full' WHERE id = 7;
          DELETE FROM items WHERE id > 19000; INSERT INTO items SELECT seq, 'new' FROM seq_30001_to_30100;`);
  atIncremental = fingerprint();
  incr = await bareos.job("maria", { level: "Incremental" });
  assertStatus(incr, "T");
  assert.match(incr.log, new RegExp(`Got to_lsn \\d+ from restore object of job ${full.jobid}`));
  assert.match(incr.log, /Backup until LSN: \d+/);
});

it("one restore of both, prepared and applied, starts a server with the Incremental's data", async (bareos) => {
  // Under the MariaDB server's directory, which its user can reach.
  const where = join(db.dir, "restored");
  const restore = await bareos.restore({ jobids: [full.jobid, incr.jobid], where });
  assertStatus(restore, "T");
  const top = join(where, "_mariadb-backup", String(restore.jobid));
  const dirs = fs.readdirSync(top).sort();
  assert.equal(dirs.map((d) => d.slice(42)), [full.jobid, incr.jobid].map((id) => String(id).padStart(10, "0")));
  assert.is(dirs[1].slice(0, 20), dirs[0].slice(21, 41), "the Incremental starts at the Full's to_lsn");
  const [base, inc] = dirs.map((d) => join(top, d));
  await db.runOnBackup(base, inc);
  assert.is(fingerprint(), atIncremental);
  assert.match(atIncremental, "changed after the full");
  await db.restart();
});

it("a wrong password is a failed job with the client's message", async (bareos) => {
  const job = await bareos.job("maria-badpw");
  assertStatus(job, "f");
  assert.match(job.log, /Unable to determine mariadb version: .*Access denied for user 'bq'@'localhost'/);
  assert.not.match(job.log, "wrong");
});

it("a server that is down is a failed job with the client's message", async (bareos) => {
  await db.stop();
  const job = await bareos.job("maria");
  assertStatus(job, "f");
  assert.match(job.log, /Unable to determine mariadb version: .*Can't connect to local server through socket/);
});

test.after(() => db?.remove());
test.run();
