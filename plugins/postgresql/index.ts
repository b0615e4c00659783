// bareos-fd-postgresql: online base backups of a PostgreSQL cluster and its
// WAL archive, for point-in-time recovery; a drop-in for Bareos' Python
// plugin of that name (same options, catalog names and restore object).
// A Full is a non-exclusive base backup: pg_backup_start, the files of the
// data directory (and tablespaces, and configuration files outside it),
// pg_backup_stop, then backup_label, recovery.signal and tablespace_map as
// files in the data directory, and the WAL archived meanwhile.  An
// Incremental switches to a new WAL segment, waits for it to be archived
// and saves the WAL archive's new files.  Every job ends with the restore
// object /_bareos_postgresql_plugin/metadata (JSON: plugin_version,
// pg_major_version, last_backup_stop_time in ns, last_lsn) that the next
// Incremental starts from.  A restore is a restore of plain files.
// Options (README.md): wal_archive_dir, db_host, db_port, db_user,
// db_password, db_name, role, switch_wal, switch_wal_timeout, start_fast,
// stop_wait_wal_archive, ignore_subdirs, pg_bin_dir.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as qos from "qjs:os";
import { LocalFilesPlugin, definePlugin, yesOrNo } from "bareos-qjs";
import { postgresBinDir } from "./programs.js";
import { PsqlSession } from "./session.js";

const METADATA = "/_bareos_postgresql_plugin/metadata";
const NS_PER_SECOND = 1e9;
// A restore object of a plugin before nanoseconds: any time in ns is later.
const LAST_TIME_IN_SECONDS = 2145913200;
// Their contents are rebuilt as the server starts; the directories must be there.
const MANDATORY_SUBDIRS = ["pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans", "pg_wal"];
const IGNORED_SUBDIRS = ["pgsql_tmp", ...MANDATORY_SUBDIRS];
// The relation cache, rebuilt in every recovery.
const IGNORED_FILES = ["pg_internal.init"];
// A restored lock file of the old server could stop the new one from starting.
const IGNORED_IN_DATA_DIR = ["postmaster.pid", "postmaster.opts"];
// What the server is asked; the files and directories among them outside the data directory are backed up too.
const SETTINGS = ["data_directory", "log_directory", "config_file", "hba_file", "ident_file", "ssl_ca_file",
                  "ssl_cert_file", "ssl_crl_file", "ssl_dh_params_file", "ssl_key_file", "ssl_crl_dir",
                  "archive_mode", "archive_command"] as const;
type Setting = (typeof SETTINGS)[number];

// The backup functions were renamed in PostgreSQL 15.
const startSql = (major: number, label: string, fast: boolean) => (major >= 15
  ? `pg_backup_start(${literal(label)}, fast => ${fast})`
  : `pg_start_backup(${literal(label)}, fast => ${fast}, exclusive => false)`);
const stopSql = (major: number, wait: boolean) => (major >= 15
  ? `pg_backup_stop(wait_for_archive => ${wait})`
  : `pg_stop_backup(exclusive => false, wait_for_archive => ${wait})`);

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const slashed = (dir: string) => (dir.endsWith("/") ? dir : `${dir}/`);
const nowNs = () => BigInt(Date.now()) * 1000000n;
const mtimeNs = (path: string) => os.lstat(path).mtime * NS_PER_SECOND;
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

interface VirtualFile {
  readonly name: string;
  readonly data: Uint8Array;
}

class PostgreSQL extends LocalFilesPlugin<"wal_archive_dir"> {
  protected override readonly mandatoryOptions = ["wal_archive_dir"] as const;
  private session: PsqlSession | undefined;
  private major = 0;
  private versionNum = 0;
  private dataDir = "";
  private walDir = "";
  /** Directories whose every file a later Incremental keeps (Accurate: checkFile). */
  private saved: string[] = [];
  private ignoredSubdirs = new Set(IGNORED_SUBDIRS);
  private backupRunning = false;
  private backupStartNs = 0;
  /** From the restore objects: the previous job's. */
  private lastStopNs = 0;
  private lastLsn: string | null = null;
  private lastMajor: number | null = null;
  /** This job's, for its restore object. */
  private stopNs = 0n;
  private stopLsn: string | null = null;
  /** Restore object and virtual files still to send, once the files are done. */
  private tail: (VirtualFile | "metadata")[] = [];
  private finished = false;
  private reading: { data: Uint8Array; offset: number } | undefined;

  constructor(plugindef: string) {
    super(plugindef);
    // The daemon reads the cluster's files itself, as with Python's plugin.
    this.io.inCore = true;
  }

  // Python checks them as the options arrive: a bad value fails the job before anything starts.
  override checkOptions(): fd.bRC {
    try {
      for (const [name, fallback] of [["switch_wal", true], ["start_fast", false], ["stop_wait_wal_archive", true]] as const)
        yesOrNo(this.options, name, fallback);
      const timeout = this.options["switch_wal_timeout"];
      if (timeout !== undefined && !/^\d+$/.test(timeout))
        throw new Error(`Plugin option switch_wal_timeout ${timeout} is not an integer.`);
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    return fd.bRC_OK;
  }

  override restoreObjectData(rop: fd.RestoreObject): fd.EntryResult {
    const text = os.decode(rop.object);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `Could not parse restore object json-data '${text}' / '${(e as Error).message}'\n`);
      return fd.bRC_Error;
    }
    const stop = data["last_backup_stop_time"];
    if (typeof stop === "number") {
      this.lastStopNs = stop < LAST_TIME_IN_SECONDS ? stop * NS_PER_SECOND : stop;
      fd.JobMessage(fd.M_INFO, `Got last_backup_stop_time ${this.lastStopNs} from restore object of job ${rop.jobid}\n`);
    }
    if (typeof data["last_lsn"] === "string") {
      this.lastLsn = data["last_lsn"];
      fd.JobMessage(fd.M_INFO, `Got last_lsn ${this.lastLsn} from restore object of job ${rop.jobid}\n`);
    }
    if (typeof data["pg_major_version"] === "number") {
      this.lastMajor = data["pg_major_version"];
      fd.JobMessage(fd.M_INFO, `Got pg major version ${this.lastMajor} from restore object of job ${rop.jobid}\n`);
    }
    return fd.bRC_OK;
  }

  override async startBackupJob(): Promise<fd.bRC> {
    try {
      await this.plan();
      return fd.bRC_OK;
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      this.endSession();
      return fd.bRC_Error;
    }
  }

  /** Python's start_backup_job: connect, check the cluster, start the backup and list what to save. */
  private async plan(): Promise<void> {
    const level = this.job.level;
    if (level === "D") throw new Error("Differential backups are not supported! Only Full and Incremental");
    const o = this.options;
    for (const name of (o["ignore_subdirs"] ?? "").split(",").map((s) => s.trim()).filter(Boolean))
      this.ignoredSubdirs.add(name);
    const walDir = o.wal_archive_dir.replace(/\/+$/, "");
    // One that is not there (yet) is as given, as Python's realpath leaves it: the
    // server's messages come first, and reading it says what is wrong.
    try {
      this.walDir = slashed(os.realpath(walDir));
    } catch {
      this.walDir = slashed(walDir);
    }
    if (this.walDir !== slashed(walDir))
      fd.JobMessage(fd.M_WARNING, `symlink detected in wal_archive_dir option: ${o.wal_archive_dir}\n` +
                    ` it is replaced by its real path ${this.walDir}\n`);
    const settings = this.connect();
    this.checkArchiving(settings);
    this.dataDir = slashed(settings.data_directory);
    this.saved = [this.dataDir, this.walDir];
    if (level === "F") {
      this.backupStartNs = Number(nowNs());
      const label = `Bareos.plugin.postgresql.jobid.${this.job.jobId}.PG${this.major}`;
      const fast = yesOrNo(o, "start_fast", false);
      this.query(`SELECT ${startSql(this.major, label, fast)}`, "backup start");
      this.backupRunning = true;
      fd.JobMessage(fd.M_INFO, `base backup ${label} started${fast ? " (fast checkpoint)" : ""}, data_dir: ${this.dataDir}\n`);
      this.walk(this.dataDir, null, true);
      for (const name of MANDATORY_SUBDIRS) if (this.exists(this.dataDir + name)) this.appendFileToBackup(this.dataDir + name);
      this.tablespaces(null);
      for (const path of this.configFiles(settings)) this.appendFileToBackup(path);
      return;
    }
    if (this.lastMajor === null)
      throw new Error("no pg version from previous backup recorded. Is the previous backup from an old plugin?");
    if (this.lastMajor !== this.major)
      throw new Error(`PostgreSQL version of previous backup ${this.lastMajor} does not match current version ${this.major}. Please run a new Full.`);
    this.stopLsn = this.lastLsn;
    this.stopNs = BigInt(Math.round(this.lastStopNs));
    if (await this.switchWal()) {
      this.walk(this.walDir, this.lastStopNs, false);
      this.tablespaces(this.lastStopNs);
      this.stopNs = nowNs();
    } else {
      // Only the restore object, with the previous job's time and LSN.
      this.appendFileToBackup(this.walDir);
    }
  }

  private query(sql: string, what: string): string[][] {
    try {
      return this.session!.query(sql);
    } catch (e) {
      throw new Error(`${what} (${sql}) failed: ${(e as Error).message}`);
    }
  }

  /** Opens the session as Python connects (libpq's variables, then the options); returns the settings. */
  private connect(): Record<Setting, string> {
    const o = this.options;
    const env = (name: string) => os.getenv(name);
    const host = o["db_host"] ?? (env("PGHOST") === undefined ? "localhost" : undefined);
    const database = o["db_name"] ?? env("PGDATABASE") ?? "postgres";
    const psql = `${postgresBinDir(o["pg_bin_dir"], "psql")}/psql`;
    this.session = new PsqlSession({ psql, host, port: o["db_port"], user: o["db_user"], database,
                                     password: o["db_password"] }, this.job.workingDir);
    try {
      if (o["role"]) this.session.query(`SET ROLE ${o["role"]}`);
      this.versionNum = Number(this.session.value("SELECT current_setting('server_version_num')"));
    } catch (e) {
      const user = o["db_user"] ?? env("PGUSER") ?? env("USER") ?? "";
      throw new Error(`Could not connect to database ${database}, user ${user}, host: ${host ?? env("PGHOST")}: ${(e as Error).message}`);
    }
    this.major = Math.floor(this.versionNum / 10000);
    fd.JobMessage(fd.M_INFO, `Connected to PostgreSQL version ${this.versionNum}\n`);
    if (this.major < 10) throw new Error(`Only PostgreSQL server version >= 10 is supported. Version detected ${this.major}`);
    const names = SETTINGS.filter((name) => name !== "ssl_crl_dir" || this.major >= 14);
    const rows = this.query(`SELECT name, setting FROM pg_settings WHERE name IN (${names.map(literal).join(", ")})`,
                            "reading the configuration");
    const settings = Object.fromEntries(SETTINGS.map((name) => [name, ""])) as Record<Setting, string>;
    for (const [name, setting] of rows) settings[name as Setting] = setting ?? "";
    const missing = names.filter((name) => !rows.some(([n]) => n === name));
    if (missing.length) throw new Error(`used role misses privileges to read configuration ${missing.join(", ")}`);
    return settings;
  }

  private checkArchiving(settings: Record<Setting, string>): void {
    if (settings.archive_mode === "off" || settings.archive_command.trim() === "")
      throw new Error("your cluster isn't configured for PITR backup Archive mode = off or Archive command = ''");
  }

  /** Configuration files and directories outside the data directory (Debian's /etc/postgresql/<version>/<cluster>). */
  private configFiles(settings: Record<Setting, string>): string[] {
    const paths: string[] = [];
    for (const name of SETTINGS) {
      const setting = settings[name];
      if (name === "data_directory" || name.startsWith("archive_") || !setting.startsWith("/")) continue;
      if (setting.startsWith(this.dataDir) || (name.endsWith("_file") && !this.isFile(setting))) continue;
      paths.push(setting);
    }
    const config = settings.config_file;
    if (config.startsWith("/etc/postgresql/")) {
      const dir = config.slice(0, config.lastIndexOf("/"));
      for (const name of ["environment", "pg_ctl.conf", "start.conf"]) if (this.isFile(`${dir}/${name}`)) paths.push(`${dir}/${name}`);
      let confD: string[] = [];
      try {
        confD = os.readdir(`${dir}/conf.d`);
      } catch {
        // none
      }
      for (const name of confD) if (name.endsWith(".conf") && this.isFile(`${dir}/conf.d/${name}`)) paths.push(`${dir}/conf.d/${name}`);
      if (this.exists(`${dir}/conf.d`)) paths.push(`${dir}/conf.d`);
      paths.push(dir);
    }
    return paths;
  }

  private exists(path: string): boolean {
    try {
      os.lstat(path);
      return true;
    } catch {
      return false;
    }
  }

  private isFile(path: string): boolean {
    try {
      return (os.stat(path).st_mode & os.S_IFMT) === os.S_IFREG;
    } catch {
      return false;
    }
  }

  /** The real directories of the tablespaces (their links in pg_tblspc are in the data directory). */
  private tablespaces(newerThanNs: number | null): void {
    const oids = this.query("SELECT oid FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')",
                            "listing the tablespaces");
    for (const [oid] of oids) {
      const dir = slashed(os.realpath(`${this.dataDir}pg_tblspc/${oid}`));
      this.saved.push(dir);
      this.walk(dir, newerThanNs, false);
    }
  }

  /**
   * Appends a tree, directories after their contents: every directory,
   * the files changed after newerThanNs (all when null), none of the
   * ignored ones.
   */
  private walk(dir: string, newerThanNs: number | null, inDataDir: boolean): void {
    const top = dir.replace(/\/+$/, "");
    for (const entry of os.scandir(top)) {
      const path = `${top}/${entry.name}`;
      const type = entry.type || (os.lstat(path).st_mode & os.S_IFMT);
      if (type === os.S_IFDIR) {
        if (!this.ignoredSubdirs.has(entry.name)) this.walk(path, newerThanNs, false);
        continue;
      }
      if (IGNORED_FILES.includes(entry.name) || (inDataDir && IGNORED_IN_DATA_DIR.includes(entry.name))) continue;
      try {
        if (newerThanNs === null || mtimeNs(path) > newerThanNs) this.appendFileToBackup(path);
      } catch {
        // removed meanwhile (a temporary file of the server): nothing to save
      }
    }
    this.appendFileToBackup(top);
  }

  /**
   * Python's Incremental start: a new WAL segment if asked or if anything
   * was written since the last backup, and the wait for the old one's
   * archiving. False when nothing changed since the last job.
   */
  private async switchWal(): Promise<boolean> {
    const current = this.query("SELECT pg_current_wal_lsn()", "reading the current LSN")[0]?.[0] ?? "";
    fd.JobMessage(fd.M_INFO, `Current LSN ${current}, last LSN: ${this.lastLsn}\n`);
    const changed = this.lastLsn === null ||
      Number(this.query(`SELECT pg_wal_lsn_diff(${literal(current)}, ${literal(this.lastLsn)})`, "comparing LSNs")[0]?.[0]) > 0;
    if (!yesOrNo(this.options, "switch_wal", true) && !changed) {
      fd.JobMessage(fd.M_INFO, `Same LSN ${current} as last time - nothing to do\n`);
      return false;
    }
    const lsn = this.query("SELECT pg_switch_wal()", "switching the WAL segment")[0]?.[0] ?? "";
    fd.JobMessage(fd.M_INFO, `pg_switch_wal to LSN '${lsn}'\n`);
    const [file = "", offset = "0"] = this.query(`SELECT * FROM pg_walfile_name_offset(${literal(lsn)})`,
                                                 "decoding the LSN")[0] ?? [];
    // A segment switched to at its very start has nothing to archive.
    if (Number(offset) === 0) {
      fd.JobMessage(fd.M_INFO, `LSN ${lsn} with offset_zero = True, previous wal already archived\n`);
    } else {
      fd.JobMessage(fd.M_INFO, `LSN ${lsn} decoded as filename '${file}, offset ${offset}'\n`);
      await this.waitArchived(file);
    }
    this.stopLsn = lsn;
    return true;
  }

  /**
   * Until the segment is in the archive and the archiver says it is done:
   * an archive_command that copies creates the file before it has written
   * it (Python's wait for the name alone could save half a segment). A
   * segment's name is its order; a .backup file archived after it starts
   * with its name.
   */
  private async waitArchived(file: string): Promise<void> {
    const timeout = Number(this.options["switch_wal_timeout"] ?? "60");
    const deadline = Date.now() + timeout * 1000;
    const archived = () => this.exists(this.walDir + file) &&
      (this.query("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver", "asking the archiver")[0]?.[0] ?? "")
        .slice(0, file.length) >= file;
    // Short pauses first: an idle server archives within milliseconds.
    for (let pause = 10; !archived(); pause = Math.min(pause * 1.2, 1000)) {
      if (Date.now() > deadline) throw new Error(`Timeout waiting ${timeout} sec. for wal file ${file} to be archived`);
      await qos.sleepAsync(pause);
    }
  }

  /** pg_backup_stop: the backup_label, tablespace_map and recovery files to add, and the end LSN. */
  private stopBackup(): VirtualFile[] {
    const wait = yesOrNo(this.options, "stop_wait_wal_archive", true);
    const [row] = this.query(`SELECT lsn, encode(convert_to(labelfile, 'UTF8'), 'hex'), ` +
                             `encode(convert_to(coalesce(spcmapfile, ''), 'UTF8'), 'hex') FROM ${stopSql(this.major, wait)}`,
                             "backup stop");
    this.backupRunning = false;
    this.stopNs = nowNs();
    const [lsn = "", label = "", map = ""] = row ?? [];
    this.stopLsn = lsn;
    fd.JobMessage(fd.M_INFO, `base backup stopped at LSN ${lsn}\n`);
    const files: VirtualFile[] = [{ name: `${this.dataDir}backup_label`, data: fromHex(label) }];
    const created = `# Created by bareos ${this.job.jobName}\n# on PostgreSQL cluster version ${this.versionNum}\n`;
    files.push(this.major >= 12
      ? { name: `${this.dataDir}recovery.signal`, data: os.encode(created) }
      : { name: `${this.dataDir}recovery.conf`, data: os.encode(`${created}\n# Place here your restore command\n`) });
    if (map) files.push({ name: `${this.dataDir}tablespace_map`, data: fromHex(map) });
    return files;
  }

  /** The WAL archive and its files archived since the base backup started. */
  private walFiles(): void {
    for (const name of os.readdir(this.walDir)) {
      const path = this.walDir + name;
      try {
        if (mtimeNs(path) > this.backupStartNs) this.appendFileToBackup(path);
      } catch (e) {
        fd.JobMessage(fd.M_ERROR, `Could not get stat-info for file ${path}: ${(e as Error).message}\n`);
      }
    }
    this.appendFileToBackup(this.walDir);
  }

  override startBackupFile(savepkt: fd.SavePacket): fd.EntryResult {
    const next = this.tail.shift();
    if (next === undefined) return super.startBackupFile(savepkt);
    if (next === "metadata") {
      const object = os.encode(`{"plugin_version": 2, "pg_major_version": ${this.major}, ` +
                               `"last_backup_stop_time": ${this.stopNs}, "last_lsn": ${JSON.stringify(this.stopLsn)}}`);
      savepkt.fname = METADATA;
      savepkt.type = fd.FT_RESTORE_FIRST;
      savepkt.object_name = METADATA;
      savepkt.object = object;
      savepkt.object_len = object.length;
      savepkt.object_index = Math.floor(Date.now() / 1000);
      savepkt.statp = new fd.StatPacket();
      savepkt.no_read = true;
      return fd.bRC_OK;
    }
    // Owner and mode of PG_VERSION: the server's, so that it can read them after a restore.
    const ref = os.stat(`${this.dataDir}PG_VERSION`);
    const now = Math.floor(Date.now() / 1000);
    savepkt.fname = next.name;
    savepkt.type = fd.FT_REG;
    savepkt.statp = new fd.StatPacket({ mode: ref.st_mode, uid: ref.st_uid, gid: ref.st_gid, nlink: 1,
                                        size: next.data.length, atime: now, mtime: now, ctime: now });
    this.reading = { data: next.data, offset: 0 };
    return fd.bRC_OK;
  }

  override endBackupFile(): fd.EntryResult {
    if (this.tail.length || super.endBackupFile() === fd.bRC_More) return fd.bRC_More;
    if (this.finished || !this.session) return fd.bRC_OK;
    this.finished = true;
    try {
      if (this.backupRunning) {
        this.tail.push(...this.stopBackup());
        this.walFiles();
      }
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Error;
    } finally {
      this.endSession();
    }
    this.tail.unshift("metadata");
    return fd.bRC_More;
  }

  override pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult {
    if (!this.reading) return super.pluginIoOpen(iop);
    iop.status = fd.iostat_do_in_plugin;
    return fd.bRC_OK;
  }

  override pluginIoRead(iop: fd.IoReadPacket): fd.EntryResult {
    const reading = this.reading;
    if (!reading) return super.pluginIoRead(iop);
    const chunk = reading.data.subarray(reading.offset, reading.offset + iop.count);
    iop.buf.set(chunk);
    reading.offset += chunk.length;
    iop.status = chunk.length;
    return fd.bRC_OK;
  }

  override pluginIoClose(iop: fd.IoClosePacket): fd.EntryResult {
    if (!this.reading) return super.pluginIoClose(iop);
    this.reading = undefined;
    iop.status = 0;
    return fd.bRC_OK;
  }

  // The base backup is restored whole: a file of the Full that an
  // Incremental (with Accurate) did not send again is still part of it.
  override checkFile(fname: string): fd.EntryResult {
    return this.saved.some((dir) => fname.startsWith(dir) || `${fname}/` === dir) ? fd.bRC_Seen : fd.bRC_OK;
  }

  override endBackupJob(): fd.EntryResult {
    this.endSession();
    return fd.bRC_OK;
  }

  override endJob(): fd.EntryResult {
    this.endSession();
    return super.endJob();
  }

  /** Without pg_backup_stop (a failed or canceled job), closing the session ends the backup. */
  private endSession(): void {
    if (this.backupRunning) fd.JobMessage(fd.M_INFO, "base backup not completed: ended with the session\n");
    this.backupRunning = false;
    this.session?.close();
    this.session = undefined;
  }
}

export default definePlugin(PostgreSQL);
