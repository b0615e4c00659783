// The base of file daemon plugins, the counterpart of Python's
// BareosFdPluginBaseclass: it registers the job events, caches the job's
// facts, parses the options and maps each entry point to a camelCase hook.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosPlugin, type Daemon } from "./plugin-base.js";
import { LocalFileIo } from "./local-io.js";


/** Facts about the job, read when the plugin is created (`since` on use). */
export interface JobInfo {
  readonly jobId: number;
  readonly jobName: string;
  /** The job name without its ".date_time_id" suffix. */
  readonly shortName: string;
  readonly level: string;
  readonly fdName: string;
  readonly client: string;
  readonly workingDir: string;
  /** The file daemon's configuration directory (defaults/overrides files live here). */
  readonly configDir: string;
  /** The time (seconds since the epoch) an Incremental or Differential saves changes since; 0 for Full. */
  readonly since: number;
  /** When the plugin was created (seconds since the epoch). */
  readonly startTime: number;
}

const fileType = (path: string): number => {
  try {
    return os.stat(path).st_mode & os.S_IFMT;
  } catch {
    return 0;
  }
};

/**
 * Where relative defaults/overrides files are found, as Python's base class
 * finds it: the daemon names either its configuration file (its directory)
 * or, for a split configuration, "<dir>/bareos-fd.d/*\/*.conf" (that
 * "bareos-fd.d/"); anything else, or a directory that does not exist, is "/".
 */
function configDirectory(usedConfig: string): string {
  let dir: string;
  if (usedConfig.endsWith("/*/*.conf")) dir = usedConfig.slice(0, -"*/*.conf".length);
  else if (fileType(usedConfig) === os.S_IFREG) dir = usedConfig.slice(0, usedConfig.lastIndexOf("/") + 1) || ".";
  else return "/";
  return fileType(dir) === os.S_IFDIR ? dir : "/";
}

function readJobInfo(): JobInfo {
  const jobName = fd.GetValue(fd.bVarJobName) ?? "";
  const level = fd.GetValue(fd.bVarLevel);
  return {
    jobId: fd.GetValue(fd.bVarJobId) ?? 0,
    jobName,
    shortName: jobName.replace(/\.\d{4}-\d{2}-\d{2}_\d{2}\.\d{2}\.\d{2}_\d+$/, ""),
    level: level === null ? "" : String.fromCharCode(level),
    fdName: fd.GetValue(fd.bVarFDName) ?? "",
    client: fd.GetValue(fd.bVarClient) ?? "",
    workingDir: fd.GetValue(fd.bVarWorkingDir) ?? "",
    configDir: configDirectory(fd.GetValue(fd.bVarUsedConfig) ?? ""),
    // The daemon sets it only as the backup starts, after the plugin exists.
    get since() { return fd.GetValue(fd.bVarSinceTime) ?? 0; },
    startTime: Math.floor(Date.now() / 1000),
  };
}

/**
 * `Mandatory` names the options the plugin requires, the same names as its
 * `mandatoryOptions` list: `class P extends BareosFdPlugin<"file">` with
 * `mandatoryOptions = ["file"] as const` sees `this.options.file` as a string.
 * Its options come from the plugin string and its defaults/overrides files.
 */
export abstract class BareosFdPlugin<Mandatory extends string = never>
  extends BareosPlugin<Mandatory, BareosFdPlugin, fd.bEventTypeValue, fd.EventValue> {
  static readonly #daemon: Daemon<BareosFdPlugin, fd.bEventTypeValue, fd.EventValue> = {
    ok: fd.bRC_OK,
    error: fd.bRC_Error,
    warning: (text) => fd.JobMessage(fd.M_WARNING, text),
    fatal: (text) => fd.JobMessage(fd.M_FATAL, text),
    definition: (p) => ({ replaced: p.lineOptions, rules: { configDir: p.job.configDir } }),
    events: {
      [fd.bEventJobEnd]: "endJob",
      [fd.bEventEndBackupJob]: "endBackupJob",
      [fd.bEventEndFileSet]: "endFileset",
      [fd.bEventStartBackupJob]: "startBackupJob",
      [fd.bEventStartRestoreJob]: "startRestoreJob",
      [fd.bEventEndRestoreJob]: "endRestoreJob",
    },
    other: () => fd.bRC_OK,
  };

  readonly job: JobInfo;
  /**
   * Options each Plugin line gives for itself (a file list, a program): a
   * new definition replaces them. Every other option keeps the first value
   * the job gave it, as in Python's base class, so that a restore's
   * plugin options win over the ones saved with the backup.
   */
  protected readonly lineOptions: readonly string[] = [];
  /** Plugin-side file I/O used by the default pluginIo(). */
  protected readonly io = new LocalFileIo();

  constructor(_plugindef: string) {
    super(BareosFdPlugin.#daemon);
    this.job = readJobInfo();
    fd.RegisterEvents([fd.bEventJobEnd, fd.bEventEndBackupJob, fd.bEventEndFileSet,
                       fd.bEventHandleBackupFile, fd.bEventStartBackupJob,
                       fd.bEventStartRestoreJob, fd.bEventEndRestoreJob]);
  }

  startBackupJob(): fd.EntryResult { return fd.bRC_OK; }
  endBackupJob(): fd.EntryResult { return fd.bRC_OK; }
  startRestoreJob(): fd.EntryResult { return fd.bRC_OK; }
  /** After the last file of a restore, also when it failed or was canceled. */
  endRestoreJob(): fd.EntryResult { return fd.bRC_OK; }
  endFileset(): fd.EntryResult { return fd.bRC_OK; }
  endJob(): fd.EntryResult { return fd.bRC_OK; }

  /** Fill in the next file; bRC_Stop when there is nothing (more) to back up. */
  startBackupFile(_savepkt: fd.SavePacket): fd.EntryResult { return fd.bRC_Stop; }
  /** bRC_More to be asked for another file. */
  endBackupFile(): fd.EntryResult { return fd.bRC_OK; }

  /** Plugin-side I/O on local files; override the per-operation hooks or this. */
  pluginIo(iop: fd.IoPacket): fd.EntryResult {
    switch (iop.func) {
      case fd.IO_OPEN: return this.pluginIoOpen(iop);
      case fd.IO_READ: return this.pluginIoRead(iop);
      case fd.IO_WRITE: return this.pluginIoWrite(iop);
      case fd.IO_CLOSE: return this.pluginIoClose(iop);
      case fd.IO_SEEK: return this.pluginIoSeek(iop);
    }
  }
  pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult { return this.io.open(iop); }
  pluginIoRead(iop: fd.IoReadPacket): fd.EntryResult { return this.io.read(iop); }
  pluginIoWrite(iop: fd.IoWritePacket): fd.EntryResult { return this.io.write(iop); }
  pluginIoClose(iop: fd.IoClosePacket): fd.EntryResult { return this.io.close(iop); }
  pluginIoSeek(iop: fd.IoSeekPacket): fd.EntryResult { return this.io.seek(iop); }

  startRestoreFile(_cmd: string): fd.EntryResult { return fd.bRC_OK; }
  endRestoreFile(): fd.EntryResult { return fd.bRC_OK; }
  /** By default the core creates the file (CF_CORE) and opens it through pluginIo(). */
  createFile(restorepkt: fd.RestorePacket): fd.EntryResult {
    restorepkt.create_status = fd.CF_CORE;
    return fd.bRC_OK;
  }
  setFileAttributes(_restorepkt: fd.RestorePacket): fd.EntryResult { return fd.bRC_OK; }
  /** bRC_Seen keeps a file that is no longer backed up from being marked deleted. */
  checkFile(_fname: string): fd.EntryResult { return fd.bRC_OK; }
  restoreObjectData(_rop: fd.RestoreObject): fd.EntryResult { return fd.bRC_OK; }
  getAcl(_acl: fd.AclPacket): fd.EntryResult { return fd.bRC_OK; }
  /** The backup saved an ACL this plugin does not restore: say so, as Python's base class does. */
  setAcl(acl: fd.AclPacket): fd.EntryResult {
    fd.JobMessage(fd.M_INFO, `set_acl() called for ${acl.fname}: not restored, the plugin does not override setAcl\n`);
    return fd.bRC_OK;
  }
  getXattr(_xattr: fd.XattrPacket): fd.EntryResult { return fd.bRC_OK; }
  /** The backup saved an extended attribute this plugin does not restore: say so. */
  setXattr(xattr: fd.XattrPacket): fd.EntryResult {
    fd.JobMessage(fd.M_INFO, `set_xattr() called for ${xattr.fname}: not restored, the plugin does not override setXattr\n`);
    return fd.bRC_OK;
  }
  handleBackupFile(_savepkt: fd.SavePacket): fd.EntryResult { return fd.bRC_OK; }
}
