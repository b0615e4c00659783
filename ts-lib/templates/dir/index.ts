// {{name}}: a job message with the job's figures when it ends.
//   Director { Plugin Names = "quickjs" }
//   Dir Plugin Options = "quickjs:module_name={{name}}"
import * as dir from "bareosdir";
import { BareosDirPlugin, defineDirPlugin } from "bareos-qjs/dir";

class Plugin extends BareosDirPlugin {
  override jobEnd(): dir.bRC {
    dir.JobMessage(dir.M_INFO, `{{name}}: job ${this.jobName} saved ${this.jobFiles} files, ` +
                               `${this.jobBytes} bytes\n`);
    return dir.bRC_OK;
  }
}

export default defineDirPlugin(Plugin);
