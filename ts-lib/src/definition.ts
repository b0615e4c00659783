// parse_plugin_definition as every base class does it: resolve the options
// (files read with qjs:std), report warnings and errors as job messages.
import * as std from "qjs:std";
import { resolveOptions, type Options } from "./options.js";

export interface DefinitionReport {
  warning(text: string): void;
  fatal(text: string): void;
}

/** Merges plugindef into options; false (after fatal messages) when the job must fail. */
export function applyDefinition(options: Options, plugindef: string, mandatory: readonly string[],
                                configDir: string, report: DefinitionReport): boolean {
  const result = resolveOptions({
    plugindef,
    known: options,
    readFile: (path) => std.loadFile(path),
    configDir,
    mandatory,
  });
  for (const warning of result.warnings) report.warning(`${warning}\n`);
  Object.assign(options, result.options);
  for (const error of result.errors) report.fatal(`${error}\n`);
  return result.errors.length === 0;
}
