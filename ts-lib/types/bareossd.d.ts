/**
 * The `bareossd` module of quickjs-sd: Python bareossd's API for scripts run by
 * the Bareos storage daemon, without the context argument.
 */
declare module "bareossd" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, EntryResult } from "bareos-qjs:common";
  /** Its constants, and GetValue() typed by what each variable holds,
   * printed from the C tables (bareos-tables.d.ts). */
  export * from "bareos-qjs:sd-tables";
  import type {
    bsdEventType, bsdVariable, bsdwVariable, bsdwVarJobLevel, bsdwVarJobReport, bsdwVarPriority,
    bsdwVarVolumeName,
  } from "bareos-qjs:sd-tables";

  export type bsdVariableValue = (typeof bsdVariable)[keyof typeof bsdVariable];
  export type bsdwVariableValue = (typeof bsdwVariable)[keyof typeof bsdwVariable];
  export type bsdEventTypeValue = (typeof bsdEventType)[keyof typeof bsdEventType];

  /** Sets the volume name (or the ignored job report text). */
  export function SetValue(variable: typeof bsdwVarVolumeName | typeof bsdwVarJobReport, value: string): bRC;
  /** Sets the priority, or the level (a number or a level letter). */
  export function SetValue(variable: typeof bsdwVarPriority | typeof bsdwVarJobLevel, value: number | string): bRC;
  /** Registers events 1..24; bRC_Error if none was valid. */
  export function RegisterEvents(events: readonly bsdEventTypeValue[]): bRC;
  export function UnRegisterEvents(events: readonly bsdEventTypeValue[]): bRC;

  /** What handle_plugin_event() receives with an event: the string of JobStart
   * and NewPluginOptions, null for the others. */
  export type EventValue = string | null;
  /** The functions a storage daemon plugin exports. */
  export interface SdEntryPoints {
    load_bareos_plugin: (plugindef: string) => EntryResult;
    parse_plugin_definition: (plugindef: string) => EntryResult;
    handle_plugin_event?: (event: bsdEventTypeValue, value: EventValue) => EntryResult;
  }
}
