// console.* formats its arguments as Node's console.log does (util.format
// over util.inspect with its defaults) into the daemon's debug output.  A
// table of cases runs in one job of the simulated daemon; what each prints
// is what Node 20 prints for it, except where a comment says otherwise and
// for stack traces, which are the engine's (matched as patterns).  Hostile
// values neither crash nor hang the formatting, and an exception, out of
// memory too, reaches the script as it is.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

// The frames of a stack trace, each line indented by `indent`.
const frames = (indent = "") => `(?:\\n${indent}    at [^\\n]+)+`;
const trace = (before, after = "") => new RegExp(`^${before}${frames()}${after}$`);

const cases = [
  ["top-level strings as they are",
   "return ['a\\nb', 'it\\'s']",
   `a
b it's`],
  ["arguments joined by spaces",
   "return ['a', 1, 'b', true]",
   "a 1 b true"],
  ["%s",
   "return ['%s|%s|%s|%s|%s|%s', 'str', 42, -0, 10n, Symbol('s'), undefined]",
   "str|42|-0|10n|Symbol(s)|undefined"],
  ["%s of objects",
   "return ['%s|%s|%s', { a: { b: 1 } }, [1, [2]], new Error('e').message]",
   "{ a: [Object] }|[ 1, [Array] ]|e"],
  ["%s calls a custom toString",
   "return ['%s', { toString() { return 'custom'; } }]",
   "custom"],
  ["%s of a function is its source",
   "return ['%s', function f() { return 1; }]",
   "function f() { return 1; }"],
  ["%d",
   "return ['%d|%d|%d|%d|%d', '42', 1.5, 10n, Symbol('x'), {}]",
   "42|1.5|10n|NaN|NaN"],
  ["%i and %f",
   "return ['%i|%i|%f|%f|%i', '42.9', -7.9, '1.5e3x', 'x', '0x1f']",
   "42|-7|1500|NaN|31"],
  ["%j",
   "return ['%j|%j|%j', { a: [1, 'x'] }, undefined, (() => { const o = {}; o.o = o; return o; })()]",
   "{\"a\":[1,\"x\"]}|undefined|[Circular]"],
  ["%o",
   "return ['%o', { a: [1, 2] }]",
   "{ a: [ 1, 2, [length]: 2 ] }"],
  ["%O and %c",
   "return ['%O%c!', { a: { b: { c: { d: 1 } } } }, 'color: red']",
   "{ a: { b: { c: [Object] } } }!"],
  ["%% and unknown directives",
   "return ['100%% %x %s', 'done']",
   "100% %x done"],
  ["more directives than arguments",
   "return ['%s and %s', 'one']",
   "one and %s"],
  ["more arguments than directives",
   "return ['%s:', 'a', 'b', { c: 1 }]",
   "a: b { c: 1 }"],
  ["a format string alone",
   "return ['%s %%']",
   "%s %%"],
  ["plain object",
   "return [{ a: 1, b: 'x' }]",
   "{ a: 1, b: 'x' }"],
  ["array",
   "return [[1, 2, 3]]",
   "[ 1, 2, 3 ]"],
  ["nested to depth 2",
   "return [{ a: { b: { c: { d: 1 } } }, arr: [[[[1]]]] }]",
   "{ a: { b: { c: [Object] } }, arr: [ [ [Array] ] ] }"],
  ["empty objects are shown at any depth",
   "return [{ a: { b: { c: {} , d: [] } } }]",
   "{ a: { b: { c: {}, d: [] } } }"],
  ["strings in objects",
   "return [['x', \"it's\", 'say \"hi\" it\\'s', 'a`b\"c\\'d', 'tab\\there\\n', '\\x00\\x7f\\u0085\\\\']]",
   `[
  'x',
  "it's",
  \`say "hi" it's\`,
  'a\`b"c\\'d',
  'tab\\there\\n',
  '\\x00\\x7F\\x85\\\\'
]`],
  ["primitives",
   "return [[undefined, null, -0, 0, 1.5, NaN, -Infinity, 10n, true, Symbol('s'), Symbol()]]",
   `[
  undefined, null,
  -0,        0,
  1.5,       NaN,
  -Infinity, 10n,
  true,      Symbol(s),
  Symbol()
]`],
  ["functions",
   "return [[function f() {}, function () {}, () => {}, async function af() {}, function* g() {}, async function* ag() {}]]",
   `[
  [Function: f],
  [Function (anonymous)],
  [Function (anonymous)],
  [AsyncFunction: af],
  [GeneratorFunction: g],
  [AsyncGeneratorFunction: ag]
]`],
  ["classes",
   "class A {} class B extends A {} return [[A, B, class {}]]",
   "[ [class A], [class B extends A], [class (anonymous)] ]"],
  ["functions with properties",
   "function f() {} f.x = 1; return [f]",
   "[Function: f] { x: 1 }"],
  ["class instances",
   "class Foo { constructor() { this.x = 1; } } class Bar extends Foo {} return [new Foo(), new Bar(), new (class {})()]",
   "Foo { x: 1 } Bar { x: 1 } {}"],
  ["a prototype is not an instance of its class",
   "class Foo {} function f() {} return [Foo.prototype, f.prototype]",
   "{} {}"],
  ["null prototype",
   "const o = Object.create(null); o.a = 1; return [Object.create(null), o]",
   "[Object: null prototype] {} [Object: null prototype] { a: 1 }"],
  ["symbol keys and quoted keys",
   "return [{ [Symbol('k')]: 1, 'a-b': 2, '0': 3, ok_1: 4, '': 5, __proto__x: 6, 'it\\'s': 7 }]",
   `{
  '0': 3,
  'a-b': 2,
  ok_1: 4,
  '': 5,
  __proto__x: 6,
  "it's": 7,
  [Symbol(k)]: 1
}`],
  ["Date and RegExp",
   "return [new Date(0), new Date(NaN), /ab+c/gi, new RegExp('a/b', 'y')]",
   "1970-01-01T00:00:00.000Z Invalid Date /ab+c/gi /a\\/b/y"],
  ["Map and Set",
   "return [new Map([['a', 1], [{ k: 1 }, [2]]]), new Set([1, 'x']), new Map(), new Set()]",
   "Map(2) { 'a' => 1, { k: 1 } => [ 2 ] } Set(2) { 1, 'x' } Map(0) {} Set(0) {}"],
  ["typed arrays",
   "return [new Uint8Array([1, 2, 3]), new Float64Array([0.5, -0]), new BigInt64Array([1n]), new Int16Array(0)]",
   "Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 0.5, -0 ] BigInt64Array(1) [ 1n ] Int16Array(0) []"],
  ["ArrayBuffer and DataView",
   "return [new Uint8Array([1, 2, 255]).buffer, new DataView(new ArrayBuffer(2))]",
   `ArrayBuffer { [Uint8Contents]: <01 02 ff>, byteLength: 3 } DataView {
  byteLength: 2,
  byteOffset: 0,
  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }
}`],
  ["Promises",
   "const rejected = Promise.reject(new Map()); rejected.catch(() => {}); return [Promise.resolve(4), new Promise(() => {}), rejected]",
   "Promise { 4 } Promise { <pending> } Promise { <rejected> Map(0) {} }"],
  ["circular references",
   "const o = { name: 'o' }; o.self = o; o.list = [o, { back: o }]; return [o]",
   `<ref *1> {
  name: 'o',
  self: [Circular *1],
  list: [ [Circular *1], { back: [Circular *1] } ]
}`],
  ["two circular objects",
   "const a = {}; const b = { a }; a.b = b; b.self = b; return [a]",
   "<ref *1> { b: <ref *2> { a: [Circular *1], self: [Circular *2] } }"],
  ["getters and setters are not called",
   "return [{ get g() { throw new Error('called'); }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }]",
   "{ g: [Getter], s: [Setter], gs: [Getter/Setter] }"],
  ["more than 100 items",
   "return [Array.from({ length: 101 }, (_, i) => i % 10)]",
   `[
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
  6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,
  8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
  6, 7, 8, 9,
  ... 1 more item
]`],
  ["holes",
   "const a = [1, , 3]; a.length = 6; a[1e9] = 'far'; return [[1, , 3], a]",
   "[ 1, <1 empty item>, 3 ] [ 1, <1 empty item>, 3, <999999997 empty items>, 'far' ]"],
  ["array with named properties",
   "const a = [1, 2]; a.extra = 'x'; return [a]",
   "[ 1, 2, extra: 'x' ]"],
  ["long lines break at 80 columns",
   "return [{ alpha: 'aaaaaaaaaaaaaaa', beta: 'bbbbbbbbbbbbbbbbbb', gamma: 'ccccccccccccccccccc', delta: 1 }]",
   `{
  alpha: 'aaaaaaaaaaaaaaa',
  beta: 'bbbbbbbbbbbbbbbbbb',
  gamma: 'ccccccccccccccccccc',
  delta: 1
}`],
  ["many short items in columns",
   "return [Array.from({ length: 30 }, (_, i) => i * 7)]",
   `[
    0,   7,  14,  21,  28,  35,  42,  49,
   56,  63,  70,  77,  84,  91,  98, 105,
  112, 119, 126, 133, 140, 147, 154, 161,
  168, 175, 182, 189, 196, 203
]`],
  ["many short strings in columns",
   "return [Array.from({ length: 12 }, (_, i) => 'w' + 'x'.repeat(i % 4))]",
   `[
  'w',    'wx',   'wxx',
  'wxxx', 'w',    'wx',
  'wxx',  'wxxx', 'w',
  'wx',   'wxx',  'wxxx'
]`],
  ["nested objects on one line up to 3 levels",
   "return [{ a: { b: { c: {} } } }, [[[1]]]]",
   "{ a: { b: { c: {} } } } [ [ [ 1 ] ] ]"],
  ["long strings split at newlines",
   "return [{ text: 'first line of a long text\\nsecond line of a long text\\nthird' }]",
   `{
  text: 'first line of a long text\\nsecond line of a long text\\nthird'
}`],
  ["strings longer than 10000 characters",
   "return [['x'.repeat(10003)]]",
   /^\[\n  'x{10000}'\.\.\. 3 more characters\n\]$/],
  ["boxed primitives",
   "return [new Number(3), new String('ab'), new Boolean(false), Object(Symbol('s')), Object(5n)]",
   "[Number: 3] [String: 'ab'] [Boolean: false] [Symbol: Symbol(s)] [BigInt: 5n]"],
  ["WeakMap and WeakSet",
   "return [new WeakMap(), new WeakSet()]",
   "WeakMap { <items unknown> } WeakSet { <items unknown> }"],
  ["a Map subclass",
   "class Registry extends Map {} return [new Registry([[1, 2]])]",
   "Registry(1) [Map] { 1 => 2 }"],
  ["Symbol.toStringTag",
   "class T { static [Symbol.toStringTag] = 'T'; } T.prototype[Symbol.toStringTag] = 'Tagged'; return [{ [Symbol.toStringTag]: 'own' }, Object.create({ [Symbol.toStringTag]: 'inherited' }), new T()]",
   "{ [Symbol(Symbol.toStringTag)]: 'own' } Object [inherited] {} T [Tagged] {}"],
  ["a module namespace",
   "return [probe]",
   `[Module: null prototype] {
  end_backup_file: [Function: end_backup_file],
  handle_plugin_event: [Function: handle_plugin_event],
  load_bareos_plugin: [Function: load_bareos_plugin],
  parse_plugin_definition: [Function: parse_plugin_definition],
  plugin_io: [Function: plugin_io],
  start_backup_file: [Function: start_backup_file]
}`],
  ["an array item getter is not called",
   "return [Object.defineProperty([1], 1, { get() { throw new Error('called'); }, enumerable: true })]",
   "[ 1, [Getter] ]"],
  ["a proxy is shown as its target, no trap runs",
   "const trap = () => { throw new Error('trap'); }; return [new Proxy({ a: 1 }, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, has: trap })]",
   "{ a: 1 }"],
  ["a proxy of an array or a function",
   "return [new Proxy([1, 2], {}), new Proxy(function named() {}, {})]",
   "[ 1, 2 ] [Function: named]"],
  ["a revoked proxy",
   "const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return [proxy, { p: proxy }]",
   "<Revoked Proxy> { p: <Revoked Proxy> }"],
  ["%o shows proxies",
   "return ['%o', new Proxy({ a: 1 }, {})]",
   "Proxy [ { a: 1 }, {} ]"],
  ["a huge array",
   "return [new Array(1e6).fill(0)]",
   `[
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0,
  ... 999900 more items
]`],
  ["a huge typed array",
   "return [new Uint8Array(1 << 24)]",
   `Uint8Array(16777216) [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0,
  ... 16777116 more items
]`],
  ["deep nesting",
   "let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; return [o]",
   "{ o: { o: { o: [Object] } } }"],
  ["a long prototype chain",
   "let o = {}; for (let i = 0; i < 1e4; i++) o = Object.create(o); return [o]",
   "{}"],
  ["a throwing toString passes its exception on, as in Node",
   "return ['%s', { toString() { throw new Error('bad toString'); } }]",
   "threw Error: bad toString"],
  ["a throwing valueOf for %d",
   "return ['%d', { valueOf() { throw new Error('bad valueOf'); } }]",
   "threw Error: bad valueOf"],
  // Node says "Do not know how to serialize a BigInt".
  ["a BigInt for %j",
   "return ['%j', { n: 1n }]",
   "threw TypeError: BigInt are forbidden in JSON.stringify"],
  // Node calls the getter, and throws.
  ["a class with a throwing static name getter",
   "class Odd { static get name() { throw new Error('name'); } } return [new Odd(), Odd]",
   "{} [class (anonymous)]"],

  ["an Error with its stack", "return [new Error('boom')]", trace("Error: boom")],
  ["an Error with own properties",
   "return [Object.assign(new Error('no such file'), { code: 'ENOENT', errno: -2 })]",
   trace("Error: no such file", " \\{\\n  code: 'ENOENT',\\n  errno: -2\\n\\}")],
  ["an Error subclass", "class ConfigError extends Error {} return [new ConfigError('bad')]", trace("ConfigError: bad")],
  ["an Error subclass that names itself",
   "class ConfigError extends Error { constructor(m) { super(m); this.name = 'ConfigError'; } } return [new ConfigError('bad')]",
   trace("ConfigError: bad")],
  ["an Error without a message", "return [new RangeError()]", trace("RangeError")],
  ["an Error with a cause", "return [new Error('outer', { cause: new Error('inner') })]",
   trace("Error: outer", ` \\{\\n  \\[cause\\]: Error: inner${frames("  ")}\\n\\}`)],
  ["an Error in an object", "return [{ err: new Error('nested') }]",
   new RegExp(`^\\{\\n  err: Error: nested${frames("  ")}\\n\\}$`)],
  ["an AggregateError", "return [new AggregateError([new Error('a')], 'all')]",
   trace("AggregateError: all", ` \\{\\n  \\[errors\\]: \\[\\n    Error: a${frames("    ")}\\n  \\]\\n\\}`)],
  ["an Error without frames", "const e = new Error('bare'); e.stack = ''; return [e]", "[Error: bare]"],
  ["an Error with a stack of its own", "const e = new Error('x'); e.stack = 'custom stack'; return [e]", "[custom stack]"],
  ["an Error with a null prototype", "const e = new Error('np'); Object.setPrototypeOf(e, null); return [e]",
   trace("\\[Error: null prototype\\]: np")],
  ["an Error with a throwing getter",
   "const e = new Error('g'); Object.defineProperty(e, 'code', { get() { throw 1; }, enumerable: true }); return [e]",
   trace("Error: g", " \\{\\n  code: \\[Getter\\]\\n\\}")],
  ["%s of an Error", "return ['%s', new Error('via s')]", trace("Error: via s")],
  // A name's byte that is not UTF-8 goes out as that byte (one U+FFFD when
  // read as UTF-8), inside a string it is escaped.
  ["names as bytes", "return ['caf\\udcff', { name: 'caf\\udcff' }]", "caf\ufffd { name: 'caf\\udcff' }"],
  // Node abbreviates beyond 2^27 characters, a debug line beyond 1 MiB.
  ["output beyond 1 MiB abbreviates what follows",
   "return [Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 'x'.repeat(200)))]",
   (text) => text.length > 1 << 20 && text.length < 1.1 * (1 << 20) && text.endsWith("  [Array]\n]")],
  ["overridden builtins are not used",
   "Map.prototype.entries = () => { throw new Error('entries'); }; Date.prototype.toISOString = () => 'fake'; return [new Map([[1, 2]]), new Date(0)]",
   "Map(1) { 1 => 2 } 1970-01-01T00:00:00.000Z"],
];

const work = tempDir("bq-console-");

/* What the probe printed for each case of table, in order. */
function printed(table, options = "", debug = "100") {
  const file = join(work, `cases-${options.length}.json`);
  fs.writeFileSync(file, JSON.stringify(table.map(([name, body]) => [name, body])));
  const result = runSim(["--debug", debug, "backup", "--archive", "/dev/null", "--fileset-plugin",
                         pluginString("console-probe", `cases=${file}${options}`)]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "T", messages(result.jobs[0]).join("\n"));
  return table.map((_, i) => {
    const found = new RegExp(`: case ${i} \\{\\n[^\\n]*?quickjs-fd: ([\\s\\S]*?)\\n[^\\n]*: \\} case ${i}\\n`).exec(result.stderr);
    return found ? found[1] : `(case ${i} not found in)\n${result.stderr}`;
  });
}

const seen = printed(cases);
cases.forEach(([name, , expected], i) => {
  test(`console.log: ${name}`, () => {
    if (typeof expected === "string") assert.is(seen[i], expected);
    else if (expected instanceof RegExp) assert.match(seen[i], expected);
    else assert.ok(expected(seen[i]), seen[i].slice(0, 2000));
  });
});

test("each console method prints at its own debug level", () => {
  const lines = (debug) => {
    const result = runSim(["--debug", debug, "backup", "--archive", "/dev/null", "--fileset-plugin",
                           pluginString("console-probe", "levels=1")]);
    assert.ok(sane(result), result.stderr);
    return result.stderr.match(/console\.\w+/g) ?? [];
  };
  assert.equal(lines("200"), ["console.log", "console.info", "console.debug", "console.warn", "console.error"]);
  assert.equal(lines("100"), ["console.log", "console.info", "console.warn", "console.error"]);
  assert.equal(lines("50"), ["console.warn", "console.error"]);
  assert.equal(lines("10"), ["console.error"]);
});

test("formatting that runs out of memory throws the out-of-memory error", () => {
  const [text] = printed([["too big", "const s = 'x'.repeat(12 << 20); return [s, s, s]"]], ":memory_limit=32M");
  assert.is(text, "threw InternalError: out of memory");
});

test.after(() => cleanup(work));
test.run();
