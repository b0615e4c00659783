// Adds a line to its own source in every job: the next job of the same
// daemon must notice and no longer run the bytecode compiled before.
import * as fd from "bareosfd";
import * as std from "qjs:std";

export function load_bareos_plugin() {
  const source = std.open(import.meta.url.slice("file://".length), "a");
  source.puts("// edited by a job\n");
  source.close();
  return fd.bRC_OK;
}
export function parse_plugin_definition() { return fd.bRC_OK; }
export function handle_plugin_event() { return fd.bRC_OK; }
export function start_backup_file() { return fd.bRC_Stop; }
export function end_backup_file() { return fd.bRC_OK; }
