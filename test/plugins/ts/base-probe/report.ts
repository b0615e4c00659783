// Another module of the plugin: it reaches the instance the way a helper
// module of a Python plugin reaches bareos_fd_plugin_object.
import * as fd from "bareosfd";
import { pluginInstance } from "bareos-qjs";

export function reportJob(): void {
  const { configDir, since, startTime } = pluginInstance().job;
  fd.JobMessage(fd.M_INFO, `probe job ${JSON.stringify({ configDir, since, startTime })}\n`);
}
