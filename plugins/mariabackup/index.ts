// bareos-fd-mariabackup: physical backups of a MariaDB server with
// mariadb-backup, a drop-in for Bareos' Python plugin of that name (same
// options, catalog names, restore objects and restore layout).  A backup
// is /_mariadb-backup/xbstream.<jobid> (the --stream=xbstream output, read
// by the daemon straight from the pipe) followed by a restore object
// /_mariadb-backup/<checkpoints file> holding the LSNs of that run as JSON;
// an Incremental continues from the highest to_lsn of the restore objects
// the director sends.  A restore extracts each stream with mbstream into
// <dir of the file>/<restore jobid>/<from_lsn>_<to_lsn>_<jobid>/, where an
// admin prepares the full and applies the incrementals in LSN order.
// Options (README.md): mycnf, dumpbinary, dumpoptions, extradumpoptions,
// mysqlcmd, restorecommand, log, strictIncremental.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosFdPlugin, appendLine, definePlugin, makeDirs, quoteArg, run, spawn, virtualStat,
         type ChildProcess, type ExitStatus } from "bareos-qjs";

const PREFIX = "/_mariadb-backup";
const LOG_DIR = "/var/log/bareos";
const STDERR_TAIL = 2048;
const LOG_TAIL = 1 << 20;

type Part = "stream" | "lsnfile" | "lsn_only";

/** The checkpoints file mariadb-backup writes: its name changed with MariaDB 11. */
const checkpointsFile = (major: number) => (major < 11 ? "xtrabackup_checkpoints" : "mariadb_backup_checkpoints");

/** A command line for messages and the log, with any password in it blanked. */
const masked = (command: string) =>
  command.replace(/(--password[=\s])\S+/g, "$1***").replace(/(^|\s)(-p)\S+/g, "$1$2***");

/** The checkpoints file ("key = value" lines) as Python's json.dumps() writes it, values as strings. */
function checkpointsJson(text: string): string {
  const entries = text.split("\n").filter((l) => l.trim()).map((line) => {
    const eq = line.indexOf("=");
    const [key, value] = eq < 0 ? [line, ""] : [line.slice(0, eq), line.slice(eq + 1)];
    return `${JSON.stringify(key.trim())}: ${JSON.stringify(value.trim())}`;
  });
  return `{${entries.join(", ")}}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function removeTree(dir: string): void {
  try {
    for (const name of os.readdir(dir)) if (name !== "." && name !== "..") os.unlink(`${dir}/${name}`);
    os.rmdir(dir);
  } catch (e) {
    if ((e as os.OsError).code !== "ENOENT") throw e;
  }
}

interface Running {
  readonly child: ChildProcess;
  readonly command: string;
  readonly writing: boolean;
}

class Mariabackup extends BareosFdPlugin {
  private parts: Part[] | undefined;
  private checkpoints = "";
  private lsnDir = "";
  private maxToLsn = 0;
  /** The LSNs of each backup job whose restore object arrived, by its JobId. */
  private readonly lsns = new Map<number, { from: number; to: number }>();
  private lastObject: Uint8Array | null = null;
  private restoreCommand = "";
  private running: Running | undefined;
  private canceled = false;

  constructor(plugindef: string) {
    super(plugindef);
    fd.RegisterEvents([fd.bEventCancelCommand]);
  }

  /** The --defaults-file argument, if any, unquoted (for argv) or for the shell. */
  private mycnf(forShell: boolean): string[] {
    const file = this.options["mycnf"];
    return file ? [`--defaults-file=${forShell ? quoteArg(file) : file}`] : [];
  }

  private get logFile(): string | null {
    const log = this.options["log"];
    if (!log || log === "false") return null;
    return log.startsWith("/") ? log : `${LOG_DIR}/${log}`;
  }

  /** mysqlcmd as Python splits it: at white space, no shell. */
  private mysql(args: string[]): string[] {
    const command = this.options["mysqlcmd"];
    const base = command ? command.split(/\s+/).filter(Boolean) : ["mariadb", ...this.mycnf(false), "--raw"];
    return [...base, "--batch", "--skip-column-names", "--execute", ...args];
  }

  /** Output of a mariadb client call; a failure throws with the client's message. */
  private async query(sql: string, what: string): Promise<string> {
    const argv = this.mysql([sql]);
    const result = await run(argv, { tempDir: this.job.workingDir });
    if (!result.status.ok)
      throw new Error(`${what}: ${masked(argv.join(" "))} ${result.status.text}${result.stderr ? `: ${result.stderr}` : ""}`);
    return result.stdout;
  }

  private dumpCommand(): string {
    const o = this.options;
    const parts = [o["dumpbinary"] ?? "mariadb-backup", ...this.mycnf(true), o["dumpoptions"] ?? "--backup --stream=xbstream",
                   `--extra-lsndir=${quoteArg(this.lsnDir)}`];
    if (o["extradumpoptions"]) parts.push(o["extradumpoptions"]);
    if (this.maxToLsn > 0) parts.push(`--incremental-lsn=${this.maxToLsn}`);
    return parts.filter(Boolean).join(" ");
  }

  override handlePluginEvent(event: fd.bEventTypeValue, value: fd.EventValue): fd.EntryResult {
    if (event !== fd.bEventCancelCommand) return super.handlePluginEvent(event, value);
    this.canceled = true;
    this.running?.child.terminate();
    return fd.bRC_OK;
  }

  override restoreObjectData(rop: fd.RestoreObject): fd.EntryResult {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(os.decode(rop.object)) as Record<string, unknown>;
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `restore object ${rop.object_name} of job ${rop.jobid} is not JSON: ${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    this.lastObject = rop.object;
    const from = Number(data["from_lsn"] ?? 0);
    const to = Number(data["to_lsn"] ?? 0);
    this.lsns.set(rop.jobid, { from, to });
    if (to > this.maxToLsn) {
      this.maxToLsn = to;
      fd.JobMessage(fd.M_INFO, `Got to_lsn ${to} from restore object of job ${rop.jobid}\n`);
    }
    return fd.bRC_OK;
  }

  /** What this run backs up, after the checks of Python's start_backup_job. */
  private async plan(): Promise<Part[]> {
    const accurate = fd.GetValue(fd.bVarAccurate);
    if (accurate) throw new Error("start_backup_job: Accurate backup not allowed please disable in Job");
    const version = (await this.query("select version();", "Unable to determine mariadb version")).trim();
    const major = Number.parseInt(version, 10);
    if (!(major > 0)) throw new Error(`Unable to determine mariadb version: the server says "${version}"`);
    this.checkpoints = checkpointsFile(major);
    fd.JobMessage(fd.M_INFO, `MariaDB ${version}, level ${this.job.level}\n`);
    if (this.job.level !== "I") return ["stream", "lsnfile"];
    if (this.maxToLsn === 0) throw new Error("No LSN received to be used with incremental backup");
    const status = await this.query("SHOW ENGINE INNODB STATUS;", "Error while looking for LSN");
    const lines = status.split("\n").filter((l) => l.startsWith("Log sequence number"));
    const lastLsn = lines.length ? Number(lines.at(-1)!.trim().split(" ").at(-1)) : NaN;
    if (!Number.isSafeInteger(lastLsn)) throw new Error(`Could not get LSN from ${status}`);
    fd.JobMessage(fd.M_INFO, `Backup until LSN: ${lastLsn}\n`);
    if (this.options["strictIncremental"] === "true" && this.maxToLsn >= lastLsn) {
      fd.JobMessage(fd.M_INFO, `LSN ${lastLsn} is not higher than ${this.maxToLsn} of the previous job: ` +
                    "nothing backed up but the restore object\n");
      return ["lsn_only"];
    }
    return ["stream", "lsnfile"];
  }

  override async startBackupFile(savepkt: fd.SavePacket): Promise<fd.bRC> {
    try {
      this.parts ??= await this.plan();
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    const part = this.parts.shift();
    if (!part) return fd.bRC_Stop;
    savepkt.statp = virtualStat();
    if (part === "stream") {
      this.lsnDir = `${this.job.workingDir}/mariabackup-lsn.${this.job.jobId}`;
      removeTree(this.lsnDir);
      makeDirs(this.lsnDir, 0o700);
      savepkt.fname = `${PREFIX}/xbstream.${pad(this.job.jobId, 10)}`;
      savepkt.type = fd.FT_REG;
    } else {
      let object: Uint8Array;
      if (part === "lsnfile") {
        const path = `${this.lsnDir}/${this.checkpoints}`;
        try {
          object = os.encode(checkpointsJson(os.readFile(path)));
        } catch (e) {
          fd.JobMessage(fd.M_FATAL, `cannot read ${path} that the dump should have written: ${(e as Error).message}\n`);
          return fd.bRC_Error;
        } finally {
          removeTree(this.lsnDir);
        }
      } else {
        object = this.lastObject!;
      }
      savepkt.fname = `${PREFIX}/${this.checkpoints}`;
      savepkt.type = fd.FT_RESTORE_FIRST;
      savepkt.object_name = savepkt.fname;
      savepkt.object = object;
      savepkt.object_len = object.length;
      savepkt.object_index = Math.floor(Date.now() / 1000);
    }
    fd.JobMessage(fd.M_INFO, `Starting backup of ${savepkt.fname}\n`);
    return fd.bRC_OK;
  }

  override endBackupFile(): fd.EntryResult {
    return this.parts?.length ? fd.bRC_More : fd.bRC_OK;
  }

  override createFile(restorepkt: fd.RestorePacket): fd.EntryResult {
    const name = restorepkt.ofname;
    let dir = `${name.slice(0, name.lastIndexOf("/"))}/${this.job.jobId}/`;
    const origin = Number(name.slice(name.lastIndexOf(".") + 1));
    const lsn = this.lsns.get(origin);
    if (lsn) dir += `${pad(lsn.from, 20)}_${pad(lsn.to, 20)}_${pad(origin, 10)}`;
    else fd.JobMessage(fd.M_ERROR, `No lsn information found in restore object for file ${name} from job ${origin}\n`);
    try {
      makeDirs(dir.replace(/\/$/, ""));
      if (os.readdir(dir).some((n) => n !== "." && n !== "..")) {
        fd.JobMessage(fd.M_FATAL, `Restore with mbstream needs empty directory: ${dir}\n`);
        return fd.bRC_Error;
      }
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `cannot create ${dir}: ${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    this.restoreCommand = (this.options["restorecommand"] ?? "mbstream -x -C ") + quoteArg(dir);
    restorepkt.create_status = fd.CF_EXTRACT;
    return fd.bRC_OK;
  }

  /** Appends a line (dated) or a program's output (as it is) to the `log` file, if any. */
  private log(text: string, dated = true): void {
    const file = this.logFile;
    if (!file || !text) return;
    try {
      appendLine(file, `${dated ? `${new Date().toISOString()} ` : ""}${text}\n`);
    } catch (e) {
      fd.DebugMessage(100, `Could not write log file (${file}): ${(e as Error).message}\n`);
    }
  }

  override pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult {
    const writing = (iop.flags & (os.O_WRONLY | os.O_RDWR)) !== 0;
    const command = writing ? this.restoreCommand : this.dumpCommand();
    this.release();
    this.log(`${writing ? "Restore" : "Backup"} Job ${this.job.jobId} opens stream with "${masked(command)}"`);
    try {
      const child = spawn(["/bin/sh", "-c", command], {
        stdin: writing ? "pipe" : "null",
        stdout: writing ? "stderr" : "pipe",
        tempDir: this.job.workingDir,
      });
      this.running = { child, command, writing };
      iop.filedes = writing ? child.stdin : child.stdout;
    } catch (e) {
      fd.JobMessage(writing ? fd.M_ERROR : fd.M_FATAL, `cannot start "${masked(command)}": ${(e as Error).message}\n`);
      iop.status = -1;
      iop.io_errno = os.EIO;
      return fd.bRC_Error;
    }
    iop.do_io_in_core = true;
    iop.status = fd.iostat_do_in_core;
    return fd.bRC_OK;
  }

  override async pluginIoClose(iop: fd.IoClosePacket): Promise<fd.bRC> {
    if (!this.running) {
      iop.status = 0;
      return fd.bRC_OK;
    }
    const { child, command, writing } = this.running;
    child.closePipes();
    const status = await child.exited();
    const tail = child.stderrTail(STDERR_TAIL);
    if (this.logFile) {
      this.log(child.stderrTail(LOG_TAIL), false);
      this.log(`${writing ? "Restore" : "Backup"} Job ${this.job.jobId} closes stream`);
    }
    this.release();
    if (status.ok || this.canceled) {
      iop.status = 0;
      return fd.bRC_OK;
    }
    fd.JobMessage(writing ? fd.M_ERROR : fd.M_FATAL, `${failure(writing, command, status, tail, this.logFile)}\n`);
    iop.status = -1;
    iop.io_errno = os.EIO;
    return fd.bRC_Error;
  }

  override endBackupJob(): fd.EntryResult {
    return this.endJob();
  }

  override endRestoreJob(): fd.EntryResult {
    return this.endJob();
  }

  override endJob(): fd.EntryResult {
    this.release();
    if (this.lsnDir) removeTree(this.lsnDir);
    return fd.bRC_OK;
  }

  private release(): void {
    this.running?.child.dispose();
    this.running = undefined;
  }
}

function failure(writing: boolean, command: string, status: ExitStatus, tail: string, log: string | null): string {
  const what = writing ? "Restore command" : "Dump command";
  const parts = [`${what} ${status.text}`, `command: "${masked(command)}"`];
  if (log) parts.push(`log file: "${log}"`);
  return `${parts.join(", ")}${tail ? `; its stderr ends with:\n${tail}` : " (nothing on stderr)"}`;
}

export default definePlugin(Mariabackup);
