// Turns a plugin class into the python-named entry points the daemon calls:
//   export default definePlugin(MyPlugin);
import * as fd from "bareosfd";
import type { BareosFdPlugin } from "./fd-plugin.js";

export type FdPluginClass = new (plugindef: string) => BareosFdPlugin;

export function definePlugin(Plugin: FdPluginClass): Required<fd.FdEntryPoints> {
  let instance: BareosFdPlugin | undefined;
  const plugin = (): BareosFdPlugin => {
    if (!instance) throw new Error("load_bareos_plugin() has not created the plugin yet");
    return instance;
  };
  return {
    load_bareos_plugin(plugindef) {
      instance = new Plugin(plugindef);
      return fd.bRC_OK;
    },
    parse_plugin_definition: (plugindef) => plugin().parsePluginDefinition(plugindef),
    handle_plugin_event: (event, value) => plugin().handlePluginEvent(event, value),
    start_backup_file: (savepkt) => plugin().startBackupFile(savepkt),
    end_backup_file: () => plugin().endBackupFile(),
    start_restore_file: (cmd) => plugin().startRestoreFile(cmd),
    end_restore_file: () => plugin().endRestoreFile(),
    restore_object_data: (rop) => plugin().restoreObjectData(rop),
    plugin_io: (iop) => plugin().pluginIo(iop),
    create_file: (restorepkt) => plugin().createFile(restorepkt),
    set_file_attributes: (restorepkt) => plugin().setFileAttributes(restorepkt),
    check_file: (fname) => plugin().checkFile(fname),
    get_acl: (acl) => plugin().getAcl(acl),
    set_acl: (acl) => plugin().setAcl(acl),
    get_xattr: (xattr) => plugin().getXattr(xattr),
    set_xattr: (xattr) => plugin().setXattr(xattr),
    handle_backup_file: (savepkt) => plugin().handleBackupFile(savepkt),
  };
}
