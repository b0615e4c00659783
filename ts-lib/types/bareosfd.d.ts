/**
 * The `bareosfd` module of quickjs-fd: Python bareosfd's API for scripts run by
 * the Bareos file daemon, without the context argument.
 */
declare module "bareosfd" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, bRC_Error, bRC_OK, bRC_Seen, bRC_Skip, EntryResult } from "bareos-qjs:common";

  /** Daemon variables for GetValue() / SetValue(). */
  export const bVarJobId: 1;
  export const bVarFDName: 2;
  export const bVarLevel: 3;
  export const bVarType: 4;
  export const bVarClient: 5;
  export const bVarJobName: 6;
  export const bVarJobStatus: 7;
  export const bVarSinceTime: 8;
  export const bVarAccurate: 9;
  export const bVarFileSeen: 10;
  export const bVarVssClient: 11;
  export const bVarWorkingDir: 12;
  export const bVarWhere: 13;
  export const bVarRegexWhere: 14;
  export const bVarExePath: 15;
  export const bVarVersion: 16;
  export const bVarDistName: 17;
  export const bVarPrevJobName: 18;
  export const bVarPrefixLinks: 19;
  export const bVarCheckChanges: 20;
  export const bVarUsedConfig: 21;
  export const bVarPluginPath: 22;
  export const bVariable: {
    readonly bVarJobId: 1;
    readonly bVarFDName: 2;
    readonly bVarLevel: 3;
    readonly bVarType: 4;
    readonly bVarClient: 5;
    readonly bVarJobName: 6;
    readonly bVarJobStatus: 7;
    readonly bVarSinceTime: 8;
    readonly bVarAccurate: 9;
    readonly bVarFileSeen: 10;
    readonly bVarVssClient: 11;
    readonly bVarWorkingDir: 12;
    readonly bVarWhere: 13;
    readonly bVarRegexWhere: 14;
    readonly bVarExePath: 15;
    readonly bVarVersion: 16;
    readonly bVarDistName: 17;
    readonly bVarPrevJobName: 18;
    readonly bVarPrefixLinks: 19;
    readonly bVarCheckChanges: 20;
    readonly bVarUsedConfig: 21;
    readonly bVarPluginPath: 22;
  };
  export type bVariableValue = (typeof bVariable)[keyof typeof bVariable];

  /** File types of SavePacket.type and RestorePacket.type. */
  export const FT_LNKSAVED: 1;
  export const FT_REGE: 2;
  export const FT_REG: 3;
  export const FT_LNK: 4;
  export const FT_DIREND: 5;
  export const FT_SPEC: 6;
  export const FT_NOACCESS: 7;
  export const FT_NOFOLLOW: 8;
  export const FT_NOSTAT: 9;
  export const FT_NOCHG: 10;
  export const FT_DIRNOCHG: 11;
  export const FT_ISARCH: 12;
  export const FT_NORECURSE: 13;
  export const FT_NOFSCHG: 14;
  export const FT_NOOPEN: 15;
  export const FT_RAW: 16;
  export const FT_FIFO: 17;
  export const FT_DIRBEGIN: 18;
  export const FT_INVALIDFS: 19;
  export const FT_INVALIDDT: 20;
  export const FT_REPARSE: 21;
  export const FT_PLUGIN: 22;
  export const FT_DELETED: 23;
  export const FT_BASE: 24;
  export const FT_RESTORE_FIRST: 25;
  export const FT_JUNCTION: 26;
  export const FT_PLUGIN_CONFIG: 27;
  export const FT_PLUGIN_CONFIG_FILLED: 28;
  export const bFileType: {
    readonly FT_LNKSAVED: 1;
    readonly FT_REGE: 2;
    readonly FT_REG: 3;
    readonly FT_LNK: 4;
    readonly FT_DIREND: 5;
    readonly FT_SPEC: 6;
    readonly FT_NOACCESS: 7;
    readonly FT_NOFOLLOW: 8;
    readonly FT_NOSTAT: 9;
    readonly FT_NOCHG: 10;
    readonly FT_DIRNOCHG: 11;
    readonly FT_ISARCH: 12;
    readonly FT_NORECURSE: 13;
    readonly FT_NOFSCHG: 14;
    readonly FT_NOOPEN: 15;
    readonly FT_RAW: 16;
    readonly FT_FIFO: 17;
    readonly FT_DIRBEGIN: 18;
    readonly FT_INVALIDFS: 19;
    readonly FT_INVALIDDT: 20;
    readonly FT_REPARSE: 21;
    readonly FT_PLUGIN: 22;
    readonly FT_DELETED: 23;
    readonly FT_BASE: 24;
    readonly FT_RESTORE_FIRST: 25;
    readonly FT_JUNCTION: 26;
    readonly FT_PLUGIN_CONFIG: 27;
    readonly FT_PLUGIN_CONFIG_FILLED: 28;
  };
  export type bFileTypeValue = (typeof bFileType)[keyof typeof bFileType];

  /** What create_file() tells the core to do (RestorePacket.create_status). */
  export const CF_SKIP: 1;
  export const CF_ERROR: 2;
  export const CF_EXTRACT: 3;
  export const CF_CREATED: 4;
  export const CF_CORE: 5;
  export const bCFs: {
    readonly CF_SKIP: 1;
    readonly CF_ERROR: 2;
    readonly CF_EXTRACT: 3;
    readonly CF_CREATED: 4;
    readonly CF_CORE: 5;
  };
  export type bCF = (typeof bCFs)[keyof typeof bCFs];

  /** Events for RegisterEvents() and handle_plugin_event(). */
  export const bEventJobStart: 1;
  export const bEventJobEnd: 2;
  export const bEventStartBackupJob: 3;
  export const bEventEndBackupJob: 4;
  export const bEventStartRestoreJob: 5;
  export const bEventEndRestoreJob: 6;
  export const bEventStartVerifyJob: 7;
  export const bEventEndVerifyJob: 8;
  export const bEventBackupCommand: 9;
  export const bEventRestoreCommand: 10;
  export const bEventEstimateCommand: 11;
  export const bEventLevel: 12;
  export const bEventSince: 13;
  export const bEventCancelCommand: 14;
  export const bEventRestoreObject: 15;
  export const bEventEndFileSet: 16;
  export const bEventPluginCommand: 17;
  export const bEventOptionPlugin: 18;
  export const bEventHandleBackupFile: 19;
  export const bEventNewPluginOptions: 20;
  export const bEventVssInitializeForBackup: 21;
  export const bEventVssInitializeForRestore: 22;
  export const bEventVssSetBackupState: 23;
  export const bEventVssPrepareForBackup: 24;
  export const bEventVssBackupAddComponents: 25;
  export const bEventVssPrepareSnapshot: 26;
  export const bEventVssCreateSnapshots: 27;
  export const bEventVssRestoreLoadComponentMetadata: 28;
  export const bEventVssRestoreSetComponentsSelected: 29;
  export const bEventVssCloseRestore: 30;
  export const bEventVssBackupComplete: 31;
  export const bEventType: {
    readonly bEventJobStart: 1;
    readonly bEventJobEnd: 2;
    readonly bEventStartBackupJob: 3;
    readonly bEventEndBackupJob: 4;
    readonly bEventStartRestoreJob: 5;
    readonly bEventEndRestoreJob: 6;
    readonly bEventStartVerifyJob: 7;
    readonly bEventEndVerifyJob: 8;
    readonly bEventBackupCommand: 9;
    readonly bEventRestoreCommand: 10;
    readonly bEventEstimateCommand: 11;
    readonly bEventLevel: 12;
    readonly bEventSince: 13;
    readonly bEventCancelCommand: 14;
    readonly bEventRestoreObject: 15;
    readonly bEventEndFileSet: 16;
    readonly bEventPluginCommand: 17;
    readonly bEventOptionPlugin: 18;
    readonly bEventHandleBackupFile: 19;
    readonly bEventNewPluginOptions: 20;
    readonly bEventVssInitializeForBackup: 21;
    readonly bEventVssInitializeForRestore: 22;
    readonly bEventVssSetBackupState: 23;
    readonly bEventVssPrepareForBackup: 24;
    readonly bEventVssBackupAddComponents: 25;
    readonly bEventVssPrepareSnapshot: 26;
    readonly bEventVssCreateSnapshots: 27;
    readonly bEventVssRestoreLoadComponentMetadata: 28;
    readonly bEventVssRestoreSetComponentsSelected: 29;
    readonly bEventVssCloseRestore: 30;
    readonly bEventVssBackupComplete: 31;
  };
  export type bEventTypeValue = (typeof bEventType)[keyof typeof bEventType];

  /** IoPacket.func: which I/O operation plugin_io() performs. */
  export const IO_OPEN: 1;
  export const IO_READ: 2;
  export const IO_WRITE: 3;
  export const IO_CLOSE: 4;
  export const IO_SEEK: 5;
  export const bIOPS: {
    readonly IO_OPEN: 1;
    readonly IO_READ: 2;
    readonly IO_WRITE: 3;
    readonly IO_CLOSE: 4;
    readonly IO_SEEK: 5;
  };
  export type bIOP = (typeof bIOPS)[keyof typeof bIOPS];

  /** IoPacket.status on IO_OPEN: who does the I/O. */
  export const iostat_error: -1;
  export const iostat_do_in_plugin: 0;
  export const iostat_do_in_core: 1;
  export const bIOPstatus: {
    readonly iostat_error: -1;
    readonly iostat_do_in_plugin: 0;
    readonly iostat_do_in_core: 1;
  };
  export type bIOPstatusValue = (typeof bIOPstatus)[keyof typeof bIOPstatus];

  /** Job levels as one-letter strings. */
  export const L_FULL: "F";
  export const L_INCREMENTAL: "I";
  export const L_DIFFERENTIAL: "D";
  export const L_SINCE: "S";
  export const L_VERIFY_CATALOG: "C";
  export const L_VERIFY_INIT: "V";
  export const L_VERIFY_VOLUME_TO_CATALOG: "O";
  export const L_VERIFY_DISK_TO_CATALOG: "d";
  export const L_VERIFY_DATA: "A";
  export const L_BASE: "B";
  export const L_NONE: " ";
  export const L_VIRTUAL_FULL: "f";
  export const bLevels: {
    readonly L_FULL: "F";
    readonly L_INCREMENTAL: "I";
    readonly L_DIFFERENTIAL: "D";
    readonly L_SINCE: "S";
    readonly L_VERIFY_CATALOG: "C";
    readonly L_VERIFY_INIT: "V";
    readonly L_VERIFY_VOLUME_TO_CATALOG: "O";
    readonly L_VERIFY_DISK_TO_CATALOG: "d";
    readonly L_VERIFY_DATA: "A";
    readonly L_BASE: "B";
    readonly L_NONE: " ";
    readonly L_VIRTUAL_FULL: "f";
  };
  export type bLevel = (typeof bLevels)[keyof typeof bLevels];
  /** Variables GetValue() returns as numbers (level, type and status are char codes). */
  export type IntVariable =
    | typeof bVarJobId | typeof bVarLevel | typeof bVarType | typeof bVarJobStatus
    | typeof bVarSinceTime | typeof bVarAccurate | typeof bVarPrefixLinks;
  /** Variables GetValue() returns as strings. */
  export type StringVariable =
    | typeof bVarFDName | typeof bVarClient | typeof bVarJobName | typeof bVarWorkingDir
    | typeof bVarWhere | typeof bVarRegexWhere | typeof bVarExePath | typeof bVarVersion
    | typeof bVarPrevJobName | typeof bVarUsedConfig | typeof bVarPluginPath;
  /** Variables that have no value to read. */
  export type NoValueVariable =
    | typeof bVarFileSeen | typeof bVarVssClient | typeof bVarDistName;

  /** Reads a daemon variable; null when the daemon has no value for it. */
  export function GetValue(variable: IntVariable): number | null;
  export function GetValue(variable: StringVariable): string | null;
  export function GetValue(variable: typeof bVarCheckChanges): boolean | null;
  export function GetValue(variable: NoValueVariable): null;

  /** Sets the plugin-local since time (used by the automatic checkChanges). */
  export function SetValue(variable: typeof bVarSinceTime, value: number): bRC;
  /** Turns the accurate comparison of this job on or off. */
  export function SetValue(variable: typeof bVarCheckChanges, value: boolean): bRC;
  /** Marks a file of the accurate list as seen. */
  export function SetValue(variable: typeof bVarFileSeen, value: string): bRC;

  /** Registers events 1..31; bRC_Error if none was valid. */
  export function RegisterEvents(events: readonly bEventTypeValue[]): bRC;
  export function UnRegisterEvents(events: readonly bEventTypeValue[]): bRC;

  /** FileSet changes, valid only while the FileSet is processed (bEventPluginCommand). */
  export function AddExclude(file: string): bRC;
  export function AddInclude(file: string): bRC;
  export function AddOptions(options: string): bRC;
  export function AddRegex(item: string, type: number): bRC;
  export function AddWild(item: string, type: number): bRC;
  export function NewOptions(): bRC;
  export function NewInclude(): bRC;
  export function NewPreInclude(): bRC;

  /** bRC_OK if the file changed since the last backup, bRC_Seen if not;
   * updates delta_seq and accurate_found. */
  export function CheckChanges(packet: SavePacket): typeof bRC_OK | typeof bRC_Seen | typeof bRC_Error;
  /** bRC_OK if the FileSet's options accept the file, bRC_Skip if not. */
  export function AcceptFile(packet: SavePacket): typeof bRC_OK | typeof bRC_Skip | typeof bRC_Error;
  export function SetSeenBitmap(all: true): bRC;
  export function SetSeenBitmap(all: false, fname: string): bRC;
  export function ClearSeenBitmap(all: true): bRC;
  export function ClearSeenBitmap(all: false, fname: string): bRC;

  /** File attributes, like os.stat_result; times in seconds. */
  export class StatPacket {
    constructor(init?: StatPacketInit);
    st_dev: number;
    st_ino: number;
    st_mode: number;
    st_nlink: number;
    st_uid: number;
    st_gid: number;
    st_rdev: number;
    st_size: number;
    st_atime: number;
    st_mtime: number;
    st_ctime: number;
    st_blksize: number;
    st_blocks: number;
  }
  /** StatPacket members, with or without the st_ prefix. */
  export type StatPacketInit = {
    [K in keyof StatPacket as K | (K extends `st_${infer R}` ? R : never)]?: number;
  };

  /** One file (or restore object) to back up, filled in by start_backup_file(). */
  export class SavePacket {
    constructor(init?: Partial<SavePacket>);
    fname: string;
    /** Symlink target; for FT_DIREND the directory name with a trailing "/". */
    link: string;
    statp: StatPacket | null;
    type: bFileTypeValue | 0;
    /** FileSet option bits (5 bytes). */
    flags: Uint8Array;
    /** The core reads no data for this file. */
    no_read: boolean;
    portable: boolean;
    accurate_found: boolean;
    /** The plugin string of the FileSet line (read-only). */
    readonly cmd: string;
    save_time: number;
    delta_seq: number;
    object_name: string | null;
    object: Uint8Array | null;
    object_len: number;
    object_index: number;
  }

  /** One file being restored. */
  export class RestorePacket {
    constructor(init?: Partial<RestorePacket>);
    readonly stream: number;
    readonly data_stream: number;
    readonly type: bFileTypeValue;
    readonly file_index: number;
    readonly linkFI: number;
    readonly uid: number;
    readonly statp: StatPacket;
    readonly attrEX: string | null;
    /** Output file name, with where/regexwhere applied. */
    readonly ofname: string;
    /** Output link target. */
    readonly olname: string | null;
    readonly where: string | null;
    readonly regexwhere: string | null;
    readonly replace: number;
    /** What the core does next; preset to CF_ERROR. */
    create_status: bCF;
    delta_seq: number;
    /** A descriptor the core may use for the file. */
    filedes: number;
  }

  /** What every I/O operation's packet has; `func` tells which operation it is. */
  interface IoPacketCommon {
    readonly count: number;
    /** open(2) flags for IO_OPEN. */
    readonly flags: number;
    readonly mode: number;
    readonly fname: string | null;
    /** Bytes read/written, 0 at EOF, -1 on error; on IO_OPEN, who does the I/O. */
    status: number;
    io_errno: number;
    lerror: number;
    readonly whence: number;
    offset: number;
    win32: boolean;
    /** On IO_OPEN with direct I/O: the descriptor the daemon reads or writes. */
    filedes: number;
    /** On IO_OPEN: let the daemon do the I/O on filedes. */
    do_io_in_core: boolean;
  }
  export interface IoOpenPacket extends IoPacketCommon {
    readonly func: typeof IO_OPEN;
    readonly buf: null;
  }
  export interface IoReadPacket extends IoPacketCommon {
    readonly func: typeof IO_READ;
    /** A view of the daemon's buffer (count bytes) to read into; valid during the call only. */
    get buf(): Uint8Array;
    /** Or new data, copied into the daemon's buffer: at most count bytes, status of them used. */
    set buf(data: Uint8Array | ArrayBuffer);
  }
  export interface IoWritePacket extends IoPacketCommon {
    readonly func: typeof IO_WRITE;
    /** The count bytes to write, a read-only view of the daemon's; valid during the call only. */
    readonly buf: Uint8Array;
  }
  export interface IoClosePacket extends IoPacketCommon {
    readonly func: typeof IO_CLOSE;
    readonly buf: null;
  }
  export interface IoSeekPacket extends IoPacketCommon {
    readonly func: typeof IO_SEEK;
    readonly buf: null;
  }
  /**
   * One I/O operation of plugin_io(), told apart by `func`: after
   * `if (iop.func === IO_READ)` (or in its `case`), `iop.buf` is the buffer.
   */
  export type IoPacket = IoOpenPacket | IoReadPacket | IoWritePacket | IoClosePacket | IoSeekPacket;
  /** IoPacket members for the constructor. */
  export type IoPacketInit = Partial<IoPacketCommon> & {
    func?: bIOP;
    buf?: Uint8Array | ArrayBuffer | null;
  };
  export const IoPacket: {
    new (init?: IoPacketInit): IoPacket;
    readonly prototype: IoPacket;
  };

  export class AclPacket {
    constructor(init?: Partial<AclPacket>);
    readonly fname: string;
    content: Uint8Array | ArrayBuffer | null;
  }

  export class XattrPacket {
    constructor(init?: Partial<XattrPacket>);
    readonly fname: string;
    name: Uint8Array | ArrayBuffer | null;
    value: Uint8Array | ArrayBuffer | null;
  }

  /** A restore object saved by an earlier backup. */
  export class RestoreObject {
    constructor(init?: Partial<RestoreObject>);
    readonly object_name: string;
    readonly object: Uint8Array;
    readonly plugin_name: string;
    readonly object_type: bFileTypeValue;
    readonly object_len: number;
    readonly object_full_len: number;
    readonly object_index: number;
    readonly object_compression: number;
    readonly stream: number;
    readonly jobid: number;
  }

  /** What handle_plugin_event() receives with each event. */
  export type EventValue = string | number | SavePacket | RestoreObject | null;


  /**
   * The functions a plugin bundle exports (as named exports, or as the members of
   * its default export). The daemon calls them by these names. (Properties, not
   * methods, so that parameter types are checked strictly.)
   */
  export interface FdEntryPoints {
    load_bareos_plugin: (plugindef: string) => EntryResult;
    parse_plugin_definition: (plugindef: string) => EntryResult;
    handle_plugin_event?: (event: bEventTypeValue, value: EventValue) => EntryResult;
    start_backup_file?: (savepkt: SavePacket) => EntryResult;
    end_backup_file?: () => EntryResult;
    start_restore_file?: (cmd: string) => EntryResult;
    end_restore_file?: () => EntryResult;
    restore_object_data?: (rop: RestoreObject) => EntryResult;
    plugin_io?: (iop: IoPacket) => EntryResult;
    create_file?: (restorepkt: RestorePacket) => EntryResult;
    set_file_attributes?: (restorepkt: RestorePacket) => EntryResult;
    check_file?: (fname: string) => EntryResult;
    get_acl?: (acl: AclPacket) => EntryResult;
    set_acl?: (acl: AclPacket) => EntryResult;
    get_xattr?: (xattr: XattrPacket) => EntryResult;
    set_xattr?: (xattr: XattrPacket) => EntryResult;
    handle_backup_file?: (savepkt: SavePacket) => EntryResult;
  }
}
