// What the base classes of the three daemons share: the options and how a
// definition sets them, and events dispatched to hooks through a table. Each
// daemon's class describes itself once (a Daemon) and adds its own hooks.
import type * as fd from "bareosfd";
import type * as sd from "bareossd";
import type * as dir from "bareosdir";
import { applyDefinition, type DefinitionRules } from "./definition.js";
import type { MethodsOf } from "./entry-points.js";
import { mandatoryList, type MandatoryOptions, type Options } from "./options.js";

/** What an entry point or hook returns, the same in every daemon. */
export type EntryResult = fd.EntryResult | sd.EntryResult | dir.EntryResult;
type Code = fd.bRC | sd.bRC | dir.bRC;

/** A daemon as its base class P sees it. */
export interface Daemon<P, Event extends number, Value> {
  readonly ok: Code;
  readonly error: Code;
  /** Job messages of the definition's problems. */
  warning(text: string): void;
  fatal(text: string): void;
  /** The options a new definition replaces, and how it reads its files. */
  definition(plugin: P): { readonly replaced: readonly string[]; readonly rules: Omit<DefinitionRules, "mandatory"> };
  /** The events the base class handles: the hook's name, or its
   * bookkeeping and then the hook. */
  readonly events: {
    readonly [event: number]: MethodsOf<P, (value: Value) => EntryResult> | ((plugin: P, value: Value) => EntryResult) | undefined;
  };
  /** Every other event. */
  other(plugin: P, event: Event, value: Value): EntryResult;
}

/**
 * `Mandatory` names the options the plugin requires, the same names as its
 * `mandatoryOptions` list (`as const`): hooks after an accepted definition
 * see them as strings.
 */
export abstract class BareosPlugin<Mandatory extends string, P, Event extends number, Value> {
  /**
   * Options of the job's definitions (see each daemon's class for which a
   * new one replaces). Empty until the first definition; the mandatory ones
   * are there in every hook that follows an accepted one, from checkOptions
   * on: not in the constructor, nor in the end-of-job hooks of a job whose
   * definition was refused.
   */
  readonly options: Options<Mandatory> = {} as Options<Mandatory>;
  /** Options that must be given; a missing one fails the job. A class with
   * a type argument names the same options here. */
  protected readonly mandatoryOptions: MandatoryOptions<Mandatory> = mandatoryList([]);
  readonly #daemon: Daemon<P, Event, Value>;

  constructor(daemon: Daemon<P, Event, Value>) {
    this.#daemon = daemon;
  }

  // The daemon's description is written for its own base class, P.
  #self(): P {
    return this as unknown as P;
  }

  /** Parses and checks a definition; an override may be async. */
  parsePluginDefinition(plugindef: string): EntryResult {
    const { replaced, rules } = this.#daemon.definition(this.#self());
    for (const key of replaced) delete this.options[key];
    const ok = applyDefinition(this.options, plugindef, { mandatory: this.mandatoryOptions, ...rules }, this.#daemon);
    return ok ? this.checkOptions() : this.#daemon.error;
  }

  /** Override to validate options beyond the mandatory ones; may be async. */
  checkOptions(): EntryResult {
    return this.#daemon.ok;
  }

  handlePluginEvent(event: Event, value: Value): EntryResult {
    const hook = this.#daemon.events[event];
    const self = this.#self();
    if (hook === undefined) return this.#daemon.other(self, event, value);
    if (typeof hook === "function") return hook(self, value);
    const method = self[hook as keyof P] as (value: Value) => EntryResult;
    return method.call(self, value);
  }
}
