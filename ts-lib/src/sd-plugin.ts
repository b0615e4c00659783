// The base of storage daemon plugins, the counterpart of Python's
// BareosSdPluginBaseclass: registers JobStart and JobEnd, parses options,
// keeps the job's figures and maps events to camelCase hooks.
import * as sd from "bareossd";
import { replacingDefinition } from "./daemon-config.js";
import { bindEntryPoints, currentInstance } from "./entry-points.js";
import { BareosPlugin, type Daemon } from "./plugin-base.js";

const now = () => Date.now() / 1000;

/** See BareosPlugin for `Mandatory`. */
export abstract class BareosSdPlugin<Mandatory extends string = never>
  extends BareosPlugin<Mandatory, BareosSdPlugin, sd.bsdEventTypeValue, sd.EventValue> {
  static readonly #daemon: Daemon<BareosSdPlugin, sd.bsdEventTypeValue, sd.EventValue> = {
    ok: sd.bRC_OK,
    error: sd.bRC_Error,
    warning: (text) => sd.JobMessage(sd.M_WARNING, text),
    fatal: (text) => sd.JobMessage(sd.M_FATAL, text),
    definition: replacingDefinition,
    events: {
      [sd.bsdEventJobStart]: (p) => {
        p.jobStartTime = now();
        return p.jobStart();
      },
      [sd.bsdEventJobEnd]: (p) => {
        p.jobEndTime = now();
        p.jobBytes = sd.GetValue(sd.bsdVarJobBytes) ?? 0;
        p.jobFiles = sd.GetValue(sd.bsdVarJobFiles) ?? 0;
        p.jobRunningTime = p.jobStartTime ? p.jobEndTime - p.jobStartTime : 0;
        p.throughput = p.jobRunningTime > 0 ? p.jobBytes / p.jobRunningTime : 0;
        return p.jobEnd();
      },
    },
    other: (p, event, value) => p.event(event, value),
  };

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
    super(BareosSdPlugin.#daemon);
    this.jobName = sd.GetValue(sd.bsdVarJobName) ?? "";
    this.jobId = sd.GetValue(sd.bsdVarJobId) ?? 0;
    const level = sd.GetValue(sd.bsdVarLevel);
    this.level = level ? String.fromCharCode(level) : "";
    sd.RegisterEvents([sd.bsdEventJobStart, sd.bsdEventJobEnd]);
  }

  jobStart(): sd.EntryResult { return sd.bRC_OK; }
  jobEnd(): sd.EntryResult { return sd.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: sd.bsdEventTypeValue, _value: sd.EventValue): sd.EntryResult { return sd.bRC_OK; }
}

export type SdPluginClass = new (plugindef: string) => BareosSdPlugin;

/** The job's plugin instance, for other modules of the plugin (Python's bareos_sd_plugin_object). */
export function pluginInstance(): BareosSdPlugin {
  return currentInstance(BareosSdPlugin);
}

/** The entry points of a storage daemon plugin: `export default defineSdPlugin(MyPlugin)`. */
export function defineSdPlugin(Plugin: SdPluginClass): Required<sd.SdEntryPoints> {
  return bindEntryPoints<BareosSdPlugin, sd.SdEntryPoints>((plugindef) => new Plugin(plugindef), {
    parse_plugin_definition: "parsePluginDefinition",
    handle_plugin_event: "handlePluginEvent",
  }, sd.bRC_OK);
}
