// Exercises the bareossd API from inside the simulated storage daemon and
// reports what it saw as job messages "probe <name> <json>".
import * as sd from "bareossd";

const report = (name, value) => sd.JobMessage(sd.M_INFO, `probe ${name} ${JSON.stringify(value)}`);
const options = {};

function values() {
  const out = {};
  for (const [name, num] of Object.entries(sd.bsdVariable)) out[name] = sd.GetValue(num);
  return out;
}

export function load_bareos_plugin(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
  const module = {};
  for (const key of Object.keys(sd).sort())
    module[key] = typeof sd[key] === "function" ? "function" : typeof sd[key] === "object" ? "dict" : typeof sd[key];
  report("module", module);
  report("dicts", { bRCs: sd.bRCs, bJobMessageType: sd.bJobMessageType, bsdVariable: sd.bsdVariable,
                    bsdwVariable: sd.bsdwVariable, bsdEventType: sd.bsdEventType });
  report("register", {
    all: sd.RegisterEvents(Object.values(sd.bsdEventType)),
    invalid: sd.RegisterEvents([0, 25, 99]),
    unregister: sd.UnRegisterEvents([sd.bsdEventDriveStatus]),
  });
  report("instances", sd.GetInstanceCount());
  report("load_values", values());
  sd.DebugMessage(100, "probe debug\n");
  return sd.bRC_OK;
}

export function parse_plugin_definition(def) {
  report("definition", def);
  return sd.bRC_OK;
}

export function handle_plugin_event(event, value) {
  report("event", [event, value]);
  if (event === sd.bsdEventDeviceOpen) report("device_values", values());
  if (event === sd.bsdEventJobEnd) {
    report("setvalue", {
      volume: sd.SetValue(sd.bsdwVarVolumeName, "probe-vol-0001"),
      volumeAfter: sd.GetValue(sd.bsdVarVolumeName),
      priority: sd.SetValue(sd.bsdwVarPriority, 7),
      level: sd.SetValue(sd.bsdwVarJobLevel, "I"),
      levelAfter: String.fromCharCode(sd.GetValue(sd.bsdVarLevel)),
      unknown: sd.SetValue(99, 1),
    });
    report("end_values", values());
  }
  return sd.bRC_OK;
}
