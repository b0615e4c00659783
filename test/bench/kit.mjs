// Row 8: how long an author waits for a bundle.  A warm rebuild is the
// watcher's (bareos-qjs watch): from saving a file to the new bundle on disk;
// a cold build is one `bareos-qjs build` process.
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { watch } from "../../ts-lib/lib/build.js";

/** Milliseconds per warm rebuild and per cold build of plugins/hello, `reps` of each. */
export async function kitTimes(root, out, reps) {
  // Inside the checkout, so "bareos-qjs" resolves to the kit.
  const plugin = join(out, "kit-plugin");
  rmSync(plugin, { recursive: true, force: true });
  cpSync(join(root, "plugins/hello"), plugin, { recursive: true });
  const qjsc = join(root, "build/bin/bareos-qjsc");
  const outdir = join(out, "kit-bundle");

  // The build waited for; a failed one ends the bench instead of hanging it.
  let pending = null;
  let failure = null;
  const watcher = await watch({ plugin, outdir, qjsc, onBuild: () => pending?.resolve(),
                                onError: (e) => (pending ? pending.reject(e) : (failure = e)) });
  if (failure) {
    await watcher.close();
    throw failure;
  }
  const warm = [];
  try {
    for (let i = 0; i < reps; i++) {
      const done = new Promise((resolve, reject) => { pending = { resolve, reject }; });
      const started = performance.now();
      appendFileSync(join(plugin, "index.ts"), `// edit ${i}\n`);
      await done;
      warm.push(performance.now() - started);
    }
  } finally {
    await watcher.close();
  }
  const cold = Array.from({ length: reps }, () => {
    const started = performance.now();
    execFileSync(process.execPath, [join(root, "ts-lib/bin/bareos-qjs.mjs"), "build", plugin,
                                    "--outdir", outdir, "--qjsc", qjsc], { stdio: "ignore" });
    return performance.now() - started;
  });
  return { warm, cold };
}
