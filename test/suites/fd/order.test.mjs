// The order in which a script's entry points are called matches python-fd's
// observed order (reference §2.5, systemtest py3plug-fd-basic).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-order-");
const archive = join(work, "order.bar");

function calls(job) {
  const out = [];
  for (const m of job.messages) {
    const match = /call (.*)$/.exec(m.text);
    if (match && match[1] !== out.at(-1)) out.push(match[1]);
  }
  return out;
}

test("backup calls the script in python-fd's order", () => {
  const result = runSim(["backup", "--fileset-plugin", pluginString("call-order"),
                         "--archive", archive, "--acl", "--xattr"]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "T", messages(result.jobs[0]).join("\n"));
  assert.equal(calls(result.jobs[0]), [
    "load_bareos_plugin", "parse_plugin_definition", "handle_plugin_event(16)",
    "handle_plugin_event(3)", "parse_plugin_definition", "start_backup_file",
    "plugin_io open", "plugin_io read", "plugin_io close", "get_acl", "get_xattr",
    "end_backup_file", "handle_plugin_event(4)", "handle_plugin_event(2)",
  ]);
});

test("restore calls the script in python-fd's order", () => {
  const result = runSim(["restore", "--archive", archive, "--where", join(work, "r")]);
  assert.ok(sane(result), result.stderr);
  assert.is(result.jobs[0].status, "T", messages(result.jobs[0]).join("\n"));
  assert.equal(calls(result.jobs[0]), [
    "load_bareos_plugin", "parse_plugin_definition", "start_restore_file", "create_file",
    "plugin_io open", "plugin_io write", "set_file_attributes", "plugin_io close", "set_acl",
    "set_xattr", "end_restore_file", "handle_plugin_event(2)",
  ]);
});

test.after(() => cleanup(work));
test.run();
