/**
 * What `bareosfd`, `bareossd` and `bareosdir` share, declared once: the
 * return codes, the job message types and the functions every daemon offers
 * alike.  Each of the three modules re-exports all of it, so a plugin imports
 * these names from its daemon's module; there is no module "bareos-qjs:common"
 * at run time (a bundle that imports it does not build).
 */
declare module "bareos-qjs:common" {
  /** The constants, printed from the C tables (bareos-tables.d.ts). */
  export * from "bareos-qjs:common-tables";
  import type { bJobMessageType, bRCs } from "bareos-qjs:common-tables";

  export type bRC = (typeof bRCs)[keyof typeof bRCs];
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
