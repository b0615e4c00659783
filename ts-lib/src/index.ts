// What file daemon plugins import from "bareos-qjs" (or "bareos-qjs/fd";
// storage daemon and director plugins: "bareos-qjs/sd", "bareos-qjs/dir").
export { BareosFdPlugin, type JobInfo } from "./fd-plugin.js";
export { LocalFilesPlugin, statPacket } from "./local-files.js";
export { LocalFileIo } from "./local-io.js";
export { definePlugin, pluginInstance, type FdPluginClass } from "./define.js";
export * from "./process.js";
export { StreamPlugin, virtualStat, restoresToDirectory, type Program, type StreamSource } from "./stream-plugin.js";
export * from "./shared.js";
