// The typings reject wrong calls and accept right ones (test/suites/kit/types/*.ts,
// compiled with the plugin tsconfig; @ts-expect-error marks what must fail).
import { test } from "uvu";
import * as assert from "uvu/assert";
import ts from "typescript";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../lib/kit.mjs";

const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "ts-lib/tsconfig.plugin.json"), {}, ts.sys);

for (const file of readdirSync(join(root, "test/suites/kit/types")).filter((f) => f.endsWith(".ts"))) {
  test(`test/suites/kit/types/${file} type-checks exactly as annotated`, () => {
    const program = ts.createProgram([...parsed.fileNames, join(root, "test/suites/kit/types", file)], parsed.options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
    assert.equal(errors, []);
  });
}

test.run();
