// The base of director plugins, the counterpart of Python's
// BareosDirPluginBaseclass: registers JobStart, JobInit, JobRun and JobEnd,
// parses options, keeps the job's figures, maps events to camelCase hooks
// and knows the job.
import * as dir from "bareosdir";
import { replacingDefinition } from "./daemon-config.js";
import { bindEntryPoints, currentInstance } from "./entry-points.js";
import { BareosPlugin, type Daemon } from "./plugin-base.js";

const char = (code: number | null) => (code ? String.fromCharCode(code) : "");
const now = () => Date.now() / 1000;

function readJobEnd(p: BareosDirPlugin): void {
  p.jobEndTime = now();
  p.jobErrors = dir.GetValue(dir.bDirVarJobErrors) ?? 0;
  p.jobBytes = dir.GetValue(dir.bDirVarJobBytes) ?? 0;
  p.jobFiles = dir.GetValue(dir.bDirVarJobFiles) ?? 0;
  p.jobNumVols = dir.GetValue(dir.bDirVarNumVols) ?? 0;
  p.jobPool = dir.GetValue(dir.bDirVarPool) ?? "";
  p.jobStorage = dir.GetValue(dir.bDirVarStorage) ?? "";
  p.jobMediaType = dir.GetValue(dir.bDirVarMediaType) ?? "";
  const since = (start: number) => (start ? p.jobEndTime - start : 0);
  p.jobTotalTime = since(p.jobInitTime);
  p.jobRunningTime = since(p.jobRunTime);
  p.throughput = p.jobRunningTime > 0 ? p.jobBytes / p.jobRunningTime : 0;
}

/** See BareosPlugin for `Mandatory`. */
export abstract class BareosDirPlugin<Mandatory extends string = never>
  extends BareosPlugin<Mandatory, BareosDirPlugin, dir.bDirEventTypeValue, dir.EventValue> {
  static readonly #daemon: Daemon<BareosDirPlugin, dir.bDirEventTypeValue, dir.EventValue> = {
    ok: dir.bRC_OK,
    error: dir.bRC_Error,
    warning: (text) => dir.JobMessage(dir.M_WARNING, text),
    fatal: (text) => dir.JobMessage(dir.M_FATAL, text),
    definition: replacingDefinition,
    events: {
      [dir.bDirEventJobStart]: (p) => {
        p.jobStartTime = now();
        return p.jobStart();
      },
      [dir.bDirEventJobInit]: (p) => {
        p.jobInitTime = now();
        return p.jobInit();
      },
      [dir.bDirEventJobRun]: (p) => {
        p.jobRunTime = now();
        return p.jobRun();
      },
      [dir.bDirEventJobEnd]: (p) => {
        readJobEnd(p);
        return p.jobEnd();
      },
    },
    other: (p, event, value) => p.event(event, value),
  };

  readonly jobName: string;
  readonly jobId: number;
  // The job's figures as Python's base class keeps them, set before the
  // hook of their event runs. Times are seconds since the epoch.
  jobInitTime = 0;
  jobStartTime = 0;
  /** When the job began to run (after waiting for others, maybe). */
  jobRunTime = 0;
  jobEndTime = 0;
  // Read at JobEnd:
  jobErrors = 0;
  jobBytes = 0;
  jobFiles = 0;
  jobNumVols = 0;
  jobPool = "";
  jobStorage = "";
  jobMediaType = "";
  /** Seconds from JobInit to JobEnd. */
  jobTotalTime = 0;
  /** Seconds from JobRun to JobEnd. */
  jobRunningTime = 0;
  /** Bytes per second over jobRunningTime. */
  throughput = 0;

  constructor(_plugindef: string) {
    super(BareosDirPlugin.#daemon);
    this.jobName = dir.GetValue(dir.bDirVarJobName) ?? "";
    this.jobId = dir.GetValue(dir.bDirVarJobId) ?? 0;
    dir.RegisterEvents([dir.bDirEventJobStart, dir.bDirEventJobInit, dir.bDirEventJobRun,
                        dir.bDirEventJobEnd]);
  }

  /** The job's level letter, e.g. "I" (it may change until the job runs). */
  get level(): string { return char(dir.GetValue(dir.bDirVarLevel)); }
  /** The job's type letter, e.g. "B" for backup, "R" for restore. */
  get type(): string { return char(dir.GetValue(dir.bDirVarType)); }
  /** The job's status letter, e.g. "T" when it terminated normally. */
  get status(): string { return char(dir.GetValue(dir.bDirVarJobStatus)); }
  get client(): string { return dir.GetValue(dir.bDirVarClient) ?? ""; }
  get priority(): number { return dir.GetValue(dir.bDirVarPriority) ?? 0; }

  jobStart(): dir.EntryResult { return dir.bRC_OK; }
  jobInit(): dir.EntryResult { return dir.bRC_OK; }
  jobRun(): dir.EntryResult { return dir.bRC_OK; }
  jobEnd(): dir.EntryResult { return dir.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: dir.bDirEventTypeValue, _value: dir.EventValue): dir.EntryResult { return dir.bRC_OK; }
}

export type DirPluginClass = new (plugindef: string) => BareosDirPlugin;

/** The job's plugin instance, for other modules of the plugin (Python's bareos_dir_plugin_object). */
export function pluginInstance(): BareosDirPlugin {
  return currentInstance(BareosDirPlugin);
}

/** The entry points of a director plugin: `export default defineDirPlugin(MyPlugin)`. */
export function defineDirPlugin(Plugin: DirPluginClass): Required<dir.DirEntryPoints> {
  return bindEntryPoints<BareosDirPlugin, dir.DirEntryPoints>((plugindef) => new Plugin(plugindef), {
    parse_plugin_definition: "parsePluginDefinition",
    handle_plugin_event: "handlePluginEvent",
  }, dir.bRC_OK);
}
