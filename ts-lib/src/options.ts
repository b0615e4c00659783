// Plugin options as BareosFdPluginBaseclass parses them: "key=value" items
// separated by ':' ("\:" keeps a ':' in a value), the first occurrence of a
// key wins, "key#enc=" values are base85, and options files add defaults
// (weaker than the plugin string) and overrides (stronger).
import { b85decode } from "./base85.js";

export type Options = Record<string, string>;

export interface OptionsResult {
  options: Options;
  /** Problems worth a warning (empty values, ignored lines). */
  warnings: string[];
  /** Problems that must fail the job (unreadable files, bad encodings, missing options). */
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
}

/** Splits "k=v:k=v" into [key, value] pairs in order, honouring "\:". */
export function splitPluginOptions(plugindef: string): [string, string][] {
  const items: string[] = [];
  for (const part of plugindef.split(":")) {
    const last = items.length - 1;
    if (last >= 0 && items[last]!.endsWith("\\")) items[last] = `${items[last]!.slice(0, -1)}:${part}`;
    else items.push(part);
  }
  const pairs: [string, string][] = [];
  for (const item of items) {
    if (item === "") continue;
    const eq = item.indexOf("=");
    pairs.push(eq < 0 ? [item, ""] : [item.slice(0, eq), item.slice(eq + 1)]);
  }
  return pairs;
}

/** "key=value" lines; blank lines, "#"/";" comments and "[section]" headers are skipped. */
export function parseOptionsFile(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) continue;
    const eq = line.indexOf("=");
    if (eq > 0) pairs.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return pairs;
}

function decodeValue(key: string, value: string, errors: string[]): [string, string] {
  if (!key.endsWith("#enc")) return [key, value];
  const name = key.slice(0, -4);
  try {
    return [name, new TextDecoder().decode(b85decode(value))];
  } catch (e) {
    errors.push(`option ${name}: cannot decode its base85 value: ${(e as Error).message}`);
    return [name, ""];
  }
}

/** Merges the plugin string, its defaults_file and overrides_file into options. */
export function resolveOptions(input: ResolveOptionsInput): OptionsResult {
  const warnings: string[] = [];
  const errors: string[] = [];
  const fromString: Options = {};
  for (const [rawKey, rawValue] of splitPluginOptions(input.plugindef)) {
    if (rawValue === "") {
      warnings.push(`option ${rawKey} has no value; ignored`);
      continue;
    }
    const [key, value] = decodeValue(rawKey, rawValue, errors);
    if (!(key in fromString)) fromString[key] = value;
  }

  const readOptionsFile = (kind: string): Options => {
    const name = fromString[kind];
    if (name === undefined) return {};
    const path = name.startsWith("/") ? name : `${input.configDir}/${name}`;
    const text = input.readFile(path);
    if (text === null) {
      errors.push(`cannot read ${kind} ${path}`);
      return {};
    }
    const out: Options = {};
    for (const [rawKey, rawValue] of parseOptionsFile(text)) {
      const [key, value] = decodeValue(rawKey, rawValue, errors);
      if (!(key in out)) out[key] = value;
    }
    return out;
  };
  const defaults = readOptionsFile("defaults_file");
  const overrides = readOptionsFile("overrides_file");

  const options: Options = { ...input.known };
  const merged = { ...defaults, ...fromString, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (key === "defaults_file" || key === "overrides_file") continue;
    if (!(key in options) || key in overrides) options[key] = value;
  }
  for (const key of input.mandatory ?? [])
    if (!(key in options)) errors.push(`mandatory option ${key} is missing`);
  return { options, warnings, errors };
}
