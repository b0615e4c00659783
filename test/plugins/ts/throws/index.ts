// Throws from a helper module so the trace has frames in two .ts files.
import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";
import { explode } from "./explode.js";

class Throws extends BareosFdPlugin {
  override startBackupFile(_savepkt: fd.SavePacket): fd.bRC {
    return explode("start_backup_file");
  }
}

export default definePlugin(Throws);
