// Exercises the bareosdir API from inside the simulated director and
// reports what it saw as job messages "probe <name> <json>".  With
// throw_in=<event number> it throws there; with spin=1 it burns some CPU in
// every event, to give concurrent jobs a chance to interfere.
import * as dir from "bareosdir";

const report = (name, value) => dir.JobMessage(dir.M_INFO, `probe ${name} ${JSON.stringify(value)}`);
const options = {};
let jobName = null;

function values() {
  const out = {};
  for (const [name, num] of Object.entries(dir.bDirVariable)) out[name] = dir.GetValue(num);
  return out;
}

export function load_bareos_plugin(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
  jobName = dir.GetValue(dir.bDirVarJobName);
  const module = {};
  for (const key of Object.keys(dir).sort())
    module[key] = typeof dir[key] === "function" ? "function" : typeof dir[key] === "object" ? "dict" : typeof dir[key];
  report("module", module);
  report("dicts", { bRCs: dir.bRCs, bJobMessageType: dir.bJobMessageType, bDirVariable: dir.bDirVariable,
                    bwDirVariable: dir.bwDirVariable, bDirEventType: dir.bDirEventType });
  report("register", {
    all: dir.RegisterEvents(Object.values(dir.bDirEventType)),
    invalid: dir.RegisterEvents([0, 12]),
  });
  report("instances", dir.GetInstanceCount());
  return dir.bRC_OK;
}

export function parse_plugin_definition(def) {
  report("definition", def);
  return dir.bRC_OK;
}

export function handle_plugin_event(event, value) {
  if (options.throw_in && Number(options.throw_in) === event) throw new Error(`probe fails in event ${event}`);
  if (options.spin) for (let i = 0, x = 0; i < 200000; i++) x += i;
  // Every event must still see this job's name: the runtime is the job's own.
  report("event", [event, value, dir.GetValue(dir.bDirVarJobName) === jobName ? jobName : "MIXED"]);
  if (event === dir.bDirEventJobEnd) {
    report("end_values", values());
    report("setvalue", {
      volume: dir.SetValue(dir.bwDirVarVolumeName, "probe-vol"),
      priority: dir.SetValue(dir.bwDirVarPriority, 5),
      priorityAfter: dir.GetValue(dir.bDirVarPriority),
      level: dir.SetValue(dir.bwDirVarJobLevel, "D"),
      unknown: dir.SetValue(42, "x"),
    });
  }
  return dir.bRC_OK;
}
