// What director plugins import from "bareos-qjs/dir".
export { BareosDirPlugin, defineDirPlugin, pluginInstance, type DirPluginClass } from "./dir-plugin.js";
export * from "./shared.js";
