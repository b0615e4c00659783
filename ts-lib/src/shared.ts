// What plugins of every daemon import besides their base class.
export type { MandatoryOptions, Options } from "./options.js";
export type { EntryResult } from "./plugin-base.js";
export { appendLine, makeDirs, readLines, splitLines } from "./files.js";
export * from "./index-node.js";
