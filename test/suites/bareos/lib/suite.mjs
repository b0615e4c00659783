// What every real-daemon suite starts with: the Bareos to test (or the
// reason it is skipped), a PostgreSQL server for the catalog (the runner's,
// shared through BQ_PG_*, else one of our own), and the daemons.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { findBareos, root } from "./install.mjs";
import { startBareos } from "./daemons.mjs";
import { startPostgres } from "../../../lib/postgres.mjs";

export { root };
export const plugins = join(root, "build/plugins");
export const testPlugins = join(root, "test/plugins/js");

let found;
/** The Bareos this machine can run, or { skip }. */
export function bareosHere() {
  found ??= findBareos(join(root, "build/test-bareos/libs"));
  return found;
}

/** test(), or test.skip() after saying once why, when no Bareos can run here. */
export function withBareos(name, body) {
  const bareos = bareosHere();
  if (!bareos.skip) return test(name, body);
  if (!withBareos.said) console.log(`skipped: ${bareos.skip}`);
  withBareos.said = true;
  return test.skip(name, body);
}

async function catalogServer() {
  const { BQ_PG_HOST: host, BQ_PG_PORT: port, BQ_PG_BIN: bin } = process.env;
  if (host && port && bin) return { host, port: Number(port), bin, stop() {} };
  return startPostgres();
}

/**
 * Starts a suite's daemons (startBareos's options); resolves to the
 * instance with helpers. `close()` ends the daemons and the catalog server it started,
 * and keeps the suite's folder when the suite failed.
 */
export async function startSuite(options) {
  const bareos = bareosHere();
  if (bareos.skip) throw new Error(bareos.skip);
  const postgres = await catalogServer();
  let instance;
  try {
    instance = await startBareos({ bareos, postgres, ...options });
  } catch (e) {
    postgres.stop();
    throw e;
  }
  const { console: bconsole, catalog } = instance;
  return Object.assign(instance, {
    /** Runs a job to its end; resolves to its catalog row with `log`. */
    async job(name, runOptions = {}, { timeoutMs } = {}) {
      return instance.finish(await bconsole.run(name, runOptions), { timeoutMs });
    },
    async restore(restoreOptions, { timeoutMs } = {}) {
      return instance.finish(await bconsole.restore(restoreOptions), { timeoutMs });
    },
    async finish(jobid, { timeoutMs } = {}) {
      await Promise.race([bconsole.wait(jobid, { timeoutMs }), instance.death]);
      return { ...catalog.job(jobid), log: catalog.log(jobid) };
    },
    /** A folder under the suite's data folder, made empty. */
    data(name) {
      const dir = join(instance.paths.data, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    async close({ failed = false } = {}) {
      const keep = failed || Boolean(process.env.BQ_KEEP);
      await instance.stop({ keep });
      postgres.stop();
      if (keep) console.log(`the daemons' configs, logs and data are kept in ${instance.dir}`);
    },
  });
}

/**
 * The uvu wiring of a suite: the daemons start before the first test
 * (then setup(bareos) runs) and stop after the last. Returns it(name,
 * body): a test whose body gets the instance; without a Bareos the tests
 * are skipped (after one line saying why).
 */
export function realDaemons(options, setup) {
  if (bareosHere().skip) return (name, body) => withBareos(name, body);
  let bareos = null;
  let failed = false;
  test.before(async () => {
    bareos = await startSuite(options);
    if (setup) await setup(bareos);
  });
  test.after(async () => {
    await bareos?.close({ failed });
  });
  return (name, body) => test(name, async () => {
    try {
      await body(bareos);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

/** The job ended with this status; the message has its log. */
export function assertStatus(job, status) {
  assert.is(job.status, status, `job ${job.jobid} (${job.job}) ended ${job.status}, not ${status}:\n${job.log}`);
}
