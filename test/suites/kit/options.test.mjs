// The base classes' option parsing: "\:" escapes, first occurrence wins,
// defaults_file < plugin string < overrides_file, mandatory options, bad
// files and "#enc" values.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importTs } from "../../lib/kit.mjs";

const { resolveOptions, splitPluginOptions, parseOptionsFile, b85decode, isYes, isNo, yesOrNo } =
  await importTs("ts-lib/src/index-node.ts");

const files = {
  "/etc/bareos/defaults.ini": "# defaults\n[plugin]\nlevel=low\nshared = from-defaults\n\nonly_default=1\n",
  "/etc/bareos/overrides.ini": "shared=from-overrides\nforced=yes\n",
  "/abs/overrides.ini": "forced=absolute\n",
};
const readFile = (path) => files[path] ?? null;
const resolve = (plugindef, extra = {}) =>
  resolveOptions({ plugindef, readFile, configDir: "/etc/bareos", ...extra });

test("splits items and keeps escaped colons in values", () => {
  assert.equal(splitPluginOptions("a=1:path=/x\\:y\\:z:b=2:"),
               [["a", "1"], ["path", "/x:y:z"], ["b", "2"]]);
  assert.equal(splitPluginOptions(""), []);
  assert.equal(splitPluginOptions("eq=a=b"), [["eq", "a=b"]]);
});

test("the first occurrence of a key wins", () => {
  assert.equal(resolve("a=1:a=2:b=3:").options, { a: "1", b: "3" });
});

test("empty values are ignored with a warning", () => {
  const r = resolve("a=:b=2");
  assert.equal(r.options, { b: "2" });
  assert.match(r.warnings[0], /option a has no value/);
});

test("defaults < plugin string < overrides", () => {
  const r = resolve("defaults_file=defaults.ini:overrides_file=overrides.ini:shared=from-string:level=high");
  assert.equal(r.errors, []);
  assert.equal(r.options, { level: "high", shared: "from-overrides", only_default: "1", forced: "yes" });
});

test("absolute options file names are used as they are", () => {
  assert.equal(resolve("overrides_file=/abs/overrides.ini").options, { forced: "absolute" });
});

test("an unreadable options file is an error", () => {
  assert.match(resolve("defaults_file=missing.ini").errors[0], /cannot read defaults_file \/etc\/bareos\/missing.ini/);
});

test("mandatory options", () => {
  assert.equal(resolve("filename=/x", { mandatory: ["filename"] }).errors, []);
  assert.match(resolve("other=1", { mandatory: ["filename"] }).errors[0], /mandatory option filename is missing/);
});

test("options already known keep their values, also against an overrides file", () => {
  // Python's _add_options: an earlier definition of the job (a restore's
  // plugin options) is never replaced, not even by overrides_file.
  const r = resolve("a=new:forced=no:overrides_file=overrides.ini", { known: { a: "old", forced: "old" } });
  assert.equal(r.options, { a: "old", forced: "old", shared: "from-overrides" });
});

test("#enc values are base85 as Python's b85encode writes them", () => {
  // base64.b85encode(b"secret:pass") == b"b7f<4Wpp}lVRLf"
  assert.equal(new TextDecoder().decode(b85decode("b7f<4Wpp}lVRLf")), "secret:pass");
  assert.equal(resolve("password#enc=b7f<4Wpp}lVRLf").options, { password: "secret:pass" });
  assert.match(resolve("password#enc=\"bad\"").errors[0], /cannot decode/);
});

test("options files skip blank lines, comments and sections", () => {
  assert.equal(parseOptionsFile("; c\n# c\n[s]\n\n   \n  =  \nk = v\n#x=y\n"), { options: { k: "v" }, warnings: [] });
});

test("keys and values are stripped, in the plugin string as in files", () => {
  assert.equal(splitPluginOptions(" a = 1 : b=2"), [["a", "1"], ["b", "2"]]);
  assert.equal(resolve("  level =  high  ").options, { level: "high" });
  assert.equal(parseOptionsFile("  k  =  v  \n").options, { k: "v" });
});

test("a line without key or value makes the options file fail the job", () => {
  for (const line of ["noequals", "novalue=", "=nokey"]) {
    const parsed = parseOptionsFile(`good=1\n${line}\n`);
    assert.equal(parsed.options, {}, line);
    assert.equal(parsed.error, `error parsing '${line.trim()}' (found no key or value)`, line);
  }
  files["/etc/bareos/broken.ini"] = "a=1\nbroken line\n";
  const r = resolve("defaults_file=broken.ini:b=2");
  assert.equal(r.errors, ["defaults_file /etc/bareos/broken.ini: error parsing 'broken line' (found no key or value)"]);
  assert.equal(r.options, { b: "2" });
});

test("a value ending in a backslash continues on the next line", () => {
  assert.equal(parseOptionsFile("list=a,\\\n   b,\\\n c\nnext=1\n").options, { list: "a,b,c", next: "1" });
  assert.equal(parseOptionsFile("last=x\\").options, { last: "x\\" });
});

test("a duplicate key in an options file warns and the last one wins", () => {
  files["/etc/bareos/dup.ini"] = "k=1\nk=2\n";
  const r = resolve("defaults_file=dup.ini");
  assert.equal(r.options, { k: "2" });
  assert.equal(r.warnings, ["/etc/bareos/dup.ini: duplicate option 'k' overriding previous value"]);
  assert.equal(r.errors, []);
});

test("a transformation other than #enc is an error", () => {
  assert.match(resolve("password#rot13=x").errors[0], /option password#rot13: unknown transformation 'rot13'/);
});

test("#enc works in options files too", () => {
  files["/etc/bareos/secret.ini"] = "password#enc=b7f<4Wpp}lVRLf\n";
  assert.equal(resolve("defaults_file=secret.ini").options, { password: "secret:pass" });
});

test("with lastWins (the sd and dir base classes) the last occurrence of a key wins", () => {
  assert.equal(resolve("a=1:b=2:a=3", { lastWins: true }).options, { a: "3", b: "2" });
  assert.equal(resolve("a=1:b=2:a=3").options, { a: "1", b: "2" });
});

test("isYes takes yes, true and 1 in any case, and nothing else", () => {
  for (const v of ["yes", "YES", "True", "1"]) assert.ok(isYes(v), v);
  for (const v of [undefined, "", "no", "0", "y", "yes ", "11"]) assert.not.ok(isYes(v), String(v));
});

test("isNo takes no, false and 0 in any case, and nothing else", () => {
  for (const v of ["no", "NO", "False", "0"]) assert.ok(isNo(v), v);
  for (const v of [undefined, "", "yes", "1", "n", "no ", "00"]) assert.not.ok(isNo(v), String(v));
});

test("yesOrNo: the fallback when absent, an error naming the option for anything but yes or no", () => {
  assert.is(yesOrNo({}, "start_fast", true), true);
  assert.is(yesOrNo({ start_fast: "TRUE" }, "start_fast", false), true);
  assert.is(yesOrNo({ start_fast: "0" }, "start_fast", true), false);
  assert.throws(() => yesOrNo({ start_fast: "ja" }, "start_fast", false), /start_fast=ja/);
});

test.run();
