// The databases the PostgreSQL plugin's suites back up and restore: three
// databases (100 000 rows; bytea and unicode text; a name with a space, a
// quote and a '/'), a role with grants, and a fingerprint of all of it.
import { createHash } from "node:crypto";

// Sorted by name, "a_kept" comes first: its failure must not stop the others.
export const BYTES = "bq bytes/it's";
const TABLES = { a_kept: ["kept"], bq_big: ["big"], [BYTES]: ["blobs"] };
export const ident = (name) => `"${name.replace(/"/g, '""')}"`;

/** Creates the databases, tables and role in pg (test/lib/postgres.mjs's server). */
export function createFixture(pg) {
  pg.psql(`
    CREATE ROLE bq_reader LOGIN PASSWORD 'reader-secret';
    CREATE DATABASE a_kept;
    CREATE DATABASE bq_big;
    CREATE DATABASE ${ident(BYTES)};
    GRANT CONNECT ON DATABASE bq_big TO bq_reader;`);
  pg.psql("CREATE TABLE kept (id int PRIMARY KEY, v text); INSERT INTO kept VALUES (1, 'kept');", { db: "a_kept" });
  pg.psql(`
    CREATE TABLE big (id int PRIMARY KEY, txt text, n numeric);
    INSERT INTO big SELECT g, md5(g::text), g * 1.5 FROM generate_series(1, 100000) g;
    GRANT SELECT ON big TO bq_reader;`, { db: "bq_big" });
  pg.psql(`
    CREATE TABLE blobs (id int PRIMARY KEY, data bytea, note text);
    INSERT INTO blobs VALUES (1, '\\x00ff10'::bytea, 'Grüße, 日本語, 🐘, ''quoted''');
    INSERT INTO blobs SELECT g, sha256(g::text::bytea) || '\\x0000'::bytea, repeat('ä€', g % 7)
      FROM generate_series(2, 2000) g;`, { db: BYTES });
}

/** Row counts and ordered-COPY checksums of every table, and the role's grants. */
export function fingerprint(pg) {
  const out = {};
  for (const [db, tables] of Object.entries(TABLES)) {
    for (const table of tables) {
      const copy = pg.psqlBytes(`COPY (SELECT * FROM ${table} ORDER BY id) TO STDOUT`, { db });
      out[`${db}.${table}`] = {
        rows: Number(pg.psql(`SELECT count(*) FROM ${table}`, { db }).trim()),
        sha256: createHash("sha256").update(copy).digest("hex"),
      };
    }
  }
  out.role = pg.psql("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = 'bq_reader'").trim();
  out.grants = pg.psql("SELECT has_table_privilege('bq_reader', 'big', 'SELECT'), " +
                       "has_database_privilege('bq_reader', 'bq_big', 'CONNECT')", { db: "bq_big" }).trim();
  return out;
}
