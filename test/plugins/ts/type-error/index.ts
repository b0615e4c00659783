import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

class Wrong extends BareosFdPlugin {
  override startBackupFile(savepkt: fd.SavePacket): fd.bRC {
    savepkt.fname = 42;
    return fd.bRC_OK;
  }
}

export default definePlugin(Wrong);
