// bareos-fd-ldap against a real OpenLDAP server (test/lib/slapd.mjs starts
// one from Debian's slapd): entries with UTF-8 and binary values, an
// escaped comma in a DN; back up, delete and change entries, restore, and
// compare the sorted LDIF of the whole tree. Also: the catalog's names and
// types as the Python plugin gives them, search_filter, where= (which the
// Python plugin ignores too), a wrong password and a stopped server.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, messages, root, tidyJob } from "../../lib/sim.mjs";
import { startSlapd, EXAMPLE_LDIF, SUFFIX, ADMIN, ADMIN_PASSWORD } from "../../lib/slapd.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const ldap = await serverOrFailure("an OpenLDAP server", () => startSlapd());
const it = ldap ? test : () => {};

const plugins = join(root, "build/plugins");
const work = tempDir("bq-ldap-");
const workingDir = join(work, "working");
fs.mkdirSync(workingDir);

if (ldap) ldap.ldap("ldapadd", [], EXAMPLE_LDIF);

const options = (extra = "", password = ADMIN_PASSWORD) =>
  pluginString("bareos-fd-ldap", [`uri=${ldap.uri.replace(/:/g, "\\:")}`, `basedn=${SUFFIX}`, `bind_dn=${ADMIN}`,
                                  `password=${password}`, extra].filter(Boolean).join(":"), plugins);
const text = (job) => messages(job).join("\n");

const sim = (args) => tidyJob(workingDir, args, { secret: ADMIN_PASSWORD });

const full = join(work, "full.bar");
let before;

it("backs up every entry as a directory named by its DN and its data.ldif", () => {
  before = ldap.dump();
  const job = sim(["backup", "--archive", full, "--fileset-plugin", options()]);
  assert.is(job.status, "T", text(job));
  const top = "@LDAP/dc=org/dc=example";
  const entries = [top, `${top}/ou=people`, `${top}/ou=people/uid=alice`, `${top}/ou=people/uid=bob`,
                   `${top}/ou=people/cn=Smith\\2C John`];
  assert.equal(job.files_list.map((f) => [f.fname, f.type]),
               entries.flatMap((e) => [[`${e}/`, 5], [`${e}/data.ldif`, 3]]));
  const alice = job.files_list.find((f) => f.fname.endsWith("uid=alice/data.ldif"));
  assert.ok(alice.size > 200, `${alice.size} bytes`);
});

it("a restore adds deleted entries and replaces changed ones, also those with children", () => {
  ldap.ldap("ldapdelete", [`uid=bob,ou=people,${SUFFIX}`, `cn=Smith\\, John,ou=people,${SUFFIX}`]);
  ldap.ldap("ldapmodify", [], `dn: uid=alice,ou=people,${SUFFIX}
changetype: modify
replace: mail
mail: new@example.org
-
delete: jpegPhoto
-

dn: ou=people,${SUFFIX}
changetype: modify
add: description
description: gained since the backup
-

dn: ${SUFFIX}
changetype: modify
replace: o
o: Changed
`);
  assert.not.equal(ldap.dump(), before);
  const job = sim(["restore", "--archive", full]);
  assert.is(job.status, "T", text(job));
  assert.equal(ldap.dump(), before);
});

it("an entry that cannot be restored is an error; the others are restored", () => {
  ldap.ldap("ldapdelete", [`uid=bob,ou=people,${SUFFIX}`]);
  // A structural object class of its own: replacing objectClass is refused.
  ldap.ldap("ldapdelete", [`uid=alice,ou=people,${SUFFIX}`]);
  ldap.ldap("ldapadd", [], `dn: uid=alice,ou=people,${SUFFIX}\nobjectClass: account\nuid: alice\n\n` +
                          `dn: cn=child,uid=alice,ou=people,${SUFFIX}\nobjectClass: device\ncn: child\n`);
  const job = sim(["restore", "--archive", full]);
  assert.is(job.status, "E", text(job));
  assert.match(text(job), `[M_ERROR] quickjs-fd: Failed to restore LDAP DN uid=alice,ou=people,${SUFFIX}: ldap_modify: `);
  assert.ok(ldap.dump().some((r) => r.startsWith(`dn: uid=bob,ou=people,${SUFFIX}`)), "bob restored");
  ldap.ldap("ldapdelete", ["-r", `uid=alice,ou=people,${SUFFIX}`]);
  assert.is(sim(["restore", "--archive", full]).status, "T");
  assert.equal(ldap.dump(), before);
});

it("where= does not matter: the DN comes from the path after @LDAP", () => {
  ldap.ldap("ldapdelete", [`uid=bob,ou=people,${SUFFIX}`]);
  const job = sim(["restore", "--archive", full, "--where", join(work, "a=b")]);
  assert.is(job.status, "T", text(job));
  assert.equal(ldap.dump(), before);
});

it("search_filter chooses the entries", () => {
  const job = sim(["backup", "--archive", join(work, "filter.bar"), "--fileset-plugin", options("search_filter=(uid=*)")]);
  assert.is(job.status, "T", text(job));
  assert.equal(job.files_list.filter((f) => f.type === 3).map((f) => f.fname).sort(),
               [`@LDAP/dc=org/dc=example/ou=people/uid=alice/data.ldif`, `@LDAP/dc=org/dc=example/ou=people/uid=bob/data.ldif`]);
});

it("a wrong password fails the backup and the restore with the server's message", () => {
  const job = sim(["backup", "--archive", join(work, "wrong.bar"), "--fileset-plugin", options("", "wrong-secret")]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), /\[M_FATAL\] .*LDAP search of dc=example,dc=org on ldap:\/\/127\.0\.0\.1:\d+ failed: ldapsearch exited with status 49: ldap_bind: Invalid credentials \(49\)/);
  assert.not.match(text(job), "wrong-secret");
  const restore = sim(["restore", "--archive", full, "--plugin-options", "quickjs:password=wrong-secret"]);
  assert.is(restore.status, "f", text(restore));
  assert.match(text(restore), /\[M_FATAL\] .*Failed to bind to LDAP uri ldap:\/\/127\.0\.0\.1:\d+: ldapwhoami exited with status 49: ldap_bind: Invalid credentials \(49\)/);
  assert.not.match(text(restore), "wrong-secret");
});

it("a search that ends early (the server's size limit) fails the job after the entries it gave", () => {
  const as = pluginString("bareos-fd-ldap", [`uri=${ldap.uri.replace(/:/g, "\\:")}`, `basedn=${SUFFIX}`,
                                            `bind_dn=uid=bob,ou=people,${SUFFIX}`, "password=bob-secret"].join(":"), plugins);
  const job = sim(["backup", "--archive", join(work, "limit.bar"), "--fileset-plugin", as]);
  assert.is(job.status, "f", text(job));
  assert.match(text(job), "ldapsearch exited with status 4: Size limit exceeded (4)");
  assert.is(job.files_list.filter((f) => f.type === 3).length, 3);
});

it("without ldap-utils the backup and the restore fail, saying so", () => {
  const env = { PATH: "/nonexistent" };
  const backup = runSim(["--working-dir", workingDir, "backup", "--archive", join(work, "nobin.bar"),
                         "--fileset-plugin", options()], { env }).jobs[0];
  assert.is(backup.status, "f", text(backup));
  assert.match(text(backup), "[M_FATAL] quickjs-fd: ldapsearch: command not found or not executable");
  const restore = runSim(["--working-dir", workingDir, "restore", "--archive", full], { env }).jobs[0];
  assert.is(restore.status, "f", text(restore));
  assert.match(text(restore), "[M_FATAL] quickjs-fd: ldapwhoami: command not found or not executable");
  assert.equal(fs.readdirSync(workingDir), [], "temporary files left");
});

it("a server that is down fails the job", () => {
  ldap.halt();
  try {
    const job = sim(["backup", "--archive", join(work, "down.bar"), "--fileset-plugin", options()]);
    assert.is(job.status, "f", text(job));
    assert.match(text(job), "ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)");
  } finally {
    ldap.start();
  }
});

test.after(() => {
  ldap?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});
test.run();
