// The plugin build tool's API: check() type-checks a plugin folder with tsc,
// build() checks it and bundles it with esbuild into one ES module plus a
// source map.  Errors carry file, line and column.
import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, statSync, watch as fsWatch } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const kitDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Modules the daemon provides; never bundled. */
export const nativeModules = ["bareosfd", "bareossd", "bareosdir", "qjs:std", "qjs:os", "bareos:os"] as const;

export type Daemon = "fd" | "sd" | "dir";

const entryInterfaces: Record<Daemon, [module: string, iface: string]> = {
  fd: ["bareosfd", "FdEntryPoints"],
  sd: ["bareossd", "SdEntryPoints"],
  dir: ["bareosdir", "DirEntryPoints"],
};

/** One problem; with where it is when it is in a file. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  text: string;
}

/** One problem or more, with where they are. */
export class BuildError extends Error {
  readonly errors: Problem[];
  constructor(errors: Problem[]) {
    super(errors.map(formatError).join("\n"));
    this.name = "BuildError";
    this.errors = errors;
  }
}

/** "file:line:column: text", the way compilers print it. */
export function formatError({ file, line, column, text }: Problem): string {
  return file ? `${file}:${line}:${column}: ${text}` : text;
}

/** A plugin folder as its plugin.json describes it. */
export interface PluginConfig {
  dir: string;
  moduleName: string;
  daemon: Daemon;
  entry: string;
}

const isDaemon = (name: unknown): name is Daemon => typeof name === "string" && Object.hasOwn(entryInterfaces, name);

/** Reads <plugin>/plugin.json: { moduleName, daemon = "fd", entry = "index.ts" }. */
export function readPluginConfig(pluginDir: string): PluginConfig {
  const dir = resolve(pluginDir);
  const configFile = join(dir, "plugin.json");
  if (!existsSync(configFile))
    throw new BuildError([{ text: `${relative(process.cwd(), configFile)}: missing (it names moduleName)` }]);
  const config = JSON.parse(readFileSync(configFile, "utf8")) as { moduleName?: unknown; daemon?: unknown; entry?: unknown };
  if (typeof config.moduleName !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(config.moduleName))
    throw new BuildError([{ file: relative(process.cwd(), configFile), line: 1, column: 1,
                            text: "moduleName must be a plain file name" }]);
  const daemon = config.daemon ?? "fd";
  if (!isDaemon(daemon))
    throw new BuildError([{ text: `${configFile}: unknown daemon ${JSON.stringify(daemon)}` }]);
  const entry = typeof config.entry === "string" ? config.entry : "index.ts";
  return { dir, moduleName: config.moduleName, daemon, entry: join(dir, entry) };
}

function diagnosticError(d: ts.Diagnostic, checkFile: string, entry: string): Problem {
  const text = `error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  if (!d.file) return { text };
  if (d.file.fileName === checkFile)
    return { file: relative(process.cwd(), entry), line: 1, column: 1,
             text: `the module's exports are not the daemon's entry points: ${text}` };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  return { file: relative(process.cwd(), d.file.fileName), line: line + 1, column: character + 1, text };
}

/** "start_backup_file", "startBackupfile" and "startBackupFile" alike. */
const spelledAlike = (name: string) => name.replace(/_/g, "").toLowerCase();

/**
 * Members of the plugin's classes that are meant as one of their base
 * class's hooks but are not spelled like it ("start_backup_file" in a
 * BareosFdPlugin, whose hook is startBackupFile): type-correct, such a
 * method is never called, and the plugin silently does nothing.
 */
function misnamedHooks(program: ts.Program, pluginDir: string): Problem[] {
  const checker = program.getTypeChecker();
  const fromKit = (type: ts.Type): boolean =>
    type.getSymbol()?.declarations?.some((d) => !relative(kitDir, d.getSourceFile().fileName).startsWith(".."))
    || (type.isClassOrInterface() && checker.getBaseTypes(type).some(fromKit));
  const errors: Problem[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || relative(pluginDir, file.fileName).startsWith("..")) continue;
    const visit = (node: ts.Node): void => {
      const type = ts.isClassLike(node) && node.heritageClauses ? checker.getTypeAtLocation(node) : undefined;
      if (type?.isClassOrInterface()) {
        const bases = checker.getBaseTypes(type).filter(fromKit);
        const inherited = new Map<string, string>();
        for (const base of bases)
          for (const p of checker.getPropertiesOfType(base)) inherited.set(spelledAlike(p.getName()), p.getName());
        for (const member of (node as ts.ClassLikeDeclaration).members) {
          const memberName = member.name;
          if (!memberName || !ts.isIdentifier(memberName)) continue;
          const name = memberName.text;
          const hook = inherited.get(spelledAlike(name));
          if (!hook || hook === name) continue;
          const { line, character } = file.getLineAndCharacterOfPosition(memberName.getStart(file));
          errors.push({ file: relative(process.cwd(), file.fileName), line: line + 1, column: character + 1,
                        text: `error: ${name} is never called: the base class's hook is ${hook}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return errors;
}

/**
 * Keeps what does not change between builds of the same plugins: the parsed
 * kit configuration, every source file tsc read (by modification time) and
 * the last program, so a rebuild re-reads and re-checks only what changed.
 */
export class CheckCache {
  #parsed: ts.ParsedCommandLine | undefined;
  #files = new Map<string, { mtime: number | undefined; file: ts.SourceFile }>();
  readonly programs = new Map<string, ts.Program>();

  get parsed(): ts.ParsedCommandLine {
    this.#parsed ??= ts.getParsedCommandLineOfConfigFile(join(kitDir, "tsconfig.plugin.json"), {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new BuildError([{ text: String(d.messageText) }]); } });
    if (!this.#parsed) throw new BuildError([{ text: `cannot read ${join(kitDir, "tsconfig.plugin.json")}` }]);
    return this.#parsed;
  }

  sourceFile(name: string, read: () => ts.SourceFile | undefined): ts.SourceFile | undefined {
    const mtime = ts.sys.getModifiedTime?.(name)?.getTime();
    const known = this.#files.get(name);
    if (known && known.mtime === mtime) return known.file;
    const file = read();
    if (file) this.#files.set(name, { mtime, file });
    return file;
  }
}

export interface CheckOptions {
  /** The plugin folder, or its config as readPluginConfig() gives it. */
  plugin: string | PluginConfig;
  /** What earlier checks of the same process may share. */
  cache?: CheckCache;
}

export interface CheckResult {
  warnings: ts.Diagnostic[];
  program: ts.Program;
}

/**
 * Type-checks a plugin folder against the daemon's typings, including that the
 * module exports the entry points (named, or as members of its default export)
 * and that no method of its classes misspells a hook of their base class.
 */
export async function check({ plugin, cache = new CheckCache() }: CheckOptions): Promise<CheckResult> {
  const config = typeof plugin === "string" ? readPluginConfig(plugin) : plugin;
  const parsed = cache.parsed;
  // The kit's own typings are checked when the kit is built.
  const options = { ...parsed.options, skipLibCheck: true };
  const [moduleName, iface] = entryInterfaces[config.daemon];
  const checkFile = join(config.dir, "__bareos_entry_check__.ts");
  const entryImport = `./${basename(config.entry, extname(config.entry))}.js`;
  const checkSource =
    `import type * as Plugin from ${JSON.stringify(entryImport)};\n` +
    `import type { ${iface} } from ${JSON.stringify(moduleName)};\n` +
    "type Exported = typeof Plugin extends { default: infer D } ? D : typeof Plugin;\n" +
    `export const entryPoints: ${iface} = null as unknown as Exported;\n`;
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    name === checkFile ? ts.createSourceFile(name, checkSource, lang)
                       : cache.sourceFile(name, () => getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name: string) => name === checkFile || fileExists(name);
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, config.entry, checkFile],
    options,
    host,
    oldProgram: cache.programs.get(config.dir),
  });
  cache.programs.set(config.dir, program);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new BuildError(errors.map((d) => diagnosticError(d, checkFile, config.entry)));
  const misnamed = misnamedHooks(program, config.dir);
  if (misnamed.length) throw new BuildError(misnamed);
  return { warnings: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Warning), program };
}

const nodeBuiltins = new Set(builtinModules);
const noNodeBuiltins: esbuild.Plugin = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, "").split("/")[0] ?? "";
      if (!args.path.startsWith("node:") && !nodeBuiltins.has(bare)) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node.js built-in module and does not exist ` +
        `inside the Bareos daemon; use "bareos:os", "qjs:os" or "qjs:std" instead` }] };
    });
  },
};

let typedExports: ReadonlyMap<string, readonly string[]> | undefined;

/** The value exports of each native module as the kit's typings declare
 * them; read once per process (they are the kit's, not the plugin's). */
function nativeExports(): ReadonlyMap<string, readonly string[]> {
  if (typedExports) return typedExports;
  const typesDir = join(kitDir, "types");
  const rootNames = readdirSync(typesDir).filter((f) => f.endsWith(".d.ts")).map((f) => join(typesDir, f));
  const checker = ts.createProgram({ rootNames, options: { noEmit: true, noLib: true, types: [] } }).getTypeChecker();
  const exports = new Map<string, readonly string[]>();
  for (const module of checker.getAmbientModules()) {
    const name = module.getName().replace(/^"|"$/g, "");
    if (!(nativeModules as readonly string[]).includes(name)) continue;
    exports.set(name, checker.getExportsOfModule(module)
      .filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.getName()));
  }
  return (typedExports = exports);
}

/*
 * `import * as fd from "bareosfd"` makes QuickJS build the module's namespace
 * object at every job start: for bareosfd, ~240 names sorted and added one by
 * one, an eighth of the job's start; and each name a bundle imports costs its
 * resolution.  So a bundle is made twice.  First each native module is a
 * bundled module that re-exports every name from a module of its own: esbuild
 * turns member accesses (fd.bRC_OK) into uses of names, tree shaking drops
 * the modules of the names nothing uses, and the metafile lists the others.
 * Then each native module is one import of just those names.
 */
type NativeNames = ReadonlyMap<string, readonly string[]>;
const namespaceModule = "bareos-native";
const nameModule = "bareos-native-name";

function namedNativeImports(exports: NativeNames, used: NativeNames | null): esbuild.Plugin {
  const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const native = new RegExp(`^(${[...exports.keys()].map(escape).join("|")})$`);
  const reexport = (module: string, names: readonly string[]) =>
    `import { ${names.join(", ")} } from ${JSON.stringify(module)};\nexport { ${names.join(", ")} };\n`;
  return {
    name: "named-native-imports",
    setup(b) {
      b.onResolve({ filter: native }, (args) =>
        args.namespace === namespaceModule || args.namespace === nameModule
          ? { path: args.path, external: true }
          : { path: args.path, namespace: namespaceModule, sideEffects: false });
      b.onResolve({ filter: /#/, namespace: namespaceModule }, (args) =>
        ({ path: args.path, namespace: nameModule, sideEffects: false }));
      b.onLoad({ filter: /.*/, namespace: namespaceModule }, (args) => {
        if (used) {
          const names = used.get(args.path) ?? [];
          return { contents: names.length ? reexport(args.path, names) : "", loader: "js" };
        }
        return {
          contents: (exports.get(args.path) ?? []).map((name) =>
            `export { ${name} } from ${JSON.stringify(`${args.path}#${name}`)};\n`).join(""),
          loader: "js",
        };
      });
      b.onLoad({ filter: /.*/, namespace: nameModule }, (args) => {
        const cut = args.path.lastIndexOf("#");
        return { contents: reexport(args.path.slice(0, cut), [args.path.slice(cut + 1)]), loader: "js" };
      });
    },
  };
}

/** The native names the first bundle kept (their modules' import is in
 * its output; the metafile's inputs are all it read), by module. */
function usedNames(metafile: esbuild.Metafile | undefined): NativeNames {
  const used = new Map<string, string[]>();
  const kept = Object.values(metafile?.outputs ?? {}).flatMap((output) =>
    Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input));
  for (const input of kept) {
    if (!input.startsWith(`${nameModule}:`)) continue;
    const path = input.slice(nameModule.length + 1);
    const cut = path.lastIndexOf("#");
    const module = path.slice(0, cut);
    used.set(module, [...(used.get(module) ?? []), path.slice(cut + 1)]);
  }
  return used;
}

function esbuildError(m: esbuild.Message): Problem {
  return m.location
    ? { file: m.location.file, line: m.location.line, column: m.location.column + 1, text: `error: ${m.text}` }
    : { text: `error: ${m.text}` };
}

/** Source paths relative to the working directory, as job messages show them. */
function rewriteSourceMap(mapFile: string): void {
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[] };
  map.sources = map.sources.map((s) => relative(process.cwd(), resolve(dirname(mapFile), s)));
  writeFileSync(mapFile, JSON.stringify(map));
}

/**
 * The engine's bytecode compiler: the `qjsc` option (false: none), else
 * $BAREOS_QJSC, else none.  Never searched for: bytecode is only worth having
 * from the engine the daemon runs, and which one that is only the author knows.
 */
export function findCompiler(qjsc?: string | false): string | null {
  if (qjsc === false) return null;
  const chosen = qjsc ?? process.env["BAREOS_QJSC"];
  if (!chosen) return null;
  if (!existsSync(chosen)) throw new BuildError([{ text: `the bytecode compiler ${chosen} does not exist` }]);
  return resolve(chosen);
}

/** Precompiles the bundle for the engine; the plugin falls back to the .js
 * whenever the bytecode does not match it. */
function compileBytecode(compiler: string | null, outfile: string, moduleName: string, outdir: string): string | null {
  const bytecode = join(outdir, `${moduleName}.qjsbc`);
  if (!compiler) {
    rmSync(bytecode, { force: true });
    return null;
  }
  const r = spawnSync(compiler, [outfile, bytecode], { encoding: "utf8" });
  if (r.status !== 0) throw new BuildError([{ text: (r.stderr || r.error?.message || "bareos-qjsc failed").trim() }]);
  return bytecode;
}

/** The options of the first bundle (used: null), which finds the native
 * names the plugin uses, and of the one written. */
function esbuildOptions(config: PluginConfig, outfile: string, used: NativeNames | null) {
  return {
    entryPoints: [config.entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    mainFields: ["module", "main"],
    external: [...nativeModules],
    plugins: [namedNativeImports(nativeExports(), used), noNodeBuiltins],
    sourcemap: used ? "linked" : false,
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
    write: used !== null,
    metafile: used === null,
  } satisfies esbuild.BuildOptions;
}

async function bundle(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const failure = e as Partial<esbuild.BuildFailure>;
    if (failure.errors) throw new BuildError(failure.errors.map(esbuildError));
    throw e;
  }
}

export interface BuildResult {
  outfile: string;
  mapfile: string;
  /** The .qjsbc, or null without a bytecode compiler. */
  bytecode: string | null;
  bytes: number;
}

function finish(config: PluginConfig, outfile: string, outdir: string, compiler: string | null): BuildResult {
  rewriteSourceMap(`${outfile}.map`);
  const bytecode = compileBytecode(compiler, outfile, config.moduleName, outdir);
  return { outfile, mapfile: `${outfile}.map`, bytecode, bytes: statSync(outfile).size };
}

export interface BuildOptions {
  /** The plugin folder. */
  plugin: string;
  /** Where the bundle goes; default <plugin>/build. */
  outdir?: string;
  /** false: only bundle (check() must have passed before). */
  typecheck?: boolean;
  /** The bytecode compiler (see findCompiler); false for none. */
  qjsc?: string | false;
}

/**
 * Type-checks and bundles a plugin folder into <outdir>/<moduleName>.js,
 * <moduleName>.js.map and, with the engine's bytecode compiler (see
 * findCompiler), <moduleName>.qjsbc.
 */
export async function build({ plugin, outdir, typecheck = true, qjsc }: BuildOptions): Promise<BuildResult> {
  const config = readPluginConfig(plugin);
  const out = outdir ?? join(config.dir, "build");
  const compiler = findCompiler(qjsc);
  if (typecheck) await check({ plugin: config });
  mkdirSync(out, { recursive: true });
  const outfile = join(out, `${config.moduleName}.js`);
  await bundle(async () => {
    const { metafile } = await esbuild.build(esbuildOptions(config, outfile, null));
    await esbuild.build(esbuildOptions(config, outfile, usedNames(metafile)));
  });
  return finish(config, outfile, out, compiler);
}

export interface WatchOptions {
  plugin: string;
  outdir?: string;
  qjsc?: string | false;
  onBuild?: (result: BuildResult & { ms: number }) => void;
  /** Each failure: a BuildError when the plugin is at fault. */
  onError?: (error: unknown) => void;
  debounceMs?: number;
}

export interface Watcher {
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds a plugin folder, then again whenever a file in it changes, until
 * close(): each rebuild re-checks only what changed and bundles incrementally.
 */
export async function watch({ plugin, outdir, qjsc, onBuild = () => {}, onError = () => {}, debounceMs = 50 }:
                            WatchOptions): Promise<Watcher> {
  const config = readPluginConfig(plugin);
  const out = outdir ?? join(config.dir, "build");
  const compiler = findCompiler(qjsc);
  const cache = new CheckCache();
  const outfile = join(out, `${config.moduleName}.js`);
  let finder: esbuild.BuildContext<ReturnType<typeof esbuildOptions>> | null = null;
  let running = Promise.resolve();
  const once = async () => {
    const started = performance.now();
    try {
      await check({ plugin: config, cache });
      mkdirSync(out, { recursive: true });
      const find = (finder ??= await esbuild.context(esbuildOptions(config, outfile, null)));
      // Only the first bundle is incremental: the second's plugin depends on its result.
      await bundle(async () => {
        const { metafile } = await find.rebuild();
        await esbuild.build(esbuildOptions(config, outfile, usedNames(metafile)));
      });
      onBuild({ ...finish(config, outfile, out, compiler), ms: performance.now() - started });
    } catch (e) {
      onError(e);
    }
  };
  const rebuild = () => (running = running.then(once));
  await rebuild();
  const skip = [resolve(out), join(config.dir, "node_modules")];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = fsWatch(config.dir, { recursive: true }, (_, name) => {
    const changed = name ? resolve(config.dir, String(name)) : config.dir;
    if (skip.some((s) => changed === s || changed.startsWith(s + sep))) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, debounceMs);
  });
  return {
    rebuild,
    async close() {
      clearTimeout(timer);
      watcher.close();
      await running;
      await finder?.dispose();
    },
  };
}
