// The base of file daemon plugins, the counterpart of Python's
// BareosFdPluginBaseclass: it registers the job events, caches the job's
// facts, parses the options and maps each entry point to a camelCase hook.
import * as fd from "bareosfd";
import { applyDefinition } from "./definition.js";
import type { Options } from "./options.js";
import { LocalFileIo } from "./local-io.js";

export type { Options };

/** Facts about the job, read once when the plugin is created. */
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
}

function readJobInfo(): JobInfo {
  const jobName = fd.GetValue(fd.bVarJobName) ?? "";
  const level = fd.GetValue(fd.bVarLevel);
  const usedConfig = fd.GetValue(fd.bVarUsedConfig) ?? "";
  return {
    jobId: fd.GetValue(fd.bVarJobId) ?? 0,
    jobName,
    shortName: jobName.replace(/\.\d{4}-\d{2}-\d{2}_\d{2}\.\d{2}\.\d{2}_\d+$/, ""),
    level: level === null ? "" : String.fromCharCode(level),
    fdName: fd.GetValue(fd.bVarFDName) ?? "",
    client: fd.GetValue(fd.bVarClient) ?? "",
    workingDir: fd.GetValue(fd.bVarWorkingDir) ?? "",
    configDir: usedConfig.endsWith(".conf") ? usedConfig.replace(/\/[^/]*$/, "") : usedConfig,
  };
}

export abstract class BareosFdPlugin {
  /** Options from the plugin string and its defaults/overrides files. */
  readonly options: Options = {};
  readonly job: JobInfo;
  /** Options that must be given; a missing one fails the job. */
  protected readonly mandatoryOptions: readonly string[] = [];
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
    this.job = readJobInfo();
    fd.RegisterEvents([fd.bEventJobEnd, fd.bEventEndBackupJob, fd.bEventEndFileSet,
                       fd.bEventHandleBackupFile, fd.bEventStartBackupJob,
                       fd.bEventStartRestoreJob, fd.bEventEndRestoreJob]);
  }

  /** Called with the options of every Plugin line; parses and checks them. */
  parsePluginDefinition(plugindef: string): fd.bRC {
    for (const key of this.lineOptions) delete this.options[key];
    const ok = applyDefinition(this.options, plugindef, this.mandatoryOptions, this.job.configDir, {
      warning: (text) => fd.JobMessage(fd.M_WARNING, text),
      fatal: (text) => fd.JobMessage(fd.M_FATAL, text),
    });
    return ok ? this.checkOptions() : fd.bRC_Error;
  }

  /** Override to validate options beyond the mandatory ones. */
  checkOptions(): fd.bRC {
    return fd.bRC_OK;
  }

  handlePluginEvent(event: fd.bEventTypeValue, _value: fd.EventValue): fd.EntryResult {
    switch (event) {
      case fd.bEventJobEnd: return this.endJob();
      case fd.bEventEndBackupJob: return this.endBackupJob();
      case fd.bEventEndFileSet: return this.endFileset();
      case fd.bEventStartBackupJob: return this.startBackupJob();
      case fd.bEventStartRestoreJob: return this.startRestoreJob();
      case fd.bEventEndRestoreJob: return this.endRestoreJob();
      default: return fd.bRC_OK;
    }
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
  pluginIoOpen(iop: fd.IoPacket): fd.EntryResult { return this.io.open(iop); }
  pluginIoRead(iop: fd.IoPacket): fd.EntryResult { return this.io.read(iop); }
  pluginIoWrite(iop: fd.IoPacket): fd.EntryResult { return this.io.write(iop); }
  pluginIoClose(iop: fd.IoPacket): fd.EntryResult { return this.io.close(iop); }
  pluginIoSeek(iop: fd.IoPacket): fd.EntryResult { return this.io.seek(iop); }

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
  setAcl(_acl: fd.AclPacket): fd.EntryResult { return fd.bRC_OK; }
  getXattr(_xattr: fd.XattrPacket): fd.EntryResult { return fd.bRC_OK; }
  setXattr(_xattr: fd.XattrPacket): fd.EntryResult { return fd.bRC_OK; }
  handleBackupFile(_savepkt: fd.SavePacket): fd.EntryResult { return fd.bRC_OK; }
}
