// Reports what BareosDirPlugin gives a plugin at the end of the job: its
// options and the job's figures.
import * as dir from "bareosdir";
import { BareosDirPlugin, defineDirPlugin, pluginInstance } from "bareos-qjs/dir";

class DirBaseProbe extends BareosDirPlugin {
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
