// The base of director plugins, the counterpart of Python's
// BareosDirPluginBaseclass: registers JobStart, JobInit, JobRun and JobEnd,
// parses options, keeps the job's figures, maps events to camelCase hooks
// and knows the job.
import * as dir from "bareosdir";
import { daemonConfigDir } from "./daemon-config.js";
import { applyDefinition } from "./definition.js";
import { mandatoryList, type MandatoryOptions, type Options } from "./options.js";

const char = (code: number | null) => (code ? String.fromCharCode(code) : "");
const now = () => Date.now() / 1000;

/**
 * `Mandatory` names the options the plugin requires, the same names as its
 * `mandatoryOptions` list (`as const`): hooks after an accepted definition
 * see them as strings.
 */
export abstract class BareosDirPlugin<Mandatory extends string = never> {
  /** Options of the latest definition (each replaces the last, as in Python).
   * The daemon sends events only once the module has its first definition;
   * after a refused one, jobEnd() may still run without the mandatory ones. */
  readonly options: Options<Mandatory> = {} as Options<Mandatory>;
  /** Options that must be given; a missing one fails the job. */
  protected readonly mandatoryOptions: MandatoryOptions<Mandatory> = mandatoryList([]);
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

  /** Parses and checks a definition; an override may be async. */
  parsePluginDefinition(plugindef: string): dir.EntryResult {
    for (const key of Object.keys(this.options)) delete this.options[key];
    const rules = { mandatory: this.mandatoryOptions, configDir: daemonConfigDir(), lastWins: true };
    const ok = applyDefinition(this.options, plugindef, rules, {
      warning: (text) => dir.JobMessage(dir.M_WARNING, text),
      fatal: (text) => dir.JobMessage(dir.M_FATAL, text),
    });
    return ok ? this.checkOptions() : dir.bRC_Error;
  }

  /** Override to validate options beyond the mandatory ones; may be async. */
  checkOptions(): dir.EntryResult {
    return dir.bRC_OK;
  }

  handlePluginEvent(event: dir.bDirEventTypeValue, value: dir.EventValue): dir.EntryResult {
    switch (event) {
      case dir.bDirEventJobStart:
        this.jobStartTime = now();
        return this.jobStart();
      case dir.bDirEventJobInit:
        this.jobInitTime = now();
        return this.jobInit();
      case dir.bDirEventJobRun:
        this.jobRunTime = now();
        return this.jobRun();
      case dir.bDirEventJobEnd:
        this.readJobEnd();
        return this.jobEnd();
      default:
        return this.event(event, value);
    }
  }

  private readJobEnd(): void {
    this.jobEndTime = now();
    this.jobErrors = dir.GetValue(dir.bDirVarJobErrors) ?? 0;
    this.jobBytes = dir.GetValue(dir.bDirVarJobBytes) ?? 0;
    this.jobFiles = dir.GetValue(dir.bDirVarJobFiles) ?? 0;
    this.jobNumVols = dir.GetValue(dir.bDirVarNumVols) ?? 0;
    this.jobPool = dir.GetValue(dir.bDirVarPool) ?? "";
    this.jobStorage = dir.GetValue(dir.bDirVarStorage) ?? "";
    this.jobMediaType = dir.GetValue(dir.bDirVarMediaType) ?? "";
    const since = (start: number) => (start ? this.jobEndTime - start : 0);
    this.jobTotalTime = since(this.jobInitTime);
    this.jobRunningTime = since(this.jobRunTime);
    this.throughput = this.jobRunningTime > 0 ? this.jobBytes / this.jobRunningTime : 0;
  }

  jobStart(): dir.EntryResult { return dir.bRC_OK; }
  jobInit(): dir.EntryResult { return dir.bRC_OK; }
  jobRun(): dir.EntryResult { return dir.bRC_OK; }
  jobEnd(): dir.EntryResult { return dir.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: dir.bDirEventTypeValue, _value: dir.EventValue): dir.EntryResult { return dir.bRC_OK; }
}

export type DirPluginClass = new (plugindef: string) => BareosDirPlugin;

// Each job has its own runtime, so one instance per module is one per job.
let instance: BareosDirPlugin | undefined;

/** The job's plugin instance, for other modules of the plugin (Python's bareos_dir_plugin_object). */
export function pluginInstance(): BareosDirPlugin {
  if (!instance) throw new Error("load_bareos_plugin() has not created the plugin yet");
  return instance;
}

/** The entry points of a director plugin: `export default defineDirPlugin(MyPlugin)`. */
export function defineDirPlugin(Plugin: DirPluginClass): Required<dir.DirEntryPoints> {
  return {
    load_bareos_plugin(plugindef) {
      instance = new Plugin(plugindef);
      return dir.bRC_OK;
    },
    parse_plugin_definition: (plugindef) => pluginInstance().parsePluginDefinition(plugindef),
    handle_plugin_event: (event, value) => pluginInstance().handlePluginEvent(event, value),
  };
}
