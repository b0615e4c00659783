// Reports what BareosSdPlugin gives a plugin at the end of the job: its
// options and the job's figures. Its check waits before it answers (and
// with refuse=<why> refuses the definition), as one asking a server does.
import * as sd from "bareossd";
import * as os from "qjs:os";
import { BareosSdPlugin, defineSdPlugin, pluginInstance } from "bareos-qjs/sd";

class SdBaseProbe extends BareosSdPlugin {
  override async checkOptions(): Promise<sd.bRC> {
    await os.sleepAsync(5);
    const why = this.options["refuse"];
    if (why === undefined) return sd.bRC_OK;
    sd.JobMessage(sd.M_FATAL, `probe refused: ${why}\n`);
    return sd.bRC_Error;
  }

  override jobEnd(): sd.bRC {
    const { options, jobStartTime, jobEndTime, jobBytes, jobFiles, jobRunningTime, throughput } = this;
    const same = pluginInstance() === this;
    sd.JobMessage(sd.M_INFO, `probe end ${JSON.stringify({ options, jobStartTime, jobEndTime, jobBytes,
                                                            jobFiles, jobRunningTime, throughput, same })}\n`);
    return sd.bRC_OK;
  }
}

export default defineSdPlugin(SdBaseProbe);
