// The entry points a daemon calls, bound to the job's one plugin instance
// (each job has its own runtime, so one instance per module is one per job).
import type { EntryResult } from "./plugin-base.js";

let instance: object | undefined;

function notLoaded(): never {
  throw new Error("load_bareos_plugin() has not created the plugin yet");
}

/** The job's plugin instance, checked to be a Class. */
export function currentInstance<T extends object>(Class: abstract new (...args: never[]) => T): T {
  if (!instance) notLoaded();
  if (!(instance instanceof Class))
    throw new Error(`the plugin instance is a ${instance.constructor.name}, not a ${Class.name}`);
  return instance;
}

interface Loadable {
  load_bareos_plugin: (plugindef: string) => EntryResult;
}

/** For each entry point but load_bareos_plugin, what it is on an instance:
 * every one the daemon's typings name, and no other. */
export type EntryHooks<P, Entries extends Loadable> = {
  readonly [K in Exclude<keyof Entries, "load_bareos_plugin">]-?: (plugin: P) => Entries[K];
};

/** Entry points that lead to a new P once load_bareos_plugin made it. */
export function bindEntryPoints<P extends object, Entries extends Loadable>(
    create: (plugindef: string) => P, hooks: EntryHooks<P, Entries>, ok: EntryResult): Required<Entries> {
  const names = Object.keys(hooks) as (keyof typeof hooks)[];
  const entries: Record<string, unknown> = {
    load_bareos_plugin(plugindef: string) {
      // The daemon looks entry points up on every call: from now on they
      // lead straight to the instance (bound methods, no wrapper calls).
      const plugin = create(plugindef);
      instance = plugin;
      for (const name of names) entries[name as string] = hooks[name](plugin);
      return ok;
    },
  };
  for (const name of names) entries[name as string] = notLoaded;
  return entries as Required<Entries>;
}
