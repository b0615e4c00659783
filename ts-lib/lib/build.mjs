// The plugin build tool's API: check() type-checks a plugin folder with tsc,
// build() checks it and bundles it with esbuild into one ES module plus a
// source map.  Errors carry file, line and column.
import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, statSync, watch as fsWatch } from "node:fs";
import { basename, delimiter, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const kitDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Modules the daemon provides; never bundled. */
export const nativeModules = ["bareosfd", "bareossd", "bareosdir", "qjs:std", "qjs:os", "bareos:os"];

const entryInterfaces = {
  fd: ["bareosfd", "FdEntryPoints"],
  sd: ["bareossd", "SdEntryPoints"],
  dir: ["bareosdir", "DirEntryPoints"],
};

/** One problem, with where it is. */
export class BuildError extends Error {
  /** @param {{file?: string, line?: number, column?: number, text: string}[]} errors */
  constructor(errors) {
    super(errors.map(formatError).join("\n"));
    this.name = "BuildError";
    this.errors = errors;
  }
}

/** "file:line:column: text", the way compilers print it. */
export function formatError({ file, line, column, text }) {
  return file ? `${file}:${line}:${column}: ${text}` : text;
}

/** Reads <plugin>/plugin.json: { moduleName, daemon = "fd", entry = "index.ts" }. */
export function readPluginConfig(pluginDir) {
  const dir = resolve(pluginDir);
  const configFile = join(dir, "plugin.json");
  if (!existsSync(configFile))
    throw new BuildError([{ text: `${relative(process.cwd(), configFile)}: missing (it names moduleName)` }]);
  const config = JSON.parse(readFileSync(configFile, "utf8"));
  if (typeof config.moduleName !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(config.moduleName))
    throw new BuildError([{ file: relative(process.cwd(), configFile), line: 1, column: 1,
                            text: "moduleName must be a plain file name" }]);
  const daemon = config.daemon ?? "fd";
  if (!(daemon in entryInterfaces))
    throw new BuildError([{ text: `${configFile}: unknown daemon ${JSON.stringify(daemon)}` }]);
  return { dir, moduleName: config.moduleName, daemon, entry: join(dir, config.entry ?? "index.ts") };
}

function diagnosticError(d, checkFile, entry) {
  const text = `error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  if (!d.file) return { text };
  if (d.file.fileName === checkFile)
    return { file: relative(process.cwd(), entry), line: 1, column: 1,
             text: `the module's exports are not the daemon's entry points: ${text}` };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  return { file: relative(process.cwd(), d.file.fileName), line: line + 1, column: character + 1, text };
}

/** "start_backup_file", "startBackupfile" and "startBackupFile" alike. */
const spelledAlike = (name) => name.replace(/_/g, "").toLowerCase();

/**
 * Members of the plugin's classes that are meant as one of their base
 * class's hooks but are not spelled like it ("start_backup_file" in a
 * BareosFdPlugin, whose hook is startBackupFile): type-correct, such a
 * method is never called, and the plugin silently does nothing.
 */
function misnamedHooks(program, pluginDir) {
  const checker = program.getTypeChecker();
  const fromKit = (type) => type.getSymbol()?.declarations?.some((d) => !relative(kitDir, d.getSourceFile().fileName).startsWith(".."))
    || (type.isClassOrInterface() && checker.getBaseTypes(type).some(fromKit));
  const errors = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || relative(pluginDir, file.fileName).startsWith("..")) continue;
    const visit = (node) => {
      const type = ts.isClassLike(node) && node.heritageClauses ? checker.getTypeAtLocation(node) : undefined;
      if (type?.isClassOrInterface()) {
        const bases = checker.getBaseTypes(type).filter(fromKit);
        const inherited = new Map();
        for (const base of bases)
          for (const p of checker.getPropertiesOfType(base)) inherited.set(spelledAlike(p.getName()), p.getName());
        for (const member of node.members) {
          const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
          const hook = name && inherited.get(spelledAlike(name));
          if (!hook || hook === name) continue;
          const { line, character } = file.getLineAndCharacterOfPosition(member.name.getStart(file));
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
  #parsed = null;
  #files = new Map();
  /** @type {Map<string, import("typescript").Program>} */
  programs = new Map();

  get parsed() {
    this.#parsed ??= ts.getParsedCommandLineOfConfigFile(join(kitDir, "tsconfig.plugin.json"), {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new BuildError([{ text: String(d.messageText) }]); } });
    return this.#parsed;
  }

  sourceFile(name, lang, read) {
    const mtime = ts.sys.getModifiedTime?.(name)?.getTime();
    const known = this.#files.get(name);
    if (known && known.mtime === mtime) return known.file;
    const file = read();
    if (file) this.#files.set(name, { mtime, file });
    return file;
  }
}

/**
 * Type-checks a plugin folder against the daemon's typings, including that the
 * module exports the entry points (named, or as members of its default export)
 * and that no method of its classes misspells a hook of their base class.
 * @returns {Promise<{warnings: object[], program: import("typescript").Program}>}
 */
export async function check({ plugin, cache = new CheckCache() }) {
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
                       : cache.sourceFile(name, lang, () => getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === checkFile || fileExists(name);
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
const noNodeBuiltins = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, "").split("/")[0];
      if (!args.path.startsWith("node:") && !nodeBuiltins.has(bare)) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node.js built-in module and does not exist ` +
        `inside the Bareos daemon; use "bareos:os", "qjs:os" or "qjs:std" instead` }] };
    });
  },
};

/**
 * The value exports of each native module, as the kit's typings declare them,
 * read from a program that already holds them (a check's) or from a new one.
 */
function nativeExports(program) {
  if (!program) {
    const typesDir = join(kitDir, "types");
    const rootNames = readdirSync(typesDir).filter((f) => f.endsWith(".d.ts")).map((f) => join(typesDir, f));
    program = ts.createProgram({ rootNames, options: { noEmit: true, types: [] } });
  }
  const checker = program.getTypeChecker();
  const exports = new Map();
  for (const module of checker.getAmbientModules()) {
    const name = module.getName().replace(/^"|"$/g, "");
    if (!nativeModules.includes(name)) continue;
    exports.set(name, checker.getExportsOfModule(module)
      .filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.getName()));
  }
  return exports;
}

/*
 * `import * as fd from "bareosfd"` makes QuickJS build the module's namespace
 * object at every job start: for bareosfd, ~240 names sorted and added one by
 * one, an eighth of the job's start.  Routing each native module through a
 * bundled module that re-exports its names lets esbuild turn member accesses
 * (fd.bRC_OK) into named imports of just the names the plugin uses.
 */
function namedNativeImports(exports) {
  const namespace = "bareos-native";
  const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    name: "named-native-imports",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${[...exports.keys()].map(escape).join("|")})$`) }, (args) =>
        args.namespace === namespace ? { path: args.path, external: true }
                                     : { path: args.path, namespace, sideEffects: false });
      b.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `import { ${exports.get(args.path).join(", ")} } from ${JSON.stringify(args.path)};\n` +
                  `export { ${exports.get(args.path).join(", ")} };\n`,
        loader: "js",
      }));
    },
  };
}

/**
 * esbuild keeps every name a bundle imports from an external module, used or
 * not; each one costs its resolution at every job start.  Keeps the names
 * the rest of the bundle mentions as a word (one that only appears in a
 * string or as a property name is kept needlessly, never dropped wrongly),
 * on the same line so the source map holds.
 */
function pruneNativeImports(outfile) {
  const code = readFileSync(outfile, "utf8");
  const modules = nativeModules.map((m) => JSON.stringify(m).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const importLine = new RegExp(`^import \\{([^}]*)\\} from (${modules.join("|")});$`, "gm");
  const rest = code.replace(importLine, "");
  const mentioned = (name) =>
    new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(rest);
  const pruned = code.replace(importLine, (_, list, from) => {
    const kept = list.split(",").map((s) => s.trim()).filter(Boolean)
      .filter((spec) => mentioned(spec.split(/\s+as\s+/).at(-1)));
    return kept.length ? `import { ${kept.join(", ")} } from ${from};` : "";
  });
  if (pruned !== code) writeFileSync(outfile, pruned);
}

function esbuildError(m) {
  return m.location
    ? { file: m.location.file, line: m.location.line, column: m.location.column + 1, text: `error: ${m.text}` }
    : { text: `error: ${m.text}` };
}

/** Source paths relative to the working directory, as job messages show them. */
function rewriteSourceMap(mapFile) {
  const map = JSON.parse(readFileSync(mapFile, "utf8"));
  map.sources = map.sources.map((s) => relative(process.cwd(), resolve(dirname(mapFile), s)));
  writeFileSync(mapFile, JSON.stringify(map));
}

/** Where a file of this name is on PATH, if anywhere. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

/**
 * The engine's bytecode compiler: the `qjsc` option (false: none), else
 * $BAREOS_QJSC, else bareos-qjsc on PATH (the Debian package and `make install`
 * put it there).  Bytecode is only worth having from the engine the daemon runs.
 */
export function findCompiler(qjsc) {
  if (qjsc === false) return null;
  const chosen = qjsc ?? process.env.BAREOS_QJSC;
  if (chosen) {
    if (!existsSync(chosen)) throw new BuildError([{ text: `the bytecode compiler ${chosen} does not exist` }]);
    return resolve(chosen);
  }
  return onPath("bareos-qjsc");
}

/** Precompiles the bundle for the engine; the plugin falls back to the .js
 * whenever the bytecode does not match it. */
function compileBytecode(compiler, outfile, moduleName, outdir) {
  const bytecode = join(outdir, `${moduleName}.qjsbc`);
  if (!compiler) {
    rmSync(bytecode, { force: true });
    return null;
  }
  const r = spawnSync(compiler, [outfile, bytecode], { encoding: "utf8" });
  if (r.status !== 0) throw new BuildError([{ text: (r.stderr || r.error?.message || "bareos-qjsc failed").trim() }]);
  return bytecode;
}

function esbuildOptions(config, outfile, exports) {
  return {
    entryPoints: [config.entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    mainFields: ["module", "main"],
    external: nativeModules,
    plugins: [namedNativeImports(exports), noNodeBuiltins],
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
  };
}

async function bundle(run) {
  try {
    await run();
  } catch (e) {
    if (e.errors) throw new BuildError(e.errors.map(esbuildError));
    throw e;
  }
}

function finish(config, outfile, outdir, compiler) {
  pruneNativeImports(outfile);
  rewriteSourceMap(`${outfile}.map`);
  const bytecode = compileBytecode(compiler, outfile, config.moduleName, outdir);
  return { outfile, mapfile: `${outfile}.map`, bytecode, bytes: statSync(outfile).size };
}

/**
 * Type-checks and bundles a plugin folder into <outdir>/<moduleName>.js
 * (outdir: <plugin>/build unless given),
 * <moduleName>.js.map and, with the engine's bytecode compiler (see
 * findCompiler), <moduleName>.qjsbc.
 * @returns {Promise<{outfile: string, mapfile: string, bytecode: string | null, bytes: number}>}
 */
export async function build({ plugin, outdir, typecheck = true, qjsc }) {
  const config = readPluginConfig(plugin);
  outdir ??= join(config.dir, "build");
  const compiler = findCompiler(qjsc);
  const checked = typecheck ? await check({ plugin: config }) : null;
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${config.moduleName}.js`);
  await bundle(() => esbuild.build(esbuildOptions(config, outfile, nativeExports(checked?.program))));
  return finish(config, outfile, outdir, compiler);
}

/**
 * Builds a plugin folder, then again whenever a file in it changes, until
 * close(): each rebuild re-checks only what changed and bundles incrementally.
 * onBuild gets each result, onError each failure (a BuildError when the
 * plugin is at fault).
 * @returns {Promise<{close(): Promise<void>, rebuild(): Promise<void>}>}
 */
export async function watch({ plugin, outdir, qjsc, onBuild = () => {}, onError = () => {}, debounceMs = 50 }) {
  const config = readPluginConfig(plugin);
  outdir ??= join(config.dir, "build");
  const compiler = findCompiler(qjsc);
  const cache = new CheckCache();
  const outfile = join(outdir, `${config.moduleName}.js`);
  let context = null;
  let running = Promise.resolve();
  const once = async () => {
    const started = performance.now();
    try {
      const { program } = await check({ plugin: config, cache });
      mkdirSync(outdir, { recursive: true });
      context ??= await esbuild.context(esbuildOptions(config, outfile, nativeExports(program)));
      await bundle(() => context.rebuild());
      onBuild({ ...finish(config, outfile, outdir, compiler), ms: performance.now() - started });
    } catch (e) {
      onError(e);
    }
  };
  const rebuild = () => (running = running.then(once));
  await rebuild();
  const skip = [resolve(outdir), join(config.dir, "node_modules")];
  let timer = null;
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
      await context?.dispose();
    },
  };
}
