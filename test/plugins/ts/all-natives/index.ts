// Uses each native module as a whole object, so that the bundle imports
// every value its typings declare: the job fails at load if the daemon
// lacks one of them.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as qjsOs from "qjs:os";
import * as std from "qjs:std";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

const modules = { bareosfd: fd, "bareos:os": os, "qjs:os": qjsOs, "qjs:std": std };

class AllNatives extends BareosFdPlugin {
  override startBackupJob(): fd.bRC {
    for (const [name, module] of Object.entries(modules)) {
      const missing = Object.entries(module).filter(([, value]) => value === undefined).map(([key]) => key);
      fd.JobMessage(fd.M_INFO, `natives ${name} ${Object.keys(module).length} missing [${missing.join(",")}]\n`);
    }
    return fd.bRC_OK;
  }
}

export default definePlugin(AllNatives);
