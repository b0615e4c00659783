// The parts of the kit that run anywhere (no daemon modules), for tools and tests.
export { isYes, resolveOptions, splitPluginOptions, parseOptionsFile } from "./options.js";
export { b85decode } from "./base85.js";
