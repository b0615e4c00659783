// The parts of the kit that run anywhere (no daemon modules), for tools and tests.
export { resolveOptions, splitPluginOptions, parseOptionsFile } from "./options.js";
export { b85decode } from "./base85.js";
