// The base of director plugins, the counterpart of Python's
// BareosDirPluginBaseclass: registers JobStart, JobInit, JobRun and JobEnd,
// parses options, maps events to camelCase hooks and knows the job.
import * as dir from "bareosdir";
import { applyDefinition } from "./definition.js";
import type { Options } from "./options.js";

const char = (code: number | null) => (code ? String.fromCharCode(code) : "");

export abstract class BareosDirPlugin {
  readonly options: Options = {};
  protected readonly mandatoryOptions: readonly string[] = [];
  readonly jobName: string;
  readonly jobId: number;
  /** When the plugin was created (milliseconds), for durations. */
  readonly startedAt = Date.now();

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

  parsePluginDefinition(plugindef: string): dir.bRC {
    const ok = applyDefinition(this.options, plugindef, this.mandatoryOptions, "/etc/bareos", {
      warning: (text) => dir.JobMessage(dir.M_WARNING, text),
      fatal: (text) => dir.JobMessage(dir.M_FATAL, text),
    });
    return ok ? this.checkOptions() : dir.bRC_Error;
  }

  checkOptions(): dir.bRC {
    return dir.bRC_OK;
  }

  handlePluginEvent(event: dir.bDirEventTypeValue, value: dir.EventValue): dir.EntryResult {
    switch (event) {
      case dir.bDirEventJobStart: return this.jobStart();
      case dir.bDirEventJobInit: return this.jobInit();
      case dir.bDirEventJobRun: return this.jobRun();
      case dir.bDirEventJobEnd: return this.jobEnd();
      default: return this.event(event, value);
    }
  }

  jobStart(): dir.EntryResult { return dir.bRC_OK; }
  jobInit(): dir.EntryResult { return dir.bRC_OK; }
  jobRun(): dir.EntryResult { return dir.bRC_OK; }
  jobEnd(): dir.EntryResult { return dir.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: dir.bDirEventTypeValue, _value: dir.EventValue): dir.EntryResult { return dir.bRC_OK; }
}

export type DirPluginClass = new (plugindef: string) => BareosDirPlugin;

/** The entry points of a director plugin: `export default defineDirPlugin(MyPlugin)`. */
export function defineDirPlugin(Plugin: DirPluginClass): Required<dir.DirEntryPoints> {
  let instance: BareosDirPlugin | undefined;
  const plugin = (): BareosDirPlugin => {
    if (!instance) throw new Error("load_bareos_plugin() has not created the plugin yet");
    return instance;
  };
  return {
    load_bareos_plugin(plugindef) {
      instance = new Plugin(plugindef);
      return dir.bRC_OK;
    },
    parse_plugin_definition: (plugindef) => plugin().parsePluginDefinition(plugindef),
    handle_plugin_event: (event, value) => plugin().handlePluginEvent(event, value),
  };
}
