/**
 * The `bareosdir` module of quickjs-dir: Python bareosdir's API for scripts run by
 * the Bareos director, without the context argument.
 */
declare module "bareosdir" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, EntryResult } from "bareos-qjs:common";

  /** Variables for GetValue(). */
  export const bDirVarJob: 1;
  export const bDirVarLevel: 2;
  export const bDirVarType: 3;
  export const bDirVarJobId: 4;
  export const bDirVarClient: 5;
  export const bDirVarNumVols: 6;
  export const bDirVarPool: 7;
  export const bDirVarStorage: 8;
  export const bDirVarWriteStorage: 9;
  export const bDirVarReadStorage: 10;
  export const bDirVarCatalog: 11;
  export const bDirVarMediaType: 12;
  export const bDirVarJobName: 13;
  export const bDirVarJobStatus: 14;
  export const bDirVarPriority: 15;
  export const bDirVarVolumeName: 16;
  export const bDirVarCatalogRes: 17;
  export const bDirVarJobErrors: 18;
  export const bDirVarJobFiles: 19;
  export const bDirVarSDJobFiles: 20;
  export const bDirVarSDErrors: 21;
  export const bDirVarFDJobStatus: 22;
  export const bDirVarSDJobStatus: 23;
  export const bDirVarPluginDir: 24;
  export const bDirVarLastRate: 25;
  export const bDirVarJobBytes: 26;
  export const bDirVarReadBytes: 27;
  export const bDirVariable: {
    readonly bDirVarJob: 1;
    readonly bDirVarLevel: 2;
    readonly bDirVarType: 3;
    readonly bDirVarJobId: 4;
    readonly bDirVarClient: 5;
    readonly bDirVarNumVols: 6;
    readonly bDirVarPool: 7;
    readonly bDirVarStorage: 8;
    readonly bDirVarWriteStorage: 9;
    readonly bDirVarReadStorage: 10;
    readonly bDirVarCatalog: 11;
    readonly bDirVarMediaType: 12;
    readonly bDirVarJobName: 13;
    readonly bDirVarJobStatus: 14;
    readonly bDirVarPriority: 15;
    readonly bDirVarVolumeName: 16;
    readonly bDirVarCatalogRes: 17;
    readonly bDirVarJobErrors: 18;
    readonly bDirVarJobFiles: 19;
    readonly bDirVarSDJobFiles: 20;
    readonly bDirVarSDErrors: 21;
    readonly bDirVarFDJobStatus: 22;
    readonly bDirVarSDJobStatus: 23;
    readonly bDirVarPluginDir: 24;
    readonly bDirVarLastRate: 25;
    readonly bDirVarJobBytes: 26;
    readonly bDirVarReadBytes: 27;
  };
  export type bDirVariableValue = (typeof bDirVariable)[keyof typeof bDirVariable];

  /** Variables for SetValue(). */
  export const bwDirVarJobReport: 1;
  export const bwDirVarVolumeName: 2;
  export const bwDirVarPriority: 3;
  export const bwDirVarJobLevel: 4;
  export const bwDirVariable: {
    readonly bwDirVarJobReport: 1;
    readonly bwDirVarVolumeName: 2;
    readonly bwDirVarPriority: 3;
    readonly bwDirVarJobLevel: 4;
  };
  export type bwDirVariableValue = (typeof bwDirVariable)[keyof typeof bwDirVariable];

  /** Events for RegisterEvents() and handle_plugin_event(). */
  export const bDirEventJobStart: 1;
  export const bDirEventJobEnd: 2;
  export const bDirEventJobInit: 3;
  export const bDirEventJobRun: 4;
  export const bDirEventVolumePurged: 5;
  export const bDirEventNewVolume: 6;
  export const bDirEventNeedVolume: 7;
  export const bDirEventVolumeFull: 8;
  export const bDirEventRecyle: 9;
  export const bDirEventGetScratch: 10;
  export const bDirEventNewPluginOptions: 11;
  export const bDirEventType: {
    readonly bDirEventJobStart: 1;
    readonly bDirEventJobEnd: 2;
    readonly bDirEventJobInit: 3;
    readonly bDirEventJobRun: 4;
    readonly bDirEventVolumePurged: 5;
    readonly bDirEventNewVolume: 6;
    readonly bDirEventNeedVolume: 7;
    readonly bDirEventVolumeFull: 8;
    readonly bDirEventRecyle: 9;
    readonly bDirEventGetScratch: 10;
    readonly bDirEventNewPluginOptions: 11;
  };
  export type bDirEventTypeValue = (typeof bDirEventType)[keyof typeof bDirEventType];

  /** Variables GetValue() returns as numbers (level, type and statuses are char codes). */
  export type IntVariable =
    | typeof bDirVarLevel | typeof bDirVarType | typeof bDirVarJobId | typeof bDirVarNumVols
    | typeof bDirVarJobStatus | typeof bDirVarPriority | typeof bDirVarJobErrors
    | typeof bDirVarJobFiles | typeof bDirVarSDJobFiles | typeof bDirVarSDErrors
    | typeof bDirVarFDJobStatus | typeof bDirVarSDJobStatus | typeof bDirVarLastRate
    | typeof bDirVarJobBytes | typeof bDirVarReadBytes;
  /** Variables GetValue() returns as strings. */
  export type StringVariable =
    | typeof bDirVarJob | typeof bDirVarClient | typeof bDirVarPool | typeof bDirVarStorage
    | typeof bDirVarWriteStorage | typeof bDirVarReadStorage | typeof bDirVarCatalog
    | typeof bDirVarMediaType | typeof bDirVarJobName | typeof bDirVarVolumeName
    | typeof bDirVarPluginDir;

  /** Reads a daemon variable; null when the daemon has no value. */
  export function GetValue(variable: IntVariable): number | null;
  export function GetValue(variable: StringVariable): string | null;
  export function GetValue(variable: typeof bDirVarCatalogRes): null;
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
