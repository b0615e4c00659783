// Marks the native modules' objects and reports whether it found the marks
// of a job before it: a runtime made ahead of its job, with the modules
// already loaded, must still be that job's own.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as std from "qjs:std";

const seen = {
  packet: fd.IoPacket.prototype.mark ?? null,
  function: fd.JobMessage.mark ?? null,
  os: os.lstat.mark ?? null,
  std: std.loadFile.mark ?? null,
  global: globalThis.mark ?? null,
};
fd.IoPacket.prototype.mark = fd.JobMessage.mark = os.lstat.mark = std.loadFile.mark = globalThis.mark = 1;

export function load_bareos_plugin() {
  fd.JobMessage(fd.M_INFO, `probe ahead ${JSON.stringify(seen)}`);
  return fd.bRC_OK;
}
export function parse_plugin_definition() { return fd.bRC_OK; }
export function handle_plugin_event() { return fd.bRC_OK; }
export function start_backup_file() { return fd.bRC_Stop; }
export function end_backup_file() { return fd.bRC_OK; }
