// {{name}}: a job message for each volume a job mounts.
//   Storage { Plugin Names = "quickjs" }  Device { ... }
//   SD Plugin Options = "quickjs:module_name={{name}}"
import * as sd from "bareossd";
import { BareosSdPlugin, defineSdPlugin } from "bareos-qjs/sd";

class Plugin extends BareosSdPlugin {
  override checkOptions(): sd.bRC {
    sd.RegisterEvents([sd.bsdEventVolumeLoad]);
    return sd.bRC_OK;
  }

  override event(): sd.bRC {
    sd.JobMessage(sd.M_INFO, `{{name}}: volume ${sd.GetValue(sd.bsdVarVolumeName) ?? "?"} loaded\n`);
    return sd.bRC_OK;
  }
}

export default defineSdPlugin(Plugin);
