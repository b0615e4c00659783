// `bareos-qjs init`: a new plugin folder an author can build, watch and test
// at once, from the templates next to this file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildError, type Daemon } from "./build.js";

const kitDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const templates = join(kitDir, "templates");

interface DaemonTemplate {
  daemonName: string;
  pluginLine: string;
  options: string;
}

const daemons: Record<Daemon, DaemonTemplate> = {
  fd: {
    daemonName: "file daemon",
    pluginLine: 'FileSet { Include { Plugin = "quickjs:module_name={{name}}:greeting=Hello" } }',
    options: "| Option | Default | Meaning |\n|--------|---------|---------|\n" +
             "| greeting | Hello from {{name}} | the content of /@{{name}}/greeting.txt |",
  },
  sd: {
    daemonName: "storage daemon",
    pluginLine: 'Job { SD Plugin Options = "quickjs:module_name={{name}}" }   # bareos-sd: Plugin Names = quickjs',
    options: "None yet.",
  },
  dir: {
    daemonName: "director",
    pluginLine: 'Job { Dir Plugin Options = "quickjs:module_name={{name}}" }   # bareos-dir: Plugin Names = quickjs',
    options: "None yet.",
  },
};

/** The files of a new plugin, by path relative to its folder. */
function scaffold(values: Record<string, string> & { daemon: Daemon }): Map<string, string> {
  const fill = (text: string): string => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => fill(values[key] ?? ""));
  const files = new Map<string, string>();
  const walk = (from: string, to: string) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(from, entry.name), join(to, entry.name));
      // npm never packs a file named .gitignore: the template drops the dot.
      else files.set(join(to, entry.name === "gitignore" ? ".gitignore" : entry.name),
                     fill(readFileSync(join(from, entry.name), "utf8")));
    }
  };
  walk(join(templates, "common"), "");
  walk(join(templates, values.daemon), "");
  return files;
}

export interface InitOptions {
  folder: string;
  /** "fd" (default), "sd" or "dir"; anything else is refused. */
  daemon?: string;
  /** Default: the folder's name. */
  moduleName?: string;
}

export interface InitResult {
  dir: string;
  /** The files written, relative to dir. */
  files: string[];
}

/**
 * Creates <folder> (which must not exist or be empty) with plugin.json,
 * tsconfig.json, package.json, index.ts, README.md and test/plugin.test.mjs.
 */
export function init({ folder, daemon = "fd", moduleName = basename(resolve(folder)) }: InitOptions): InitResult {
  if (!Object.hasOwn(daemons, daemon))
    throw new BuildError([{ text: `unknown daemon ${JSON.stringify(daemon)}: fd, sd or dir` }]);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(moduleName))
    throw new BuildError([{ text: `${JSON.stringify(moduleName)} is not a plain file name, as a module name must be` }]);
  const dir = resolve(folder);
  if (existsSync(dir) && readdirSync(dir).length)
    throw new BuildError([{ text: `${folder} is not empty: init writes only into a new or empty folder` }]);
  const { version } = JSON.parse(readFileSync(join(kitDir, "package.json"), "utf8")) as { version: string };
  const known = daemon as Daemon;
  const files = scaffold({ name: moduleName, daemon: known, kitVersion: version, ...daemons[known] });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, files: [...files.keys()].sort() };
}
