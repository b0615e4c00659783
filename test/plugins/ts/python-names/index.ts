// A port from Python that kept Python's method names: it type-checks, but
// BareosFdPlugin would never call these; the build must say so.
import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

class Ported extends BareosFdPlugin {
  start_backup_file(savepkt: fd.SavePacket): fd.bRC {
    savepkt.fname = "/@ported/file";
    return fd.bRC_OK;
  }

  plugin_io_open(_iop: fd.IoPacket): fd.bRC {
    return fd.bRC_OK;
  }

  // Not a hook of the base class: any name of its own is fine.
  helper(): number {
    return 1;
  }
}

export default definePlugin(Ported);
