// bareos-fd-ldap: the entries of an LDAP directory, as Bareos' Python plugin
// of that name saves them: every entry is a directory named by its DN, the
// top component first (@LDAP/dc=org/dc=example/ou=people), holding data.ldif,
// the entry as LDIF. A restore adds each entry to the server again, replacing
// one that exists. The work is done by ldap-utils (ldapsearch, ldapadd,
// ldapdelete, ldapmodify, ldapwhoami), bound with the password from a file
// of mode 0600.
// Options (README.md): uri, basedn, bind_dn, password, search_filter.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosFdPlugin, definePlugin, spawn, type ChildProcess } from "bareos-qjs";
import { RecordReader, dnLine, dnPath, parseRecord, pathDn, unixTime, type LdifLine } from "./ldif.js";

// ldapadd's and ldapdelete's exit status is the LDAP result code.
const ALREADY_EXISTS = 68;
const NOT_ALLOWED_ON_NON_LEAF = 66;
const OPERATIONAL = ["createTimestamp", "modifyTimestamp"];

/** An entry read from ldapsearch: its DN, its LDIF without the timestamps, and their times. */
interface Entry {
  readonly dn: string;
  readonly path: string;
  readonly ldif: Uint8Array;
  readonly ctime: number | undefined;
  readonly mtime: number | undefined;
}

function statPacket(mode: number, size: number, entry: Entry): fd.StatPacket {
  const now = Math.floor(Date.now() / 1000);
  const mtime = entry.mtime ?? now;
  return new fd.StatPacket({ mode, size, nlink: 1, atime: mtime, mtime, ctime: entry.ctime ?? mtime });
}

class Ldap extends BareosFdPlugin<"uri" | "basedn"> {
  protected override readonly mandatoryOptions = ["uri", "basedn"] as const;

  private passwordFile: string | undefined;
  private search: { child: ChildProcess; records: RecordReader } | undefined;
  private searchDone = false;
  private lookahead: Entry | undefined;
  /** The entry whose directory was sent; its data.ldif comes next. */
  private dataFile: Entry | undefined;
  private reading: Uint8Array | undefined;
  private readOffset = 0;
  private bound = false;
  private restoreDn = "";
  private restoreData: Uint8Array[] = [];

  /** Bind arguments: a simple bind, anonymous unless bind_dn and password are both given. */
  private bindArgs(): string[] {
    const args = ["-x", "-H", this.options.uri];
    const bindDn = this.options["bind_dn"];
    const password = this.options["password"];
    if (bindDn === undefined || password === undefined) return args;
    if (!this.passwordFile) {
      // ldap-utils read a password only from a terminal or a file (-y): never argv.
      const name = `${this.job.workingDir}/bareos-fd-ldap-${this.job.jobId}-${Math.random().toString(36).slice(2)}.pw`;
      const file = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600);
      this.passwordFile = name;
      try {
        os.write(file, os.encode(password));
      } finally {
        os.close(file);
      }
    }
    return [...args, "-D", bindDn, "-y", this.passwordFile];
  }

  /** Runs an ldap-utils program with stdin as its input; its exit status, stderr and (captured) stdout. */
  private async ldap(tool: string, args: string[], stdin?: Uint8Array, capture = false) {
    const child = spawn([tool, ...this.bindArgs(), ...args], { stdin: stdin ? "pipe" : "null",
                        stdout: capture ? "capture" : "stderr", tempDir: this.job.workingDir });
    try {
      try {
        for (let done = 0; stdin && done < stdin.length;) done += os.write(child.stdin, stdin, done, stdin.length - done);
      } catch (e) {
        // It ended without reading it all (a failed bind): its status says why.
        if ((e as os.OsError).code !== "EPIPE") throw e;
      }
      child.closePipes();
      const status = await child.exited();
      return { status, stderr: child.stderrTail(), stdout: capture ? child.stdoutText() : "" };
    } finally {
      child.dispose();
    }
  }

  private startSearch(): void {
    const filter = this.options["search_filter"] ?? "(objectclass=*)";
    const child = spawn(["ldapsearch", ...this.bindArgs(), "-LLL", "-b", this.options.basedn, "-s", "sub",
                         filter, "*", ...OPERATIONAL],
                        { stdout: "pipe", tempDir: this.job.workingDir });
    this.search = { child, records: new RecordReader(child.stdout) };
  }

  /** The next entry of the search, or undefined after the last one. */
  private nextEntry(): Entry | undefined {
    if (!this.search) this.startSearch();
    for (;;) {
      const text = this.search!.records.next();
      if (text === null) return undefined;
      const lines = parseRecord(text);
      const first = lines[0];
      if (first?.name !== "dn") continue;
      const time = (name: string) => unixTime(lines.find((l) => l.name === name)?.value);
      const kept = lines.filter((l) => !OPERATIONAL.includes(l.name)).map((l) => l.raw);
      const entry = { dn: first.value, path: dnPath(first.value), ldif: os.encode(`${kept.join("\n")}\n\n`),
                      ctime: time("createTimestamp"), mtime: time("modifyTimestamp") };
      if (!entry.dn.includes("/")) return entry;
      fd.JobMessage(fd.M_ERROR, `Slashes (/) in DN not supported. Skipping ${entry.dn}\n`);
    }
  }

  /** After the last entry: the search's outcome; false (and a fatal message) when it failed. */
  private async searchSucceeded(): Promise<boolean> {
    if (!this.search || this.searchDone) return true;
    this.searchDone = true;
    const { child } = this.search;
    child.closePipes();
    const status = await child.exited();
    const stderr = child.stderrTail();
    this.endSearch();
    if (status.ok) return true;
    fd.JobMessage(fd.M_FATAL, `LDAP search of ${this.options.basedn} on ${this.options.uri} failed: ` +
                  `ldapsearch ${status.text}${stderr ? `: ${stderr}` : ""}\n`);
    return false;
  }

  private endSearch(): void {
    this.search?.child.dispose();
    this.search = undefined;
  }

  // bRC_Error would make the daemon log the plugin string, password and all:
  // a failure is a fatal message, which fails the job, and the end of the files.
  override async startBackupFile(savepkt: fd.SavePacket): Promise<fd.bRC> {
    try {
      return await this.nextFile(savepkt);
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Stop;
    }
  }

  override async endBackupFile(): Promise<fd.bRC> {
    try {
      if (this.dataFile) return fd.bRC_More;
      this.lookahead = this.nextEntry();
      if (this.lookahead) return fd.bRC_More;
      await this.searchSucceeded();
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
    }
    return fd.bRC_OK;
  }

  private async nextFile(savepkt: fd.SavePacket): Promise<fd.bRC> {
    if (this.dataFile) {
      const entry = this.dataFile;
      this.dataFile = undefined;
      savepkt.fname = `${entry.path}/data.ldif`;
      savepkt.type = fd.FT_REG;
      savepkt.statp = statPacket(0o100700, entry.ldif.length, entry);
      savepkt.no_read = false;
      this.reading = entry.ldif;
      return fd.bRC_OK;
    }
    const entry = this.lookahead ?? this.nextEntry();
    this.lookahead = undefined;
    if (!entry) {
      if (!(await this.searchSucceeded())) return fd.bRC_Stop;
      fd.JobMessage(fd.M_WARNING, `no LDAP entries under ${this.options.basedn} match the search filter\n`);
      return fd.bRC_Stop;
    }
    savepkt.fname = entry.path;
    savepkt.link = `${entry.path}/`;
    savepkt.type = fd.FT_DIREND;
    savepkt.statp = statPacket(0o40700, 0, entry);
    savepkt.no_read = true;
    this.dataFile = entry;
    return fd.bRC_OK;
  }

  /** A restore binds first, as the Python plugin does: wrong credentials fail the job before any entry. */
  private async bind(): Promise<boolean> {
    if (this.bound) return true;
    let result;
    try {
      result = await this.ldap("ldapwhoami", []);
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return false;
    }
    const { status, stderr } = result;
    if (!status.ok) {
      fd.JobMessage(fd.M_FATAL, `Failed to bind to LDAP uri ${this.options.uri}: ldapwhoami ${status.text}` +
                    `${stderr ? `: ${stderr}` : ""}\n`);
      return false;
    }
    this.bound = true;
    return true;
  }

  override async createFile(restorepkt: fd.RestorePacket): Promise<fd.bRC> {
    if (!(await this.bind())) return fd.bRC_Error;
    if (restorepkt.type === fd.FT_DIREND) {
      // The directories only carry the DN, which data.ldif's path has too.
      restorepkt.create_status = fd.CF_SKIP;
      return fd.bRC_OK;
    }
    if (restorepkt.type !== fd.FT_REG) {
      fd.JobMessage(fd.M_FATAL, `Request to restore illegal filetype ${restorepkt.type}\n`);
      return fd.bRC_Error;
    }
    this.restoreDn = pathDn(restorepkt.ofname);
    this.restoreData = [];
    restorepkt.create_status = fd.CF_EXTRACT;
    return fd.bRC_OK;
  }

  override pluginIoOpen(iop: fd.IoOpenPacket): fd.bRC {
    this.readOffset = 0;
    iop.status = 0;
    return fd.bRC_OK;
  }

  override pluginIoRead(iop: fd.IoReadPacket): fd.bRC {
    const data = this.reading ?? new Uint8Array(0);
    const n = Math.min(iop.count, data.length - this.readOffset);
    iop.buf.set(data.subarray(this.readOffset, this.readOffset + n));
    this.readOffset += n;
    iop.status = n;
    return fd.bRC_OK;
  }

  override pluginIoWrite(iop: fd.IoWritePacket): fd.bRC {
    this.restoreData.push(iop.buf.slice());
    iop.status = iop.count;
    return fd.bRC_OK;
  }

  override pluginIoClose(iop: fd.IoClosePacket): fd.bRC {
    this.reading = undefined;
    iop.status = 0;
    return fd.bRC_OK;
  }

  override pluginIoSeek(iop: fd.IoSeekPacket): fd.bRC {
    iop.status = 0;
    return fd.bRC_OK;
  }

  override async endRestoreFile(): Promise<fd.bRC> {
    const dn = this.restoreDn;
    if (!dn) return fd.bRC_OK;
    this.restoreDn = "";
    try {
      await this.restoreEntry(dn);
    } catch (e) {
      fd.JobMessage(fd.M_ERROR, `Failed to restore LDAP DN ${dn}: ${(e as Error).message}\n`);
    }
    // Not bRC_Error, which would end the restore: the other entries are still restored.
    return fd.bRC_OK;
  }

  private async restoreEntry(dn: string): Promise<void> {
    const size = this.restoreData.reduce((sum, part) => sum + part.length, 0);
    if (size === 0) {
      fd.JobMessage(fd.M_WARNING, `Missing data for DN ${dn}\n`);
      return;
    }
    const bytes = new Uint8Array(size);
    this.restoreData.reduce((at, part) => (bytes.set(part, at), at + part.length), 0);
    this.restoreData = [];
    const lines = parseRecord(os.decode(bytes));
    const saved = lines[0]?.name === "dn" ? lines[0].value : "";
    if (saved !== dn) fd.JobMessage(fd.M_INFO, `Restoring original DN ${saved} as ${dn}\n`);
    const attributes = lines.slice(saved ? 1 : 0);
    const ldif = os.encode(`${[dnLine(dn), ...attributes.map((l) => l.raw)].join("\n")}\n`);
    let result = await this.ldap("ldapadd", [], ldif);
    if (result.status.code === ALREADY_EXISTS) {
      result = await this.ldap("ldapdelete", [dn]);
      if (result.status.ok) result = await this.ldap("ldapadd", [], ldif);
      else if (result.status.code === NOT_ALLOWED_ON_NON_LEAF) result = await this.replaceAttributes(dn, attributes);
    }
    if (!result.status.ok) throw new Error(result.stderr || result.status.text);
  }

  /**
   * An entry with children cannot be deleted and added again: its attributes
   * are set to the saved ones instead, and the ones it has gained since are removed.
   */
  private async replaceAttributes(dn: string, saved: LdifLine[]) {
    const current = await this.ldap("ldapsearch", ["-LLL", "-s", "base", "-b", dn, "(objectClass=*)", "*"],
                                    undefined, true);
    if (!current.status.ok) return current;
    const key = (name: string) => name.toLowerCase();
    const savedNames = new Set(saved.map((l) => key(l.name)));
    const gained = new Set(parseRecord(current.stdout).slice(1).map((l) => key(l.name)).filter((n) => !savedNames.has(n)));
    const changes: string[] = [dnLine(dn), "changetype: modify"];
    for (const name of savedNames)
      changes.push(`replace: ${name}`, ...saved.filter((l) => key(l.name) === name).map((l) => l.raw), "-");
    for (const name of gained) changes.push(`delete: ${name}`, "-");
    return this.ldap("ldapmodify", [], os.encode(`${changes.join("\n")}\n`));
  }

  override endBackupJob(): fd.bRC { return this.release(); }
  override endRestoreJob(): fd.bRC { return this.release(); }
  override endJob(): fd.bRC { return this.release(); }

  /** Ends the search if it still runs and removes the password file. */
  private release(): fd.bRC {
    this.endSearch();
    if (this.passwordFile) {
      try {
        os.unlink(this.passwordFile);
      } catch {
        // removed already
      }
      this.passwordFile = undefined;
    }
    return fd.bRC_OK;
  }
}

export default definePlugin(Ldap);
