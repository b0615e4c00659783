// The base of storage daemon plugins, the counterpart of Python's
// BareosSdPluginBaseclass: registers JobStart and JobEnd, parses options and
// maps events to camelCase hooks.
import * as sd from "bareossd";
import { applyDefinition } from "./definition.js";
import type { Options } from "./options.js";

export abstract class BareosSdPlugin {
  readonly options: Options = {};
  protected readonly mandatoryOptions: readonly string[] = [];
  readonly jobName: string;
  readonly jobId: number;
  /** The job level letter, e.g. "F". */
  readonly level: string;

  constructor(_plugindef: string) {
    this.jobName = sd.GetValue(sd.bsdVarJobName) ?? "";
    this.jobId = sd.GetValue(sd.bsdVarJobId) ?? 0;
    const level = sd.GetValue(sd.bsdVarLevel);
    this.level = level ? String.fromCharCode(level) : "";
    sd.RegisterEvents([sd.bsdEventJobStart, sd.bsdEventJobEnd]);
  }

  parsePluginDefinition(plugindef: string): sd.bRC {
    const ok = applyDefinition(this.options, plugindef, this.mandatoryOptions, "/etc/bareos", {
      warning: (text) => sd.JobMessage(sd.M_WARNING, text),
      fatal: (text) => sd.JobMessage(sd.M_FATAL, text),
    });
    return ok ? this.checkOptions() : sd.bRC_Error;
  }

  checkOptions(): sd.bRC {
    return sd.bRC_OK;
  }

  handlePluginEvent(event: sd.bsdEventTypeValue, value: sd.EventValue): sd.EntryResult {
    switch (event) {
      case sd.bsdEventJobStart: return this.jobStart();
      case sd.bsdEventJobEnd: return this.jobEnd();
      default: return this.event(event, value);
    }
  }

  jobStart(): sd.EntryResult { return sd.bRC_OK; }
  jobEnd(): sd.EntryResult { return sd.bRC_OK; }
  /** Every other event the plugin registered. */
  event(_event: sd.bsdEventTypeValue, _value: sd.EventValue): sd.EntryResult { return sd.bRC_OK; }
}

export type SdPluginClass = new (plugindef: string) => BareosSdPlugin;

/** The entry points of a storage daemon plugin: `export default defineSdPlugin(MyPlugin)`. */
export function defineSdPlugin(Plugin: SdPluginClass): Required<sd.SdEntryPoints> {
  let instance: BareosSdPlugin | undefined;
  const plugin = (): BareosSdPlugin => {
    if (!instance) throw new Error("load_bareos_plugin() has not created the plugin yet");
    return instance;
  };
  return {
    load_bareos_plugin(plugindef) {
      instance = new Plugin(plugindef);
      return sd.bRC_OK;
    },
    parse_plugin_definition: (plugindef) => plugin().parsePluginDefinition(plugindef),
    handle_plugin_event: (event, value) => plugin().handlePluginEvent(event, value),
  };
}
