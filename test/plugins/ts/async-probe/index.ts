// Hooks that wait before they answer, as a port that asks a server or runs
// a program does: the definition and its check wait for a timer, and the
// Plugin line's names come from a program (run()).
//   path=<name>     the file to back up (mandatory), listed by printf
//   refuse=<why>    checkOptions refuses the definition, once it waited
import * as fd from "bareosfd";
import * as os from "qjs:os";
import { LocalFilesPlugin, definePlugin, run, splitLines } from "bareos-qjs";

class AsyncProbe extends LocalFilesPlugin<"path"> {
  protected override readonly mandatoryOptions = ["path"] as const;

  override async parsePluginDefinition(plugindef: string): Promise<fd.bRC> {
    await os.sleepAsync(5);
    const rc = await super.parsePluginDefinition(plugindef);
    fd.JobMessage(fd.M_INFO, `probe definition answered ${rc}\n`);
    return rc;
  }

  override async checkOptions(): Promise<fd.bRC> {
    await os.sleepAsync(5);
    const why = this.options["refuse"];
    if (why === undefined) return fd.bRC_OK;
    fd.JobMessage(fd.M_FATAL, `probe refused ${this.options.path}: ${why}\n`);
    return fd.bRC_Error;
  }

  protected override async startItem(): Promise<fd.bRC> {
    const listed = await run(["printf", "%s\\n", this.options.path]);
    for (const name of splitLines(listed.stdout)) this.appendFileToBackup(name);
    return fd.bRC_OK;
  }
}

export default definePlugin(AsyncProbe);
