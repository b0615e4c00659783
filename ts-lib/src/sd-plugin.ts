// The base of storage daemon plugins, the counterpart of Python's
// BareosSdPluginBaseclass: registers JobStart and JobEnd, parses options,
// keeps the job's figures and maps events to camelCase hooks.
import * as sd from "bareossd";
import { daemonConfigDir } from "./daemon-config.js";
import { applyDefinition } from "./definition.js";
import { mandatoryList, type MandatoryOptions, type Options } from "./options.js";

const now = () => Date.now() / 1000;

/**
 * `Mandatory` names the options the plugin requires, the same names as its
 * `mandatoryOptions` list (`as const`): hooks after an accepted definition
 * see them as strings.
 */
export abstract class BareosSdPlugin<Mandatory extends string = never> {
  /** Options of the latest definition (each replaces the last, as in Python).
   * The daemon sends events only once the module has its first definition;
   * after a refused one, jobEnd() may still run without the mandatory ones. */
  readonly options: Options<Mandatory> = {} as Options<Mandatory>;
  /** Options that must be given; a missing one fails the job. */
  protected readonly mandatoryOptions: MandatoryOptions<Mandatory> = mandatoryList([]);
  readonly jobName: string;
  readonly jobId: number;
  /** The job level letter, e.g. "F". */
  readonly level: string;
  // The job's figures as Python's base class keeps them, set before the
  // jobStart()/jobEnd() hooks run. Times are seconds since the epoch.
  jobStartTime = 0;
  jobEndTime = 0;
  jobBytes = 0;
  jobFiles = 0;
  /** Seconds from JobStart to JobEnd. */
  jobRunningTime = 0;
  /** Bytes per second over jobRunningTime. */
  throughput = 0;

  constructor(_plugindef: string) {
    this.jobName = sd.GetValue(sd.bsdVarJobName) ?? "";
    this.jobId = sd.GetValue(sd.bsdVarJobId) ?? 0;
    const level = sd.GetValue(sd.bsdVarLevel);
    this.level = level ? String.fromCharCode(level) : "";
    sd.RegisterEvents([sd.bsdEventJobStart, sd.bsdEventJobEnd]);
  }

  /** Parses and checks a definition; an override may be async. */
  parsePluginDefinition(plugindef: string): sd.EntryResult {
    for (const key of Object.keys(this.options)) delete this.options[key];
    const rules = { mandatory: this.mandatoryOptions, configDir: daemonConfigDir(), lastWins: true };
    const ok = applyDefinition(this.options, plugindef, rules, {
      warning: (text) => sd.JobMessage(sd.M_WARNING, text),
      fatal: (text) => sd.JobMessage(sd.M_FATAL, text),
    });
    return ok ? this.checkOptions() : sd.bRC_Error;
  }

  /** Override to validate options beyond the mandatory ones; may be async. */
  checkOptions(): sd.EntryResult {
    return sd.bRC_OK;
  }

  handlePluginEvent(event: sd.bsdEventTypeValue, value: sd.EventValue): sd.EntryResult {
    switch (event) {
      case sd.bsdEventJobStart:
        this.jobStartTime = now();
        return this.jobStart();
      case sd.bsdEventJobEnd:
        this.jobEndTime = now();
        this.jobBytes = sd.GetValue(sd.bsdVarJobBytes) ?? 0;
        this.jobFiles = sd.GetValue(sd.bsdVarJobFiles) ?? 0;
        this.jobRunningTime = this.jobStartTime ? this.jobEndTime - this.jobStartTime : 0;
        this.throughput = this.jobRunningTime > 0 ? this.jobBytes / this.jobRunningTime : 0;
        return this.jobEnd();
      default:
        return this.event(event, value);
    }
  }

  jobStart(): sd.EntryResult { return sd.bRC_OK; }
  jobEnd(): sd.EntryResult { return sd.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: sd.bsdEventTypeValue, _value: sd.EventValue): sd.EntryResult { return sd.bRC_OK; }
}

export type SdPluginClass = new (plugindef: string) => BareosSdPlugin;

// Each job has its own runtime, so one instance per module is one per job.
let instance: BareosSdPlugin | undefined;

/** The job's plugin instance, for other modules of the plugin (Python's bareos_sd_plugin_object). */
export function pluginInstance(): BareosSdPlugin {
  if (!instance) throw new Error("load_bareos_plugin() has not created the plugin yet");
  return instance;
}

/** The entry points of a storage daemon plugin: `export default defineSdPlugin(MyPlugin)`. */
export function defineSdPlugin(Plugin: SdPluginClass): Required<sd.SdEntryPoints> {
  return {
    load_bareos_plugin(plugindef) {
      instance = new Plugin(plugindef);
      return sd.bRC_OK;
    },
    parse_plugin_definition: (plugindef) => pluginInstance().parsePluginDefinition(plugindef),
    handle_plugin_event: (event, value) => pluginInstance().handlePluginEvent(event, value),
  };
}
