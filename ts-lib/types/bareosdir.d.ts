/**
 * The `bareosdir` module of quickjs-dir: Python bareosdir's API for scripts run by
 * the Bareos director, without the context argument.
 */
declare module "bareosdir" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, EntryResult } from "bareos-qjs:common";

  /** Its constants, and GetValue() typed by what each variable holds,
   * printed from the C tables (bareos-tables.d.ts). */
  export * from "bareos-qjs:dir-tables";
  import type {
    bDirEventType, bDirVariable, bwDirVariable, bwDirVarJobLevel, bwDirVarJobReport,
    bwDirVarPriority, bwDirVarVolumeName,
  } from "bareos-qjs:dir-tables";

  export type bDirVariableValue = (typeof bDirVariable)[keyof typeof bDirVariable];
  export type bwDirVariableValue = (typeof bwDirVariable)[keyof typeof bwDirVariable];
  export type bDirEventTypeValue = (typeof bDirEventType)[keyof typeof bDirEventType];

  /** Sets the volume name (or the ignored job report text). */
  export function SetValue(variable: typeof bwDirVarVolumeName | typeof bwDirVarJobReport, value: string): bRC;
  /** Sets the priority, or the level (a number or a level letter). */
  export function SetValue(variable: typeof bwDirVarPriority | typeof bwDirVarJobLevel, value: number | string): bRC;
  /** Registers events 1..11; bRC_Error if none was valid. */
  export function RegisterEvents(events: readonly bDirEventTypeValue[]): bRC;
  export function UnRegisterEvents(events: readonly bDirEventTypeValue[]): bRC;

  /** What handle_plugin_event() receives with an event: the string of
   * NewPluginOptions, null for the others. */
  export type EventValue = string | null;
  /** The functions a director plugin exports. */
  export interface DirEntryPoints {
    load_bareos_plugin: (plugindef: string) => EntryResult;
    parse_plugin_definition: (plugindef: string) => EntryResult;
    handle_plugin_event?: (event: bDirEventTypeValue, value: EventValue) => EntryResult;
  }
}
