// The kit's command-line splitter (what bareos-fd-command runs without a
// shell), its quoting for messages, and wait-status decoding.  Where sh can
// say, the splitter must agree with it: sh -c 'for a in <line>; do printf ...'.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { importTs } from "../../lib/kit.mjs";

const { splitArgv, formatArgv, quoteArg, decodeWaitStatus, CommandLineError } =
  await importTs("ts-lib/src/command-line.ts");

/** How /bin/sh splits line into words (the line only ever holds quotes, escapes and literals). */
function shSplit(line) {
  const out = execFileSync("/bin/sh", ["-c", `for a in ${line}; do printf '%s\\0' "$a"; done`],
                           { encoding: "utf8" });
  return out === "" ? [] : out.slice(0, -1).split("\0");
}

const agreeing = [
  "tar -C /etc -cf - .",
  "  leading   and\ttabs  ",
  "",
  "'single quoted  spaces' next",
  '"double quoted  spaces" next',
  "a'b'c\"d\"e",
  "''",
  'empty "" args \'\'',
  "back\\ slash\\ spaces",
  '"in \\"double\\" quotes" \'in \\single\'',
  '"keeps \\n and \\a, drops \\\\ \\$ \\`"',
  "line\\\ncontinued",
  '"quoted\\\ncontinued"',
  "'it'\\''s'",
  "unicode 'grüße 日本' 🐘",
];

for (const line of agreeing) {
  test(`splits ${JSON.stringify(line)} as sh does`, () => {
    assert.equal(splitArgv(line), shSplit(line));
  });
}

test("expands and interprets nothing", () => {
  assert.equal(splitArgv("echo $HOME ~ *.txt a|b c;d >out `x` $(y)"),
               ["echo", "$HOME", "~", "*.txt", "a|b", "c;d", ">out", "`x`", "$(y)"]);
  assert.equal(splitArgv('"$HOME" \'$HOME\''), ["$HOME", "$HOME"]);
});

test("unterminated quotes and a trailing backslash are errors", () => {
  for (const bad of ["tar 'oops", 'tar "oops', 'a "b\\"', "ends with \\"]) {
    assert.throws(() => splitArgv(bad), (e) => e instanceof CommandLineError, bad);
  }
  assert.throws(() => splitArgv("tar 'oops"), /unterminated ' quote at character 5/);
});

test("formatArgv quotes what needs it and splits back to the same argv", () => {
  const argv = ["pg_dump", "--dbname=dbname='a b'", "it's", "", "plain/path-1.0", "tab\there", "$x"];
  assert.is(quoteArg("plain/path-1.0"), "plain/path-1.0");
  assert.is(quoteArg("it's"), "'it'\\''s'");
  assert.is(quoteArg(""), "''");
  assert.equal(splitArgv(formatArgv(argv)), argv);
  assert.equal(shSplit(formatArgv(argv)), argv);
});

test("wait statuses: exit codes and signals", () => {
  assert.equal(decodeWaitStatus(0), { code: 0, signal: null, ok: true, text: "exited with status 0" });
  assert.equal(decodeWaitStatus(1 << 8), { code: 1, signal: null, ok: false, text: "exited with status 1" });
  assert.equal(decodeWaitStatus(255 << 8).code, 255);
  assert.equal(decodeWaitStatus(9), { code: null, signal: 9, ok: false, text: "was killed by signal 9 (SIGKILL)" });
  assert.is(decodeWaitStatus(15 | 0x80).text, "was killed by signal 15 (SIGTERM)"); // with core dump bit
  assert.is(decodeWaitStatus(64).text, "was killed by signal 64 (signal 64)");
});

test.run();
