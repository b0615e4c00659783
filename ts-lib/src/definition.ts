// parse_plugin_definition as every base class does it: resolve the options
// (files read as bytes, like the plugin string), report warnings and errors
// as job messages.
import * as os from "bareos:os";
import { resolveOptions, type Options } from "./options.js";

export interface DefinitionReport {
  warning(text: string): void;
  fatal(text: string): void;
}

export interface DefinitionRules {
  mandatory: readonly string[];
  /** Where relative options files are. */
  configDir: string;
  /** See ResolveOptionsInput.lastWins. */
  lastWins?: boolean;
}

/** Merges plugindef into options; false (after fatal messages) when the job must fail. */
export function applyDefinition(options: Options, plugindef: string, rules: DefinitionRules,
                                report: DefinitionReport): boolean {
  const result = resolveOptions({
    plugindef,
    known: options,
    ...rules,
    readFile: (path) => {
      try {
        return os.readFile(path);
      } catch {
        return null;
      }
    },
  });
  for (const warning of result.warnings) report.warning(`${warning}\n`);
  Object.assign(options, result.options);
  for (const error of result.errors) report.fatal(`${error}\n`);
  return result.errors.length === 0;
}
