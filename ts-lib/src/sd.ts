// What storage daemon plugins import from "bareos-qjs/sd".
export { BareosSdPlugin, defineSdPlugin, pluginInstance, type SdPluginClass } from "./sd-plugin.js";
export * from "./shared.js";
