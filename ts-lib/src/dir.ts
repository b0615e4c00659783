// What director plugins import from "bareos-qjs/dir".
export { BareosDirPlugin, defineDirPlugin, pluginInstance, type DirPluginClass } from "./dir-plugin.js";
export type { MandatoryOptions, Options } from "./options.js";
export { appendLine, makeDirs, readLines, splitLines } from "./files.js";
export * from "./index-node.js";
