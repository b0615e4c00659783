// console.* as the daemon's debug output shows it (test/suites/fd/console.test.mjs).
// Each case of a table is a function body that returns the arguments for
// console.log; its output is bracketed by the markers "case <i> {" and
// "} case <i>" (debug level 100), an exception the call throws by
// "threw <exception>"; the global probe is this module's namespace.  Options:
//   cases=<file>   the table, JSON [[name, body], ...]
//   levels=1       one line through each of console.log/info/debug/warn/error
import * as fd from "bareosfd";
import * as std from "qjs:std";
import * as probe from "./console-probe.js";

globalThis.probe = probe;

function option(def, name) {
  return new RegExp(`(?:^|:)${name}=([^:]*)`).exec(def)?.[1];
}

export function load_bareos_plugin(def) {
  if (option(def, "levels"))
    for (const level of ["log", "info", "debug", "warn", "error"]) console[level](`console.${level}`);
  const file = option(def, "cases");
  const cases = file ? JSON.parse(std.loadFile(file)) : [];
  cases.forEach(([, body], i) => {
    fd.DebugMessage(100, `case ${i} {`);
    try {
      console.log(...new Function(body)());
    } catch (e) {
      fd.DebugMessage(100, `threw ${e}`);
    }
    fd.DebugMessage(100, `} case ${i}`);
  });
  return fd.bRC_OK;
}
export const parse_plugin_definition = () => fd.bRC_OK;
export const handle_plugin_event = () => fd.bRC_OK;
export const start_backup_file = () => fd.bRC_Stop;
export const end_backup_file = () => fd.bRC_OK;
export const plugin_io = () => fd.bRC_OK;
