// Uses native module members in every way the bundler must see: calls,
// spread, shorthand properties, typeof, template literals, a value passed
// on; and never uses AddWild or bareos:os.mkfifo.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as std from "qjs:std";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

class NativeImports extends BareosFdPlugin {
  override startBackupJob(): fd.bRC {
    const env = { ...std.getenviron() };
    const pick = { JobMessage: fd.JobMessage };
    const kind = typeof fd.bRCs;
    pick.JobMessage(fd.M_INFO, `${kind} ${Object.keys(env).length >= 0} ${os.S_IFDIR}\n`);
    return fd.bRC_OK;
  }
}

export default definePlugin(NativeImports);
