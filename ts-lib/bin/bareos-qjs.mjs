#!/usr/bin/env node
// bareos-qjs build <plugin-folder>... [--outdir DIR]   type-check and bundle
// bareos-qjs check <plugin-folder>...                  type-check only
import { build, check, BuildError } from "../lib/build.mjs";

const usage = "usage: bareos-qjs build <plugin-folder>... [--outdir DIR]\n" +
              "       bareos-qjs check <plugin-folder>...";
const [verb, ...rest] = process.argv.slice(2);
let outdir = "build/plugins";
const folders = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === "--outdir") outdir = rest[++i];
  else folders.push(rest[i]);
}
if (!["build", "check"].includes(verb) || folders.length === 0 || !outdir) {
  console.error(usage);
  process.exit(2);
}

let failed = false;
for (const plugin of folders) {
  try {
    if (verb === "check") {
      await check({ plugin });
      console.log(`checked ${plugin}`);
    } else {
      const { outfile, bytes, bytecode } = await build({ plugin, outdir });
      console.log(`built ${outfile} (${(bytes / 1024).toFixed(1)} KiB), its source map` +
                  (bytecode ? " and bytecode" : " (no bytecode: bareos-qjsc is not built)"));
    }
  } catch (e) {
    failed = true;
    console.error(e instanceof BuildError ? e.message : e.stack);
  }
}
process.exit(failed ? 1 : 0);
