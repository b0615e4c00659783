// Turns a plugin class into the python-named entry points the daemon calls:
//   export default definePlugin(MyPlugin);
import * as fd from "bareosfd";
import { BareosFdPlugin } from "./fd-plugin.js";
import { bindEntryPoints, currentInstance, type EntryHooks } from "./entry-points.js";

export type FdPluginClass = new (plugindef: string) => BareosFdPlugin;

/**
 * The job's plugin instance, for other modules of the plugin (Python's
 * bareos_fd_plugin_object). With a class, also checks that it is one.
 */
export function pluginInstance(): BareosFdPlugin;
export function pluginInstance<T extends BareosFdPlugin>(Class: abstract new (...args: never[]) => T): T;
export function pluginInstance(Class: abstract new (...args: never[]) => BareosFdPlugin = BareosFdPlugin): BareosFdPlugin {
  return currentInstance(Class);
}

const ioHooks = ["pluginIo", "pluginIoOpen", "pluginIoRead", "pluginIoWrite", "pluginIoClose",
                 "pluginIoSeek"] as const;

/** While a plugin keeps every I/O hook of the base, plugin_io goes straight
 * to its LocalFileIo: a script call and the hook lookups less per block
 * (about 500 instructions of 6000).  `io` is protected: this is the one
 * place outside the class that may use it. */
function ioEntryPoint(p: BareosFdPlugin, base: BareosFdPlugin): (iop: fd.IoPacket) => fd.EntryResult {
  if (!ioHooks.every((hook) => p[hook] === base[hook])) return p.pluginIo.bind(p);
  const io = p["io"];
  return io.handle.bind(io);
}

// get_acl/get_xattr that are still the base's no-ops are left out: the
// daemon takes a missing one as "none" without building a packet and
// calling the script for every file. set_acl/set_xattr stay: they are
// called only for what a backup saved, and the base's say it is not restored.
const base = BareosFdPlugin.prototype;
const hooks: EntryHooks<BareosFdPlugin, fd.FdEntryPoints> = {
  parse_plugin_definition: "parsePluginDefinition",
  handle_plugin_event: "handlePluginEvent",
  start_backup_file: "startBackupFile",
  end_backup_file: "endBackupFile",
  start_restore_file: "startRestoreFile",
  end_restore_file: "endRestoreFile",
  restore_object_data: "restoreObjectData",
  plugin_io: (p) => ioEntryPoint(p, base),
  create_file: "createFile",
  set_file_attributes: "setFileAttributes",
  check_file: "checkFile",
  get_acl: (p) => (p.getAcl === base.getAcl ? undefined : p.getAcl.bind(p)),
  set_acl: "setAcl",
  get_xattr: (p) => (p.getXattr === base.getXattr ? undefined : p.getXattr.bind(p)),
  set_xattr: "setXattr",
  handle_backup_file: "handleBackupFile",
};

export function definePlugin(Plugin: FdPluginClass): fd.FdEntryPoints {
  return bindEntryPoints((plugindef) => new Plugin(plugindef), hooks, fd.bRC_OK);
}
