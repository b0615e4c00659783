/**
 * The `bareossd` module of quickjs-sd: Python bareossd's API for scripts run by
 * the Bareos storage daemon, without the context argument.
 */
declare module "bareossd" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, EntryResult } from "bareos-qjs:common";

  /** Variables for GetValue(). */
  export const bsdVarJob: 1;
  export const bsdVarLevel: 2;
  export const bsdVarType: 3;
  export const bsdVarJobId: 4;
  export const bsdVarClient: 5;
  export const bsdVarPool: 6;
  export const bsdVarPoolType: 7;
  export const bsdVarStorage: 8;
  export const bsdVarMediaType: 9;
  export const bsdVarJobName: 10;
  export const bsdVarJobStatus: 11;
  export const bsdVarVolumeName: 12;
  export const bsdVarJobErrors: 13;
  export const bsdVarJobFiles: 14;
  export const bsdVarJobBytes: 15;
  export const bsdVarPluginDir: 16;
  export const bsdVariable: {
    readonly bsdVarJob: 1;
    readonly bsdVarLevel: 2;
    readonly bsdVarType: 3;
    readonly bsdVarJobId: 4;
    readonly bsdVarClient: 5;
    readonly bsdVarPool: 6;
    readonly bsdVarPoolType: 7;
    readonly bsdVarStorage: 8;
    readonly bsdVarMediaType: 9;
    readonly bsdVarJobName: 10;
    readonly bsdVarJobStatus: 11;
    readonly bsdVarVolumeName: 12;
    readonly bsdVarJobErrors: 13;
    readonly bsdVarJobFiles: 14;
    readonly bsdVarJobBytes: 15;
    readonly bsdVarPluginDir: 16;
  };
  export type bsdVariableValue = (typeof bsdVariable)[keyof typeof bsdVariable];

  /** Variables for SetValue(). */
  export const bsdwVarJobReport: 1;
  export const bsdwVarVolumeName: 2;
  export const bsdwVarPriority: 3;
  export const bsdwVarJobLevel: 4;
  export const bsdwVariable: {
    readonly bsdwVarJobReport: 1;
    readonly bsdwVarVolumeName: 2;
    readonly bsdwVarPriority: 3;
    readonly bsdwVarJobLevel: 4;
  };
  export type bsdwVariableValue = (typeof bsdwVariable)[keyof typeof bsdwVariable];

  /** Events for RegisterEvents() and handle_plugin_event(). */
  export const bsdEventJobStart: 1;
  export const bsdEventJobEnd: 2;
  export const bsdEventDeviceInit: 3;
  export const bsdEventDeviceMount: 4;
  export const bsdEventVolumeLoad: 5;
  export const bsdEventDeviceReserve: 6;
  export const bsdEventDeviceOpen: 7;
  export const bsdEventLabelRead: 8;
  export const bsdEventLabelVerified: 9;
  export const bsdEventLabelWrite: 10;
  export const bsdEventDeviceClose: 11;
  export const bsdEventVolumeUnload: 12;
  export const bsdEventDeviceUnmount: 13;
  export const bsdEventReadError: 14;
  export const bsdEventWriteError: 15;
  export const bsdEventDriveStatus: 16;
  export const bsdEventVolumeStatus: 17;
  export const bsdEventSetupRecordTranslation: 18;
  export const bsdEventReadRecordTranslation: 19;
  export const bsdEventWriteRecordTranslation: 20;
  export const bsdEventDeviceRelease: 21;
  export const bsdEventNewPluginOptions: 22;
  export const bsdEventChangerLock: 23;
  export const bsdEventChangerUnlock: 24;
  export const bsdEventType: {
    readonly bsdEventJobStart: 1;
    readonly bsdEventJobEnd: 2;
    readonly bsdEventDeviceInit: 3;
    readonly bsdEventDeviceMount: 4;
    readonly bsdEventVolumeLoad: 5;
    readonly bsdEventDeviceReserve: 6;
    readonly bsdEventDeviceOpen: 7;
    readonly bsdEventLabelRead: 8;
    readonly bsdEventLabelVerified: 9;
    readonly bsdEventLabelWrite: 10;
    readonly bsdEventDeviceClose: 11;
    readonly bsdEventVolumeUnload: 12;
    readonly bsdEventDeviceUnmount: 13;
    readonly bsdEventReadError: 14;
    readonly bsdEventWriteError: 15;
    readonly bsdEventDriveStatus: 16;
    readonly bsdEventVolumeStatus: 17;
    readonly bsdEventSetupRecordTranslation: 18;
    readonly bsdEventReadRecordTranslation: 19;
    readonly bsdEventWriteRecordTranslation: 20;
    readonly bsdEventDeviceRelease: 21;
    readonly bsdEventNewPluginOptions: 22;
    readonly bsdEventChangerLock: 23;
    readonly bsdEventChangerUnlock: 24;
  };
  export type bsdEventTypeValue = (typeof bsdEventType)[keyof typeof bsdEventType];

  /** Variables GetValue() returns as numbers (level, type and status are char codes). */
  export type IntVariable =
    | typeof bsdVarLevel | typeof bsdVarType | typeof bsdVarJobId | typeof bsdVarJobStatus
    | typeof bsdVarJobErrors | typeof bsdVarJobFiles | typeof bsdVarJobBytes;
  /** Variables GetValue() returns as strings. */
  export type StringVariable =
    | typeof bsdVarJob | typeof bsdVarClient | typeof bsdVarPool | typeof bsdVarPoolType
    | typeof bsdVarStorage | typeof bsdVarMediaType | typeof bsdVarJobName
    | typeof bsdVarVolumeName | typeof bsdVarPluginDir;

  /** Reads a daemon variable; null when the daemon has none (e.g. no device yet). */
  export function GetValue(variable: IntVariable): number | null;
  export function GetValue(variable: StringVariable): string | null;
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
