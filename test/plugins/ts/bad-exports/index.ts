// A hand-written module whose start_backup_file returns a string.
import * as fd from "bareosfd";

export function load_bareos_plugin(_plugindef: string): fd.bRC {
  return fd.bRC_OK;
}
export function parse_plugin_definition(_plugindef: string): fd.bRC {
  return fd.bRC_OK;
}
export function start_backup_file(_savepkt: fd.SavePacket): string {
  return "done";
}
