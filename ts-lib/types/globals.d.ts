/** The globals a script has inside the daemon (ES2023 plus these). */

/**
 * Writes to the daemon's debug output, formatted as Node's console.log:
 * util.format directives (%s %d %i %f %j %o %O %c %%) in a first string,
 * other values as util.inspect shows them. Getters are not called, proxy
 * traps do not run.
 */
interface Console {
  /** Debug output of the daemon, level 100. */
  log(...args: unknown[]): void;
  /** Level 100. */
  info(...args: unknown[]): void;
  /** Level 200. */
  debug(...args: unknown[]): void;
  /** Level 50. */
  warn(...args: unknown[]): void;
  /** Level 10. */
  error(...args: unknown[]): void;
}
declare var console: Console;

declare class TextEncoder {
  readonly encoding: "utf-8";
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: "utf-8" | "utf8");
  readonly encoding: "utf-8";
  decode(input?: Uint8Array | ArrayBuffer): string;
}
