// What the host hands a script, as "probe ..." job messages: the texts
// load_bareos_plugin and parse_plugin_definition get, the events (with the
// kind of their value), and the restore objects it receives. Backs up one
// restore object when asked:
//   object=<text>      its content; object_len=<n> its object_len
//   no_statp=1         without statp
import * as fd from "bareosfd";

const log = (text) => fd.JobMessage(fd.M_INFO, `probe ${text}\n`);
const options = {};
let sent = false;

function remember(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0 && !(item.slice(0, eq) in options)) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
}

export function load_bareos_plugin(def) {
  log(`load ${def}`);
  remember(def);
  fd.RegisterEvents([fd.bEventRestoreObject, fd.bEventStartBackupJob]);
  return fd.bRC_OK;
}
export function parse_plugin_definition(def) {
  log(`parse ${def}`);
  remember(def);
  return fd.bRC_OK;
}
export function handle_plugin_event(event, value) {
  log(`event ${event} ${value === null ? "null" : typeof value}`);
  return fd.bRC_OK;
}
export function start_backup_file(sp) {
  if (sent || options.object === undefined) return fd.bRC_Stop;
  sent = true;
  sp.type = fd.FT_RESTORE_FIRST;
  sp.object_name = "probe-object";
  sp.object = new TextEncoder().encode(options.object);
  if (options.object_len) sp.object_len = Number(options.object_len);
  if (!options.no_statp) sp.statp = new fd.StatPacket({ mode: 0o100644 });
  return fd.bRC_OK;
}
export const end_backup_file = () => fd.bRC_OK;
export const plugin_io = () => fd.bRC_OK;
export function restore_object_data(rop) {
  log(`restore_object ${rop.object_name} ${JSON.stringify(new TextDecoder().decode(rop.object))}`);
  return fd.bRC_OK;
}
export const start_restore_file = () => fd.bRC_OK;
export const end_restore_file = () => fd.bRC_OK;
export const create_file = (rp) => {
  rp.create_status = fd.CF_SKIP;
  return fd.bRC_OK;
};
export const set_file_attributes = () => fd.bRC_OK;
export const check_file = () => fd.bRC_OK;
