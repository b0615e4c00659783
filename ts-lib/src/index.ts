// What plugin authors import from "bareos-qjs".
export { BareosFdPlugin, type JobInfo, type Options } from "./fd-plugin.js";
export { LocalFilesPlugin, statPacket } from "./local-files.js";
export { LocalFileIo, makeDirs } from "./local-io.js";
export { definePlugin, type FdPluginClass } from "./define.js";
export * from "./index-node.js";
