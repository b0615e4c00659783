#!/usr/bin/env node
// The plugin author's tool: init, check, build and watch plugin folders.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { build, check, watch, BuildError } from "../lib/build.js";
import { init } from "../lib/init.js";

const pluginJson = `plugin.json, in each plugin folder:
  moduleName  the bundle's name: <outdir>/<moduleName>.js, and module_name=
              in the Plugin line (required; a plain file name)
  daemon      "fd" (default), "sd" or "dir": whose entry points and typings
              the plugin is checked against
  entry       the module to bundle, relative to the folder (default "index.ts")`;

const bytecodeHelp = `  --qjsc PATH     the engine's bytecode compiler, else $BAREOS_QJSC: the
                  bareos-qjsc installed with the quickjs plugins
                  (/usr/bin/bareos-qjsc), or build/bin/bareos-qjsc of a
                  bareos-quickjs build. Bytecode must come from the engine the
                  daemon runs; with none, the daemon compiles the .js at each
                  job start.
  --no-bytecode   write no .qjsbc (and remove an old one)`;

const commands = {
  init: {
    summary: "create a plugin folder to start from",
    usage: `usage: bareos-qjs init <folder> [--daemon fd|sd|dir] [--name NAME]

Writes into <folder> (new or empty) plugin.json, tsconfig.json, package.json,
index.ts (a small working plugin), README.md and test/plugin.test.mjs.
  --daemon D      fd (default), sd or dir
  --name NAME     the module name (default: the folder's name)`,
    options: { daemon: { type: "string" }, name: { type: "string" } },
    run: ({ positionals, values }) => {
      if (positionals.length !== 1) return usageError("init");
      const { dir, files } = init({ folder: positionals[0], daemon: values.daemon, moduleName: values.name });
      console.log(`created ${dir}: ${files.join(", ")}\nnext: cd ${positionals[0]} && npm run build`);
      return true;
    },
  },
  check: {
    summary: "type-check plugin folders",
    usage: `usage: bareos-qjs check [<folder>...]

Type-checks each folder (default: .) against the daemon's typings: the module
must export the daemon's entry points, and no method may misspell a hook of
its base class.

${pluginJson}`,
    options: {},
    run: async ({ positionals }) => eachFolder(positionals, async (plugin) => {
      await check({ plugin });
      console.log(`checked ${plugin}`);
    }),
  },
  build: {
    summary: "type-check and bundle plugin folders",
    usage: `usage: bareos-qjs build [<folder>...] [--outdir DIR] [--qjsc PATH | --no-bytecode]

Type-checks each folder (default: .) as \`check\` does, then bundles it into
one ES module with its source map, and bytecode when the engine's compiler is
found: <outdir>/<moduleName>.js, .js.map, .qjsbc.
  --outdir DIR    where the bundles go (default: <folder>/build)
${bytecodeHelp}

${pluginJson}`,
    options: { outdir: { type: "string" }, qjsc: { type: "string" }, "no-bytecode": { type: "boolean" } },
    run: async ({ positionals, values }) => eachFolder(positionals, async (plugin) => {
      const { outfile, bytes, bytecode } = await build({ plugin, ...buildOptions(values) });
      console.log(built(outfile, bytes, bytecode));
    }),
  },
  watch: {
    summary: "build plugin folders, then again on every change",
    usage: `usage: bareos-qjs watch [<folder>...] [--outdir DIR] [--qjsc PATH | --no-bytecode]

Builds each folder as \`build\` does, then again whenever a file in it
changes (only what changed is checked again), until interrupted.
  --outdir DIR    where the bundles go (default: <folder>/build)
${bytecodeHelp}`,
    options: { outdir: { type: "string" }, qjsc: { type: "string" }, "no-bytecode": { type: "boolean" } },
    run: async ({ positionals, values }) => {
      for (const plugin of positionals.length ? positionals : ["."])
        await watch({
          plugin, ...buildOptions(values),
          onBuild: ({ outfile, bytes, bytecode, ms }) => console.log(`${built(outfile, bytes, bytecode)} in ${ms.toFixed(0)} ms`),
          onError: (e) => console.error(e instanceof BuildError ? e.message : e.stack),
        });
      console.log("watching; Ctrl-C ends");
      await new Promise(() => {});
    },
  },
};

const usage = `usage: bareos-qjs <command> [options]

${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`).join("\n")}

\`bareos-qjs <command> --help\` tells more; --version the kit's version.`;

function usageError(command) {
  console.error(commands[command]?.usage ?? usage);
  process.exitCode = 2;
  return false;
}

function buildOptions(values) {
  return { outdir: values.outdir, qjsc: values["no-bytecode"] ? false : values.qjsc };
}

function built(outfile, bytes, bytecode) {
  return `built ${outfile} (${(bytes / 1024).toFixed(1)} KiB), its source map` +
         (bytecode ? " and bytecode" : " (no bytecode: no compiler given by --qjsc or $BAREOS_QJSC)");
}

async function eachFolder(folders, work) {
  let ok = true;
  for (const plugin of folders.length ? folders : ["."]) {
    try {
      await work(plugin);
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      ok = false;
      console.error(e.message);
    }
  }
  return ok;
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    console.log(version);
    return true;
  }
  if (name === "help" && rest.length <= 1 && (!rest[0] || rest[0] in commands)) {
    console.log(rest[0] ? commands[rest[0]].usage : usage);
    return true;
  }
  if (name === "--help" || name === "-h") {
    console.log(usage);
    return true;
  }
  const command = commands[name];
  if (!command) {
    if (name) console.error(`bareos-qjs: unknown command ${JSON.stringify(name)}\n`);
    return usageError(name);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true,
                         options: { ...command.options, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    console.error(`bareos-qjs ${name}: ${e.message}\n`);
    return usageError(name);
  }
  if (parsed.values.help) {
    console.log(command.usage);
    return true;
  }
  try {
    return await command.run(parsed);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    console.error(e.message);
    return false;
  }
}

const ok = await main(process.argv.slice(2));
process.exitCode ??= ok ? 0 : 1;
