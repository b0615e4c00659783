// bareos-fd-ldap in the real daemons, against a slapd of its own
// (test/lib/slapd.mjs): the catalog names of the Python plugin, a restore
// (with Bareos' usual where, which the plugin ignores as the Python one
// does) of deleted and changed entries compared as sorted LDIF, an
// Incremental that saves everything again, and a wrong password failing
// the backup and the restore with the server's message.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { realDaemons, assertStatus, plugins } from "./lib/suite.mjs";
import { startSlapd, EXAMPLE_LDIF, SUFFIX, ADMIN, ADMIN_PASSWORD } from "../../lib/slapd.mjs";
import { serverOrFailure } from "../../lib/server.mjs";

const ldap = await serverOrFailure("an OpenLDAP server", () => startSlapd());
const line = (password) => `quickjs:module_path=${plugins}:module_name=bareos-fd-ldap:` +
  `uri=${(ldap?.uri ?? "").replace(/:/g, "\\:")}:basedn=${SUFFIX}:bind_dn=${ADMIN}:password=${password}`;

const it = realDaemons({
  name: "ldap",
  filesets: [
    { Name: "ldap", Include: { Options: { Signature: "XXH128" }, Plugin: [line(ADMIN_PASSWORD)] } },
    { Name: "ldap-wrong", Include: { Options: { Signature: "XXH128" }, Plugin: [line("wrong-secret")] } },
  ],
  jobs: [{ Name: "ldap", FileSet: "ldap" }, { Name: "ldap-wrong", FileSet: "ldap-wrong" }],
}, () => ldap.ldap("ldapadd", [], EXAMPLE_LDIF));

const top = "@LDAP/dc=org/dc=example";
const entries = [top, `${top}/ou=people`, `${top}/ou=people/uid=alice`, `${top}/ou=people/uid=bob`,
                 `${top}/ou=people/cn=Smith\\2C John`];
let full;
let before;

it("a Full backup saves every entry as a directory and its data.ldif", async (bareos) => {
  before = ldap.dump();
  full = await bareos.job("ldap");
  assertStatus(full, "T");
  assert.equal(bareos.catalog.files(full.jobid).map((f) => f.name),
               entries.flatMap((e) => [`${e}/`, `${e}/data.ldif`]).sort());
  assert.not.match(full.log, ADMIN_PASSWORD);
});

it("a restore brings back deleted and changed entries", async (bareos) => {
  ldap.ldap("ldapdelete", [`uid=bob,ou=people,${SUFFIX}`]);
  ldap.ldap("ldapmodify", [], `dn: uid=alice,ou=people,${SUFFIX}\nchangetype: modify\nreplace: mail\n` +
                              `mail: new@example.org\n-\n\ndn: ou=people,${SUFFIX}\nchangetype: modify\n` +
                              `add: description\ndescription: gained\n-\n`);
  assert.not.equal(ldap.dump(), before);
  const restore = await bareos.restore({ jobids: [full.jobid], where: bareos.data("where") });
  assertStatus(restore, "T");
  assert.equal(ldap.dump(), before);
});

it("an Incremental saves every entry again", async (bareos) => {
  const incr = await bareos.job("ldap", { level: "Incremental" });
  assertStatus(incr, "T");
  assert.equal(bareos.catalog.files(incr.jobid).filter((f) => f.fileIndex > 0).map((f) => f.name),
               entries.flatMap((e) => [`${e}/`, `${e}/data.ldif`]).sort());
});

it("a wrong password fails the backup and the restore with the server's message", async (bareos) => {
  const backup = await bareos.job("ldap-wrong");
  assertStatus(backup, "f");
  assert.match(backup.log, "ldapsearch exited with status 49: ldap_bind: Invalid credentials (49)");
  assert.not.match(backup.log, "wrong-secret");
  const restore = await bareos.restore({ jobids: [full.jobid], pluginoptions: "quickjs:password=wrong-secret" });
  assertStatus(restore, "f");
  assert.match(restore.log, "Failed to bind to LDAP uri");
  assert.match(restore.log, "Invalid credentials (49)");
  assert.not.match(restore.log, "wrong-secret");
});

test.after(() => ldap?.stop());
test.run();
