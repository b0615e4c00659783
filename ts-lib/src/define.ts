// Turns a plugin class into the python-named entry points the daemon calls:
//   export default definePlugin(MyPlugin);
import * as fd from "bareosfd";
import { BareosFdPlugin } from "./fd-plugin.js";

export type FdPluginClass = new (plugindef: string) => BareosFdPlugin;

function notLoaded(): never {
  throw new Error("load_bareos_plugin() has not created the plugin yet");
}

// Each job has its own runtime, so one instance per module is one per job.
let instance: BareosFdPlugin | undefined;

/**
 * The job's plugin instance, for other modules of the plugin (Python's
 * bareos_fd_plugin_object). With a class, also checks that it is one.
 */
export function pluginInstance(): BareosFdPlugin;
export function pluginInstance<T extends BareosFdPlugin>(Class: abstract new (...args: never[]) => T): T;
export function pluginInstance(Class?: abstract new (...args: never[]) => BareosFdPlugin): BareosFdPlugin {
  if (!instance) notLoaded();
  if (Class && !(instance instanceof Class))
    throw new Error(`the plugin instance is a ${(instance as object).constructor.name}, not a ${Class.name}`);
  return instance;
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

/** The entry points as the instance's own methods. */
function bound(p: BareosFdPlugin): Omit<fd.FdEntryPoints, "load_bareos_plugin"> {
  // get_acl/get_xattr that are still the base's no-ops are left out: the
  // daemon takes a missing one as "none" without building a packet and
  // calling the script for every file. set_acl/set_xattr stay: they are
  // called only for what a backup saved, and the base's say it is not restored.
  const base = BareosFdPlugin.prototype;
  return {
    parse_plugin_definition: p.parsePluginDefinition.bind(p),
    handle_plugin_event: p.handlePluginEvent.bind(p),
    start_backup_file: p.startBackupFile.bind(p),
    end_backup_file: p.endBackupFile.bind(p),
    start_restore_file: p.startRestoreFile.bind(p),
    end_restore_file: p.endRestoreFile.bind(p),
    restore_object_data: p.restoreObjectData.bind(p),
    plugin_io: ioEntryPoint(p, base),
    create_file: p.createFile.bind(p),
    set_file_attributes: p.setFileAttributes.bind(p),
    check_file: p.checkFile.bind(p),
    get_acl: p.getAcl === base.getAcl ? undefined : p.getAcl.bind(p),
    set_acl: p.setAcl.bind(p),
    get_xattr: p.getXattr === base.getXattr ? undefined : p.getXattr.bind(p),
    set_xattr: p.setXattr.bind(p),
    handle_backup_file: p.handleBackupFile.bind(p),
  };
}

export function definePlugin(Plugin: FdPluginClass): fd.FdEntryPoints {
  const entries: fd.FdEntryPoints = {
    load_bareos_plugin(plugindef) {
      // The daemon looks entry points up on every call: from now on they
      // lead straight to the instance (bound methods, no wrapper calls).
      instance = new Plugin(plugindef);
      Object.assign(entries, bound(instance));
      return fd.bRC_OK;
    },
    parse_plugin_definition: notLoaded,
    handle_plugin_event: notLoaded,
    start_backup_file: notLoaded,
    end_backup_file: notLoaded,
    start_restore_file: notLoaded,
    end_restore_file: notLoaded,
    restore_object_data: notLoaded,
    plugin_io: notLoaded,
    create_file: notLoaded,
    set_file_attributes: notLoaded,
    check_file: notLoaded,
    get_acl: notLoaded,
    set_acl: notLoaded,
    get_xattr: notLoaded,
    set_xattr: notLoaded,
    handle_backup_file: notLoaded,
  };
  return entries;
}
