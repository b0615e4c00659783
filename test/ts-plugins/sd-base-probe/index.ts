// Reports what BareosSdPlugin gives a plugin at the end of the job: its
// options and the job's figures.
import * as sd from "bareossd";
import { BareosSdPlugin, defineSdPlugin, pluginInstance } from "bareos-qjs/sd";

class SdBaseProbe extends BareosSdPlugin {
  override jobEnd(): sd.bRC {
    const { options, jobStartTime, jobEndTime, jobBytes, jobFiles, jobRunningTime, throughput } = this;
    const same = pluginInstance() === this;
    sd.JobMessage(sd.M_INFO, `probe end ${JSON.stringify({ options, jobStartTime, jobEndTime, jobBytes,
                                                            jobFiles, jobRunningTime, throughput, same })}\n`);
    return sd.bRC_OK;
  }
}

export default defineSdPlugin(SdBaseProbe);
