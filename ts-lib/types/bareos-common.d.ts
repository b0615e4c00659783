/**
 * What `bareosfd`, `bareossd` and `bareosdir` share, declared once: the
 * return codes, the job message types and the functions every daemon offers
 * alike.  Each of the three modules re-exports all of it, so a plugin imports
 * these names from its daemon's module; there is no module "bareos-qjs:common"
 * at run time (a bundle that imports it does not build).
 */
declare module "bareos-qjs:common" {
  /** Return codes of every entry point and most functions. */
  export const bRC_OK: 0;
  export const bRC_Stop: 1;
  export const bRC_Error: 2;
  export const bRC_More: 3;
  export const bRC_Term: 4;
  export const bRC_Seen: 5;
  export const bRC_Core: 6;
  export const bRC_Skip: 7;
  export const bRC_Cancel: 8;
  export const bRCs: {
    readonly bRC_OK: 0;
    readonly bRC_Stop: 1;
    readonly bRC_Error: 2;
    readonly bRC_More: 3;
    readonly bRC_Term: 4;
    readonly bRC_Seen: 5;
    readonly bRC_Core: 6;
    readonly bRC_Skip: 7;
    readonly bRC_Cancel: 8;
  };
  export type bRC = (typeof bRCs)[keyof typeof bRCs];

  /** Job message types for JobMessage(). */
  export const M_ABORT: 1;
  export const M_DEBUG: 2;
  export const M_FATAL: 3;
  export const M_ERROR: 4;
  export const M_WARNING: 5;
  export const M_INFO: 6;
  export const M_SAVED: 7;
  export const M_NOTSAVED: 8;
  export const M_SKIPPED: 9;
  export const M_MOUNT: 10;
  export const M_ERROR_TERM: 11;
  export const M_TERM: 12;
  export const M_RESTORED: 13;
  export const M_SECURITY: 14;
  export const M_ALERT: 15;
  export const M_VOLMGMT: 16;
  export const M_AUDIT: 17;
  export const M_CONFIG_ERROR: 18;
  export const bJobMessageType: {
    readonly M_ABORT: 1;
    readonly M_DEBUG: 2;
    readonly M_FATAL: 3;
    readonly M_ERROR: 4;
    readonly M_WARNING: 5;
    readonly M_INFO: 6;
    readonly M_SAVED: 7;
    readonly M_NOTSAVED: 8;
    readonly M_SKIPPED: 9;
    readonly M_MOUNT: 10;
    readonly M_ERROR_TERM: 11;
    readonly M_TERM: 12;
    readonly M_RESTORED: 13;
    readonly M_SECURITY: 14;
    readonly M_ALERT: 15;
    readonly M_VOLMGMT: 16;
    readonly M_AUDIT: 17;
    readonly M_CONFIG_ERROR: 18;
  };
  export type bJobMessageTypeValue = (typeof bJobMessageType)[keyof typeof bJobMessageType];

  /** A debug message, shown by the daemon at debug level >= level. */
  export function DebugMessage(level: number, message?: string): void;
  /** A job message; M_FATAL fails the job, M_ERROR counts as an error. */
  export function JobMessage(type: bJobMessageTypeValue, message?: string): void;
  /** How many instances of the plugin the daemon has; null if it cannot tell. */
  export function GetInstanceCount(): number | null;

  /** What an entry point returns: a bRC, or a promise of one. */
  export type EntryResult = bRC | Promise<bRC>;
}
