// Plugin options as BareosFdPluginBaseclass parses them, so that a plugin
// ported from Python reads the same configuration the same way:
// - the plugin string: "key=value" items separated by ':' (a value ending in
//   '\' continues after the ':'), keys and values stripped, the first
//   occurrence of a key wins;
// - options files (defaults_file, overrides_file): "key=value" lines, '#',
//   ';' and '[' lines skipped, a value ending in '\' continues on the next
//   line, a duplicate key warns and the last one wins, a line without key
//   or value makes the file unusable;
// - defaults_file < plugin string < overrides_file, but keys an earlier
//   definition of the job gave keep their value (a restore's plugin options
//   win over the ones saved with the backup);
// - "key#enc" values are base85.
import { b85decode } from "./base85.js";

/**
 * A plugin's options. `Mandatory` names the options a plugin class requires
 * (its `mandatoryOptions`): the definition is refused without them, so hooks
 * that run after a definition was accepted see them as strings.
 */
export type Options<Mandatory extends string = never> = Record<string, string> & { [K in Mandatory]: string };

// Every order of Names: n! tuples, few for the handful of options a plugin requires.
type Permutation<Names extends string, All extends string = Names> =
  [Names] extends [never] ? [] : Names extends Names ? [Names, ...Permutation<Exclude<All, Names>>] : never;

/**
 * The type of `mandatoryOptions` for the options a class declares in its type
 * argument: each of them once, in any order (write the list `as const`), so
 * that the list and `this.options` cannot disagree. Without a type argument,
 * any list, and its options stay `string | undefined`. (Each is also a
 * string[], so that the base classes' generic code can read it as names.)
 */
export type MandatoryOptions<Mandatory extends string> =
  [Mandatory] extends [never] ? readonly string[]
  : string extends Mandatory ? readonly string[]
  : readonly string[] & Readonly<Permutation<Mandatory>>;

/**
 * A base class's own list, for any subclass's type argument: a subclass
 * that names other options in its type argument lists them itself.
 */
export function mandatoryList<Mandatory extends string>(names: readonly string[]): MandatoryOptions<Mandatory> {
  return names as MandatoryOptions<Mandatory>;
}

/** A yes/no option as the shipped plugins read one: "yes", "true" or "1" in any case. */
export function isYes(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true|1)$/i.test(value);
}

/** "no", "false" or "0" in any case: for options that are on unless turned off. */
export function isNo(value: string | undefined): boolean {
  return value !== undefined && /^(no|false|0)$/i.test(value);
}

/**
 * A yes/no option that must be one or the other: its fallback when it is
 * not given, and an error naming it for any other value (a typo must not
 * quietly mean "no").
 */
export function yesOrNo(options: Readonly<Record<string, string>>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (isYes(value)) return true;
  if (isNo(value)) return false;
  throw new Error(`option ${name}=${value}: give yes or no`);
}

export interface OptionsResult {
  options: Options;
  /** Problems worth a warning (empty values, duplicate keys). */
  warnings: string[];
  /** Problems that must fail the job (unreadable or malformed files, bad encodings, missing options). */
  errors: string[];
}

export interface ResolveOptionsInput {
  /** The string the daemon passes to parse_plugin_definition. */
  plugindef: string;
  /** Options already known (earlier definitions); they keep their values. */
  known?: Options;
  /** Reads an options file; returns null when it cannot. */
  readFile: (path: string) => string | null;
  /** Directory relative defaults_file/overrides_file names are resolved against. */
  configDir: string;
  mandatory?: readonly string[];
  /** The last occurrence of a key in the plugin string wins (Python's sd
   * and dir base classes) instead of the first (its fd base class). */
  lastWins?: boolean;
}

export interface OptionsFile {
  /** In file order, a duplicate key in the place of its last occurrence. */
  options: Options;
  warnings: string[];
  /** Set when a line has no key or no value: the file then gives nothing. */
  error?: string;
}

/** Splits "k=v:k=v" into [key, value] pairs in order ("" for an empty value). */
export function splitPluginOptions(plugindef: string): [string, string][] {
  const parts = plugindef.split(":");
  const pairs: [string, string][] = [];
  for (let i = 0; i < parts.length; i++) {
    const item = parts[i]!;
    const eq = item.indexOf("=");
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    let value = eq < 0 ? "" : item.slice(eq + 1).trim();
    if (!key) continue;
    while (value.endsWith("\\") && i + 1 < parts.length) value = `${value.slice(0, -1)}:${parts[++i]!}`;
    pairs.push([key, value]);
  }
  return pairs;
}

/** Reads the text of an options file the way Python's base class does. */
export function parseOptionsFile(text: string): OptionsFile {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  const options: Options = {};
  const warnings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const eq = line.indexOf("=");
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    let value = eq < 0 ? "" : line.slice(eq + 1).trim();
    if (!key && !value) continue;
    if (/^[#;[]/.test(key)) continue;
    if (!key || !value)
      return { options: {}, warnings, error: `error parsing '${line.trim()}' (found no key or value)` };
    while (value.endsWith("\\") && i + 1 < lines.length) value = value.slice(0, -1) + lines[++i]!.trim();
    if (key in options) {
      warnings.push(`duplicate option '${key}' overriding previous value`);
      delete options[key];
    }
    options[key] = value;
  }
  return { options, warnings };
}

/** "name#enc" → [name, decoded value]; any other "#transformation" is an error. */
function transform(key: string, value: string, errors: string[]): [string, string] {
  const hash = key.indexOf("#");
  if (hash < 0) return [key, value];
  const name = key.slice(0, hash);
  const how = key.slice(hash + 1);
  if (how !== "enc") {
    errors.push(`option ${key}: unknown transformation '${how}' (only #enc, base85, is known)`);
    return [name, ""];
  }
  try {
    return [name, new TextDecoder().decode(b85decode(value))];
  } catch (e) {
    errors.push(`option ${name}: cannot decode its base85 value: ${(e as Error).message}`);
    return [name, ""];
  }
}

const fileKeys = ["defaults_file", "overrides_file"] as const;

/** Merges the plugin string, its defaults_file and overrides_file into options. */
export function resolveOptions(input: ResolveOptionsInput): OptionsResult {
  const warnings: string[] = [];
  const errors: string[] = [];
  const fromString: Options = {};
  for (const [key, value] of splitPluginOptions(input.plugindef)) {
    if (value === "") warnings.push(`option ${key} has no value; ignored`);
    else if (input.lastWins || !(key in fromString)) fromString[key] = value;
  }

  const readOptionsFile = (kind: (typeof fileKeys)[number]): Options => {
    const name = fromString[kind];
    if (name === undefined) return {};
    const path = name.startsWith("/") ? name : `${input.configDir.replace(/\/$/, "")}/${name}`;
    const text = input.readFile(path);
    if (text === null) {
      errors.push(`cannot read ${kind} ${path}`);
      return {};
    }
    const parsed = parseOptionsFile(text);
    for (const warning of parsed.warnings) warnings.push(`${path}: ${warning}`);
    if (parsed.error) errors.push(`${kind} ${path}: ${parsed.error}`);
    return parsed.options;
  };
  const defaults = readOptionsFile("defaults_file");
  const overrides = readOptionsFile("overrides_file");
  for (const key of fileKeys) delete fromString[key];

  const options: Options = { ...input.known };
  for (const [rawKey, rawValue] of Object.entries({ ...defaults, ...fromString, ...overrides })) {
    const [key, value] = transform(rawKey, rawValue, errors);
    if (!(key in options)) options[key] = value;
  }
  for (const key of input.mandatory ?? [])
    if (!(key in options)) errors.push(`mandatory option ${key} is missing`);
  return { options, warnings, errors };
}
