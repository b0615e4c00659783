// Logs every entry point it is called through, registering the events
// Python's BareosFdPluginBaseclass registers, so the order can be compared
// with python-fd's observed order.  One virtual file of 5 bytes.
import * as fd from "bareosfd";

const log = (what) => fd.JobMessage(fd.M_INFO, `call ${what}`);
let sent = false;

export function load_bareos_plugin(def) {
  log("load_bareos_plugin");
  fd.RegisterEvents([fd.bEventJobEnd, fd.bEventEndBackupJob, fd.bEventEndFileSet,
                     fd.bEventHandleBackupFile, fd.bEventStartBackupJob,
                     fd.bEventStartRestoreJob]);
  return fd.bRC_OK;
}
export function parse_plugin_definition(def) { log("parse_plugin_definition"); return fd.bRC_OK; }
export function handle_plugin_event(event) { log(`handle_plugin_event(${event})`); return fd.bRC_OK; }
export function start_backup_file(sp) {
  log("start_backup_file");
  sp.fname = "/@order/file";
  sp.type = fd.FT_REG;
  sp.statp = new fd.StatPacket({ size: 5, mode: 0o100644 });
  return fd.bRC_OK;
}
export function end_backup_file() { log("end_backup_file"); return fd.bRC_OK; }
export function plugin_io(iop) {
  const names = { [fd.IO_OPEN]: "open", [fd.IO_READ]: "read", [fd.IO_WRITE]: "write",
                  [fd.IO_CLOSE]: "close", [fd.IO_SEEK]: "seek" };
  log(`plugin_io ${names[iop.func]}`);
  if (iop.func === fd.IO_READ) {
    iop.status = sent ? 0 : 5;
    if (!sent) iop.buf.set([104, 101, 108, 108, 111]);
    sent = true;
  } else {
    iop.status = iop.func === fd.IO_WRITE ? iop.count : 0;
  }
  return fd.bRC_OK;
}
export function get_acl(acl) {
  log("get_acl");
  acl.content = new TextEncoder().encode("user::rw-\n");
  return fd.bRC_OK;
}
export function get_xattr(xattr) {
  log("get_xattr");
  xattr.name = new TextEncoder().encode("user.order");
  xattr.value = new TextEncoder().encode("1");
  return fd.bRC_OK;
}
export function set_acl(acl) { log("set_acl"); return fd.bRC_OK; }
export function set_xattr(xattr) { log("set_xattr"); return fd.bRC_OK; }
export function start_restore_file(cmd) { log("start_restore_file"); return fd.bRC_OK; }
export function create_file(rp) { log("create_file"); rp.create_status = fd.CF_EXTRACT; return fd.bRC_OK; }
export function set_file_attributes(rp) { log("set_file_attributes"); return fd.bRC_OK; }
export function end_restore_file() { log("end_restore_file"); return fd.bRC_OK; }
export function check_file(fname) { log("check_file"); return fd.bRC_Seen; }
