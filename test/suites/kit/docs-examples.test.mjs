// Every TypeScript example of the porting guide type-checks against the
// kit as it is (the plugin tsconfig, strict): an example that no longer
// matches a signature fails here, not in a reader's build.
import { test } from "uvu";
import * as assert from "uvu/assert";
import ts from "typescript";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";

const guide = join(root, "ts-lib/docs/porting.md");
const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "ts-lib/tsconfig.plugin.json"), {}, ts.sys);

test("the porting guide's TypeScript examples type-check", () => {
  const text = readFileSync(guide, "utf8");
  const examples = new Map();
  for (const match of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const line = text.slice(0, match.index).split("\n").length + 1;
    // Next to the guide, so that "bareos-qjs" resolves as from a plugin.
    examples.set(join(root, `ts-lib/docs/example-at-line-${line}.ts`), match[1]);
  }
  assert.ok(examples.size >= 5, `${examples.size} examples`);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, ...rest) =>
    (examples.has(name) ? ts.createSourceFile(name, examples.get(name), language) : getSourceFile(name, language, ...rest));
  host.fileExists = (name) => examples.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => examples.get(name) ?? ts.sys.readFile(name);
  const program = ts.createProgram([...parsed.fileNames, ...examples.keys()], parsed.options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line : 0;
    const at = /example-at-line-(\d+)\.ts$/.exec(d.file?.fileName ?? "");
    const where = at ? `ts-lib/docs/porting.md:${Number(at[1]) + line}` : d.file?.fileName ?? "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
  assert.equal(errors, []);
});

test.run();
