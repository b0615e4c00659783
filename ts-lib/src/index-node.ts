// The parts of the kit that run anywhere (no daemon modules), for tools and tests.
export { isNo, isYes, resolveOptions, yesOrNo, splitPluginOptions, parseOptionsFile } from "./options.js";
export { b85decode } from "./base85.js";
