// Loads a TypeScript module of the kit into Node by bundling it with esbuild.
import * as esbuild from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const root = resolve(new URL("../..", import.meta.url).pathname);

export async function importTs(relativePath) {
  const dir = mkdtempSync(join(tmpdir(), "bq-kit-"));
  const outfile = join(dir, "module.mjs");
  await esbuild.build({ entryPoints: [join(root, relativePath)], outfile, bundle: true,
                        format: "esm", platform: "node", logLevel: "silent" });
  const module = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return module;
}
