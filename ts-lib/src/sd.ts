// What storage daemon plugins import from "bareos-qjs/sd".
export { BareosSdPlugin, defineSdPlugin, pluginInstance, type SdPluginClass } from "./sd-plugin.js";
export type { MandatoryOptions, Options } from "./options.js";
export { appendLine, makeDirs, readLines, splitLines } from "./files.js";
export * from "./index-node.js";
