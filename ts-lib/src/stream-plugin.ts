// Virtual files whose content one program writes at backup and another
// reads back at restore (bpipe's model).  The pipe is handed to the daemon
// with direct I/O, so the data never passes through the script; IO_CLOSE
// waits for the program and fails the file with its stderr tail.  A restore
// with `where` writes plain files under it instead of running programs.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosFdPlugin } from "./fd-plugin.js";
import { spawn, type ChildProcess } from "./process.js";
import { formatArgv, type ExitStatus } from "./command-line.js";

/** A program run for one virtual file. */
export interface Program {
  readonly argv: readonly string[];
  /** Its whole environment; default the daemon's. */
  readonly env?: Readonly<Record<string, string>>;
  /** How messages name it; default its command line. */
  readonly label?: string;
}

/** One virtual file to back up: its catalog name and the program whose stdout it is. */
export interface StreamSource {
  readonly fname: string;
  readonly reader: Program;
}

const labelOf = (program: Program) => program.label ?? formatArgv(program.argv);

/** The program of the file being read or written, and what messages need about it. */
interface Running {
  readonly child: ChildProcess;
  readonly program: Program;
  readonly fname: string;
  readonly writing: boolean;
}

/** A regular file of unknown size, changed now: Incremental and Differential save it again. */
export function virtualStat(): fd.StatPacket {
  const now = Math.floor(Date.now() / 1000);
  return new fd.StatPacket({ mode: 0o100640, nlink: 1, size: 0, atime: now, mtime: now, ctime: now });
}

/** True when a restore goes to a directory rather than back to where the data came from. */
export function restoresToDirectory(where: string | null): boolean {
  return where !== null && where !== "" && where !== "/";
}

/** `Mandatory`: the options the plugin requires, as for BareosFdPlugin. */
export abstract class StreamPlugin<Mandatory extends string = never> extends BareosFdPlugin<Mandatory> {
  /** How a failed writer is reported: M_FATAL ends the job, M_ERROR goes on with the next file. */
  protected restoreFailure: fd.bJobMessageTypeValue = fd.M_FATAL;
  /** Bytes of a failed program's stderr that go into the job message. */
  protected stderrTailBytes = 2048;

  private queue: StreamSource[] | undefined;
  private source: StreamSource | undefined;
  private writer: Program | undefined;
  private restoreName = "";
  private toFile = false;
  private running: Running | undefined;
  private canceled = false;

  constructor(plugindef: string) {
    super(plugindef);
    this.io.inCore = true;
    fd.RegisterEvents([fd.bEventCancelCommand]);
  }

  /** The virtual files of the current FileSet item (called once per item). */
  protected abstract backupSources(): StreamSource[] | Promise<StreamSource[]>;
  /** The program that takes fname's content on stdin (restores without where); throw to skip it. */
  protected abstract restoreWriter(fname: string): Program | Promise<Program>;
  /** After a writer succeeded; stderr is the end of what it wrote there. May be async. */
  protected restored(_fname: string, _writer: Program, _stderr: string): void | Promise<void> {}
  /** After a file was written under where (its name includes where). May be async. */
  protected restoredToFile(_path: string): void | Promise<void> {}

  override parsePluginDefinition(plugindef: string): fd.EntryResult {
    this.queue = undefined; // a new FileSet item
    return super.parsePluginDefinition(plugindef);
  }

  override handlePluginEvent(event: fd.bEventTypeValue, value: fd.EventValue): fd.EntryResult {
    switch (event) {
      case fd.bEventCancelCommand:
        // The daemon still holds the pipe and closes it through IO_CLOSE.
        this.canceled = true;
        this.running?.child.terminate();
        return fd.bRC_OK;
      default:
        return super.handlePluginEvent(event, value);
    }
  }

  override endBackupJob(): fd.EntryResult {
    this.release();
    return fd.bRC_OK;
  }

  override endRestoreJob(): fd.EntryResult {
    this.release();
    return fd.bRC_OK;
  }

  override endJob(): fd.EntryResult {
    this.release();
    return fd.bRC_OK;
  }

  override async startBackupFile(savepkt: fd.SavePacket): Promise<fd.bRC> {
    // Each run dumps everything again: the accurate check must never turn a
    // virtual file into "unchanged".
    fd.SetValue(fd.bVarCheckChanges, false);
    fd.SetValue(fd.bVarSinceTime, 0);
    try {
      this.queue ??= await this.backupSources();
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    this.source = this.queue.shift();
    if (!this.source) return fd.bRC_Stop;
    savepkt.fname = this.source.fname;
    savepkt.type = fd.FT_REG;
    savepkt.statp = virtualStat();
    return fd.bRC_OK;
  }

  override endBackupFile(): fd.EntryResult {
    return this.queue?.length ? fd.bRC_More : fd.bRC_OK;
  }

  override async createFile(restorepkt: fd.RestorePacket): Promise<fd.bRC> {
    this.restoreName = restorepkt.ofname;
    this.toFile = restoresToDirectory(restorepkt.where);
    this.writer = undefined;
    restorepkt.create_status = fd.CF_EXTRACT;
    if (this.toFile) return fd.bRC_OK;
    try {
      this.writer = await this.restoreWriter(restorepkt.ofname);
    } catch (e) {
      fd.JobMessage(this.restoreFailure, `${restorepkt.ofname}: ${(e as Error).message}\n`);
      restorepkt.create_status = fd.CF_SKIP;
    }
    return fd.bRC_OK;
  }

  override pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult {
    const writing = (iop.flags & (os.O_WRONLY | os.O_RDWR)) !== 0;
    if (writing && this.toFile) return this.io.open(iop);
    const program = writing ? this.writer : this.source?.reader;
    const fname = writing ? this.restoreName : this.source?.fname ?? "";
    const failure = writing ? this.restoreFailure : fd.M_FATAL;
    this.release();
    if (!program) {
      fd.JobMessage(failure, `${fname}: nothing to run for it\n`);
      return this.failed(iop, os.ENOENT);
    }
    let child: ChildProcess;
    try {
      child = spawn(program.argv, {
        stdin: writing ? "pipe" : "null",
        stdout: writing ? "stderr" : "pipe",
        tempDir: this.job.workingDir,
        ...(program.env ? { env: program.env } : {}),
      });
    } catch (e) {
      fd.JobMessage(failure, `${fname}: ${labelOf(program)}: ${(e as Error).message}\n`);
      return this.failed(iop, os.ENOENT);
    }
    this.running = { child, program, fname, writing };
    // io=plugin reads the program's output in the script (to compare with
    // direct I/O in make bench); by default the daemon reads the pipe itself.
    if (!writing && this.options["io"] === "plugin") {
      iop.status = fd.iostat_do_in_plugin;
      return fd.bRC_OK;
    }
    iop.filedes = writing ? child.stdin : child.stdout;
    iop.do_io_in_core = true;
    iop.status = fd.iostat_do_in_core;
    return fd.bRC_OK;
  }

  override pluginIoRead(iop: fd.IoReadPacket): fd.EntryResult {
    if (!this.running || this.running.writing) return super.pluginIoRead(iop);
    iop.status = os.read(this.running.child.stdout, iop.buf, 0, iop.count);
    return fd.bRC_OK;
  }

  override async pluginIoClose(iop: fd.IoClosePacket): Promise<fd.bRC> {
    if (!this.running) {
      if (!this.toFile) {
        iop.status = 0;
        return fd.bRC_OK;
      }
      const rc = this.io.close(iop);
      if (rc === fd.bRC_OK) await this.restoredToFile(this.restoreName);
      return rc;
    }
    const { child, program, fname, writing } = this.running;
    // Our end is the descriptor the daemon used: closing it ends the writer's input.
    child.closePipes();
    const status = await child.exited();
    const tail = child.stderrTail(this.stderrTailBytes);
    this.release();
    if (status.ok || this.canceled) {
      iop.status = 0;
      if (status.ok && writing) await this.restored(fname, program, tail);
      return fd.bRC_OK;
    }
    fd.JobMessage(writing ? this.restoreFailure : fd.M_FATAL, `${failureText(fname, program, status, tail)}\n`);
    return this.failed(iop, os.EIO);
  }

  private failed(iop: fd.IoPacket, errno: number): fd.bRC {
    iop.status = -1;
    iop.io_errno = errno;
    return fd.bRC_Error;
  }

  /** Ends the current program, if any, and closes what we hold for it. */
  private release(): void {
    // Forgotten only once disposed: an interrupted call leaves it to the next one.
    this.running?.child.dispose();
    this.running = undefined;
  }
}

function failureText(fname: string, program: Program, status: ExitStatus, tail: string): string {
  const what = `${fname}: ${labelOf(program)} ${status.text}`;
  return tail ? `${what}; its stderr ends with:\n${tail}` : `${what} (nothing on stderr)`;
}
