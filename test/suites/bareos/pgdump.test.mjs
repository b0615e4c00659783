// bareos-fd-pgdump in the real daemons, against a PostgreSQL server of
// its own (not the catalog's: the plugin backs up every database it finds):
// the round trip of the simulator suite (back up, drop databases and a role,
// restore, compare every table and grant), dumps restored as files under
// where, and an Incremental that dumps everything again.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { realDaemons, assertStatus, plugins } from "./lib/suite.mjs";
import { startPostgres } from "../../lib/postgres.mjs";
import { BYTES, createFixture, fingerprint, ident } from "../../lib/pg-fixture.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const pg = await serverOrFailure("a PostgreSQL server", () => startPostgres());
const options = pg ? `host=${pg.host}:port=${pg.port}:user=postgres` : "";
const cluster = pg ? `/@PG/local-${pg.port}` : "";
const dumps = ["globals.sql", "a_kept.dump", "bq bytes%2Fit's.dump", "bq_big.dump", "postgres.dump"];

const it = realDaemons({
  name: "pgdump",
  filesets: [{ Name: "pg", Include: { Options: { Signature: "XXH128" },
                                      Plugin: [`quickjs:module_path=${plugins}:module_name=bareos-fd-pgdump:${options}`] } }],
  jobs: [{ Name: "pg", FileSet: "pg" }],
}, () => createFixture(pg));

let full;
let before;
it("a Full backup dumps every database and the globals", async (bareos) => {
  before = fingerprint(pg);
  full = await bareos.job("pg");
  assertStatus(full, "T");
  assert.equal(bareos.catalog.files(full.jobid).map((f) => f.name), dumps.map((d) => `${cluster}/${d}`).sort());
  assert.match(full.log, /backing up PostgreSQL 1\d\.\d+/);
  assert.ok(full.bytes > 1_000_000, `${full.bytes} bytes`);
});

it("a restore recreates dropped databases and roles; databases that exist fail alone", async (bareos) => {
  pg.psql(`DROP DATABASE bq_big; DROP DATABASE ${ident(BYTES)}; DROP ROLE bq_reader;`);
  const restore = await bareos.restore({ jobids: [full.jobid], where: "/" });
  assertStatus(restore, "E");
  assert.match(restore.log, "roles and tablespaces restored");
  assert.match(restore.log, /a_kept\.dump: database a_kept exists: not restored/);
  assert.match(restore.log, "pg_restore of bq_big: database restored");
  assert.match(restore.log, "pg_restore of bq bytes/it's: database restored");
  assert.equal(fingerprint(pg), before);
});

it("a restore with where gives the dump files", async (bareos) => {
  const where = bareos.data("where");
  const restore = await bareos.restore({ jobids: [full.jobid], where });
  assertStatus(restore, "T");
  const dir = join(where, cluster);
  assert.equal(fs.readdirSync(dir).sort(), [...dumps].sort());
  const toc = execFileSync(join(pg.bin, "pg_restore"), ["-l", join(dir, "bq_big.dump")], { encoding: "utf8" });
  assert.match(toc, "TABLE DATA public big postgres");
});

it("an Incremental dumps every database again", async (bareos) => {
  const incr = await bareos.job("pg", { level: "Incremental" });
  assertStatus(incr, "T");
  assert.equal(bareos.catalog.files(incr.jobid).filter((f) => f.fileIndex > 0).length, dumps.length);
});

test.after(() => pg?.stop());
test.run();
