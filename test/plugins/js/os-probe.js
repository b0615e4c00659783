// Reports what bareos:os says of the directory named by `dir=`, and the
// module's import.meta, as job messages "probe <name> <json>".
import * as fd from "bareosfd";
import * as os from "bareos:os";

const report = (name, value) => fd.JobMessage(fd.M_INFO, `probe ${name} ${JSON.stringify(value)}`);

export function load_bareos_plugin() {
  report("meta", { url: import.meta.url, main: import.meta.main });
  return fd.bRC_OK;
}

export function parse_plugin_definition(def) {
  const dir = /(?:^|:)dir=([^:]*)/.exec(def)?.[1] ?? "";
  const entries = os.scandir(dir);
  report("scandir", entries);
  report("keys", entries.map((e) => Object.keys(e)));
  report("readdir", os.readdir(dir).sort());
  report("lstat_types", entries.map((e) => os.lstat(`${dir}/${e.name}`).st_mode & os.S_IFMT));
  try {
    os.scandir(`${dir}/missing`);
  } catch (e) {
    report("missing", { code: e.code, message: e.message });
  }
  return fd.bRC_OK;
}

export function handle_plugin_event() {
  return fd.bRC_OK;
}

export function start_backup_file() {
  return fd.bRC_Stop;
}

export function end_backup_file() {
  return fd.bRC_OK;
}
