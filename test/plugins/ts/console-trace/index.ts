// Logs an error with console.error: its trace, like a thrown one's, in .ts lines.
import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

function failing(): Error {
  return new Error("logged, not thrown");
}

class ConsoleTrace extends BareosFdPlugin {
  override startBackupFile(_savepkt: fd.SavePacket): fd.bRC {
    console.error("caught:", { error: failing() });
    return fd.bRC_Stop;
  }
}

export default definePlugin(ConsoleTrace);
