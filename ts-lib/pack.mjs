// Makes the npm package of the kit in build/npm/: the package's folder
// (bareos-qjs/) and the tarball `npm pack` makes of it.  The package holds
// compiled JavaScript with its .d.ts files and source maps (and the sources
// they map to), where this folder's package.json points at the TypeScript
// sources for the workspace.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const kit = dirname(fileURLToPath(import.meta.url));
const root = resolve(kit, "..");
const out = join(root, "build/npm");
const pkgDir = join(out, "bareos-qjs");

rmSync(pkgDir, { recursive: true, force: true });
for (const part of ["bin", "lib", "src", "types", "templates", "docs", "README.md",
                    "tsconfig.plugin.json", "tsconfig.build.json"])
  cpSync(join(kit, part), join(pkgDir, part), { recursive: true });
cpSync(join(root, "LICENSE"), join(pkgDir, "LICENSE"));

// Compiled where the package is, so the maps' sources are the package's own.
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(pkgDir, "tsconfig.build.json")],
             { stdio: "inherit" });
rmSync(join(pkgDir, "tsconfig.build.json"));

const source = JSON.parse(readFileSync(join(kit, "package.json"), "utf8"));
const compiled = (path) => path.replace(/^\.\/src\/(.*)\.ts$/, "./dist/$1");
const exports = Object.fromEntries(Object.entries(source.exports).map(([name, path]) =>
  [name, typeof path === "string" && path.startsWith("./src/")
    ? { types: `${compiled(path)}.d.ts`, default: `${compiled(path)}.js` } : path]));
const { private: _, ...published } = source;
writeFileSync(join(pkgDir, "package.json"), `${JSON.stringify({ ...published, exports }, null, 2)}\n`);

const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", out, pkgDir],
                                               { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
console.log(`packed ${join(out, filename)}`);
