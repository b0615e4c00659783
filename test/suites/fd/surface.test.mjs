// The API surface has one truth, the C side's tables: make prints the
// typings of their constants, variables and entry-point names from them
// (bareos-tables.d.ts), the rest is written by hand.  A probe in each
// simulated daemon dumps its native module's namespace (and bareos:os), and
// the kit's typings, read with the TypeScript compiler, must declare exactly
// those names, constant groups and values. The probe also exports every
// entry point the typings declare and one misspelt: the daemon's warning
// must name only that one, and list exactly the typings' entry points. bareosfd-names.json is Python's
// dir(bareosfd): the runtime has each of its names, and only Bareos' newer
// message types besides.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { runSim, pluginString, tempDir, cleanup, messages, sane, root } from "../../lib/sim.mjs";

const daemons = {
  fd: { module: "bareosfd", entries: "FdEntryPoints", args: ["backup", "--archive", "/dev/null", "--fileset-plugin"] },
  sd: { module: "bareossd", entries: "SdEntryPoints", args: ["backup", "--plugin-options"] },
  dir: { module: "bareosdir", entries: "DirEntryPoints", args: ["backup", "--plugin-options"] },
};
const misspelt = "start_backup_files";

// A value's kind as both sides can tell it: a constant's value, a group's
// members, or whether it is a function or a class (a packet type).
const probeSource = (module, entryPoints) => `import * as m from "${module}";
import * as os from "bareos:os";
const kind = (v) => typeof v === "function" ? (v.prototype ? "class" : "function")
  : v !== null && typeof v === "object" ? { ...v } : v;
const describe = (ns) => Object.fromEntries(Object.keys(ns).map((k) => [k, kind(ns[k])]));
export function load_bareos_plugin() {
  m.JobMessage(m.M_INFO, "surface " + JSON.stringify({ "${module}": describe(m), "bareos:os": describe(os) }));
  return m.bRC_Error;
}
${[...entryPoints, misspelt].filter((n) => n !== "load_bareos_plugin")
    .map((n) => `export function ${n}() { return m.bRC_OK; }`).join("\n")}
`;

const typesDir = join(root, "ts-lib/types");
const program = ts.createProgram({
  rootNames: readdirSync(typesDir).filter((f) => f.endsWith(".d.ts")).map((f) => join(typesDir, f)),
  options: { noEmit: true, types: [] },
});
const checker = program.getTypeChecker();
const ambient = (name) => checker.getAmbientModules().find((m) => m.getName().replace(/^"|"$/g, "") === name);

/** The members of the entry-point interface a module's typings declare. */
function declaredEntryPoints(module, iface) {
  const symbol = checker.getExportsOfModule(ambient(module)).find((s) => s.getName() === iface);
  return checker.getDeclaredTypeOfSymbol(symbol).getProperties().map((p) => p.getName());
}

const work = tempDir("bq-surface-");
const runtime = {};
const runs = {};
const warnings = {};
for (const [daemon, { module, entries, args }] of Object.entries(daemons)) {
  writeFileSync(join(work, `surface-${daemon}.js`), probeSource(module, declaredEntryPoints(module, entries)));
  const run = runSim([...args, pluginString(`surface-${daemon}`, "", work)], { daemon });
  runs[daemon] = run;
  const texts = run.jobs[0]?.messages.map((m) => m.text) ?? [];
  const text = texts.find((t) => t.includes(" surface "));
  if (text) Object.assign(runtime, JSON.parse(text.slice(text.indexOf("{"))));
  warnings[daemon] = texts.filter((t) => t.includes("never calls"));
}

/** What the typings declare for each native module, in the probe's terms;
 * a constant typed `number` (a platform's value, as in bareos:os) is "number". */
function declared() {
  const literal = (type) => {
    if (type.isNumberLiteral() || type.isStringLiteral()) return type.value;
    if (type.flags & ts.TypeFlags.Number) return "number";
    if (type.flags & ts.TypeFlags.String) return "string";
    if (type.getConstructSignatures().length) return "class";
    if (type.getCallSignatures().length) return "function";
    const members = type.getProperties();
    if (!members.length) return checker.typeToString(type);
    return Object.fromEntries(members.map((p) => [p.getName(), literal(checker.getTypeOfSymbol(p))]));
  };
  const out = {};
  for (const module of checker.getAmbientModules()) {
    const name = module.getName().replace(/^"|"$/g, "");
    const surface = {};
    for (const s of checker.getExportsOfModule(module)) {
      if (s.flags & ts.SymbolFlags.Class) surface[s.getName()] = "class";
      else if (s.flags & ts.SymbolFlags.Function) surface[s.getName()] = "function";
      else if (s.flags & ts.SymbolFlags.Variable) surface[s.getName()] = literal(checker.getTypeOfSymbol(s));
    }
    out[name] = surface;
  }
  return out;
}

/** The runtime's surface at the typings' precision, keys sorted for a readable diff. */
function asDeclared(actual, typed) {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(typed)])].sort();
  return Object.fromEntries(keys.filter((k) => k in actual).map((k) => {
    const v = actual[k];
    if (typed[k] === "number" || typed[k] === "string") return [k, typeof v];
    if (v !== null && typeof v === "object" && typed[k] && typeof typed[k] === "object")
      return [k, asDeclared(v, typed[k])];
    return [k, v];
  }));
}

const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

test("each probe reports its daemon's surface", () => {
  for (const [daemon, run] of Object.entries(runs)) {
    assert.ok(sane(run), run.stderr);
    assert.ok(daemons[daemon].module in runtime, `${daemon}: ${run.jobs[0] ? messages(run.jobs[0]) : run.stderr}`);
  }
  assert.ok("bareos:os" in runtime);
});

const typings = declared();
for (const module of ["bareosfd", "bareossd", "bareosdir", "bareos:os"]) {
  test(`the typings of ${module} declare exactly the runtime's names, kinds and values`, () => {
    assert.equal(sorted(typings[module]), asDeclared(runtime[module], typings[module]));
  });
}

for (const [daemon, { module, entries }] of Object.entries(daemons)) {
  test(`${daemon}: the entry points the daemon calls are exactly those ${module}'s typings declare`, () => {
    assert.is(warnings[daemon].length, 1, warnings[daemon].join("\n"));
    const found = /exports (.*), which this daemon never calls; its entry points are (.*)$/.exec(warnings[daemon][0]);
    assert.ok(found, warnings[daemon][0]);
    assert.is(found[1], misspelt);
    assert.equal(found[2].split(", ").sort(), declaredEntryPoints(module, entries).sort());
  });
}

test("bareosfd has Python's names, and besides them only Bareos' newer message types", () => {
  const python = JSON.parse(readFileSync(new URL("./bareosfd-names.json", import.meta.url)));
  const names = Object.keys(runtime.bareosfd);
  assert.equal(python.filter((n) => !names.includes(n)), []);
  assert.equal(names.filter((n) => !python.includes(n)).sort(), ["M_AUDIT", "M_CONFIG_ERROR"]);
});

test.after(() => cleanup(work));
test.run();
