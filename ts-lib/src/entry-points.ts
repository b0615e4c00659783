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

/** The names of P's methods that have type F. */
export type MethodsOf<P, F> = { [M in keyof P]-?: P[M] extends F ? M : never }[keyof P];

/** For each entry point but load_bareos_plugin, what it is on an instance:
 * every one the daemon's typings name, and no other.  Mostly the name of the
 * method it is: a name is data, where a function to pick it would be one
 * more function object in every job's runtime. */
export type EntryHooks<P, Entries extends Loadable> = {
  readonly [K in Exclude<keyof Entries, "load_bareos_plugin">]-?:
    MethodsOf<P, NonNullable<Entries[K]>> | ((plugin: P) => Entries[K]);
};

/** The method of plugin named `name`, bound to it. */
export function boundMethod<P extends object>(plugin: P, name: keyof P): unknown {
  return (plugin[name] as (...args: never[]) => unknown).bind(plugin);
}

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
      for (const name of names) {
        const hook = hooks[name];
        entries[name as string] = typeof hook === "function" ? hook(plugin) : boundMethod(plugin, hook as keyof P);
      }
      return ok;
    },
  };
  for (const name of names) entries[name as string] = notLoaded;
  return entries as Required<Entries>;
}
