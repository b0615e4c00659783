// A throw-away OpenLDAP server for the tests (Debian's slapd): a slapd.conf
// with one mdb database, dc=example,dc=org, under build/, listening on a free
// loopback port; stopped and removed when the suite ends (also when it fails
// or is interrupted).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopAtExit, forgetAtExit } from "./server.mjs";
import { freePort } from "./ports.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SLAPD = "/usr/sbin/slapd";
const SETUP_HINT = "OpenLDAP is not installed: run test/ensure-slapd.sh " +
                   "(apt-get install -y slapd ldap-utils) and try again";

export const SUFFIX = "dc=example,dc=org";
export const ADMIN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = "ldap-secret";

const PHOTO = Buffer.from([0, 1, 2, 255, 254, 10, 13, 32]).toString("base64");
/** Entries with UTF-8, binary and folded values and an escaped comma in a DN. */
export const EXAMPLE_LDIF = `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: uid=alice,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: alice
cn: Alice Müller
sn: Müller
mail: alice@example.org
jpegPhoto:: ${PHOTO}
description: ${"a long value that LDIF folds over several lines ".repeat(4).trim()}

dn: uid=bob,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: bob
cn: Bob
sn: Builder
userPassword: bob-secret

dn: cn=Smith\\, John,ou=people,${SUFFIX}
objectClass: inetOrgPerson
cn: Smith, John
sn: Smith
`;

const config = (dir) => `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
suffix "${SUFFIX}"
rootdn "${ADMIN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/data
maxsize 104857600
# For every DN but the rootdn: a search that ends early.
limits users size=3
`;

/**
 * Starts a server; returns { uri, port, dir, ldap(tool, args, input), dump(), stop(), start() }.
 * ldap() runs an ldap-utils tool bound as the admin (password from a file).
 */
export async function startSlapd() {
  if (!fs.existsSync(SLAPD) || !fs.existsSync("/usr/bin/ldapsearch")) throw new Error(SETUP_HINT);
  fs.mkdirSync(join(root, "build"), { recursive: true });
  const dir = fs.mkdtempSync(join(root, "build", "test-slapd-"));
  fs.mkdirSync(join(dir, "data"));
  const port = await freePort();
  const uri = `ldap://127.0.0.1:${port}`;
  fs.writeFileSync(join(dir, "slapd.conf"), config(dir));
  const passwordFile = join(dir, "admin.pw");
  fs.writeFileSync(passwordFile, ADMIN_PASSWORD, { mode: 0o600 });
  let child;
  const server = {
    uri, port, dir, stopped: true,
    /** Starts (again) and waits until it answers. */
    start() {
      // -d 0 keeps it in the foreground, a child of ours that dies with us.
      child = spawn(SLAPD, ["-f", join(dir, "slapd.conf"), "-h", uri, "-d", "0"], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => { stderr += d; });
      server.stopped = false;
      for (let i = 0; i < 100; i++) {
        const r = spawnSync("ldapsearch", ["-x", "-H", uri, "-s", "base", "-b", "", "-LLL", "namingContexts"], { encoding: "utf8" });
        if (r.status === 0) return;
        spawnSync("sleep", ["0.1"]);
      }
      server.stop();
      throw new Error(`slapd did not start: ${stderr}`);
    },
    /** Stops the server, keeping its data (start() again). */
    halt() {
      if (server.stopped) return;
      server.stopped = true;
      child.kill("SIGTERM");
      for (let i = 0; i < 100 && fs.existsSync(join(dir, "slapd.pid")); i++) spawnSync("sleep", ["0.05"]);
    },
    stop() {
      server.halt();
      forgetAtExit(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Runs ldapadd, ldapmodify, ldapdelete or ldapsearch as the admin; returns stdout, throws on errors. */
    ldap(tool, args = [], input = "") {
      return execFileSync(tool, ["-x", "-H", uri, "-D", ADMIN, "-y", passwordFile, ...args],
                          { input, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["pipe", "pipe", "pipe"] });
    },
    /** Every entry under the suffix, without operational attributes, as sorted, unwrapped LDIF records. */
    dump() {
      const out = server.ldap("ldapsearch", ["-LLL", "-o", "ldif-wrap=no", "-b", SUFFIX, "(objectClass=*)", "*"]);
      return out.split(/\n\n+/).map((r) => r.trim()).filter(Boolean)
        .map((r) => { const [dn, ...attrs] = r.split("\n"); return [dn, ...attrs.sort()].join("\n"); }).sort();
    },
  };
  stopAtExit(server);
  try {
    server.start();
  } catch (e) {
    server.stop();
    throw e;
  }
  return server;
}
