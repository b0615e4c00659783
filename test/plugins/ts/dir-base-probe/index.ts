// Reports what BareosDirPlugin gives a plugin at the end of the job: its
// options and the job's figures. Its check waits before it answers (and
// with refuse=<why> refuses the definition), as one asking a server does.
import * as dir from "bareosdir";
import * as os from "qjs:os";
import { BareosDirPlugin, defineDirPlugin, pluginInstance } from "bareos-qjs/dir";

class DirBaseProbe extends BareosDirPlugin {
  override async checkOptions(): Promise<dir.bRC> {
    await os.sleepAsync(5);
    const why = this.options["refuse"];
    if (why === undefined) return dir.bRC_OK;
    dir.JobMessage(dir.M_FATAL, `probe refused: ${why}\n`);
    return dir.bRC_Error;
  }

  override jobEnd(): dir.bRC {
    const { options, jobInitTime, jobStartTime, jobRunTime, jobEndTime, jobErrors, jobBytes, jobFiles,
            jobNumVols, jobPool, jobStorage, jobMediaType, jobTotalTime, jobRunningTime, throughput } = this;
    const same = pluginInstance() === this;
    dir.JobMessage(dir.M_INFO, `probe end ${JSON.stringify({
      options, jobInitTime, jobStartTime, jobRunTime, jobEndTime, jobErrors, jobBytes, jobFiles, jobNumVols,
      jobPool, jobStorage, jobMediaType, jobTotalTime, jobRunningTime, throughput, same })}\n`);
    return dir.bRC_OK;
  }
}

export default defineDirPlugin(DirBaseProbe);
