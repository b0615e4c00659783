/**
 * The `bareosfd` module of quickjs-fd: Python bareosfd's API for scripts run by
 * the Bareos file daemon, without the context argument.
 */
declare module "bareosfd" {
  /** The return codes, job message types, DebugMessage, JobMessage and
   * GetInstanceCount every daemon module has (bareos-common.d.ts). */
  export * from "bareos-qjs:common";
  import type { bRC, bRC_Error, bRC_OK, bRC_Seen, bRC_Skip, EntryResult } from "bareos-qjs:common";
  /** Its constants, and GetValue() typed by what each variable holds,
   * printed from the C tables (bareos-tables.d.ts). */
  export * from "bareos-qjs:fd-tables";
  import type {
    bCFs, bEventType, bFileType, bIOPS, bIOPstatus, bLevels, bVarCheckChanges, bVarFileSeen,
    bVariable, bVarSinceTime, IO_CLOSE, IO_OPEN, IO_READ, IO_SEEK, IO_WRITE,
  } from "bareos-qjs:fd-tables";

  export type bVariableValue = (typeof bVariable)[keyof typeof bVariable];
  export type bFileTypeValue = (typeof bFileType)[keyof typeof bFileType];
  export type bCF = (typeof bCFs)[keyof typeof bCFs];
  export type bEventTypeValue = (typeof bEventType)[keyof typeof bEventType];
  export type bIOP = (typeof bIOPS)[keyof typeof bIOPS];
  export type bIOPstatusValue = (typeof bIOPstatus)[keyof typeof bIOPstatus];
  export type bLevel = (typeof bLevels)[keyof typeof bLevels];
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
