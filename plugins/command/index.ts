// bareos-fd-command: backs up what a program writes to its stdout as one
// virtual file, and hands the data to another program's stdin at restore
// (Bareos' bpipe, without a shell unless asked for).
//   file=<virtual path>    the name in the catalog, e.g. /@command/etc.tar (required)
//   reader=<command line>  its stdout is the backup data (required)
//   writer=<command line>  gets the data on its stdin at restore (restores without where)
//   shell=yes              run reader and writer with /bin/sh -c
import * as fd from "bareosfd";
import { StreamPlugin, definePlugin, isYes, splitArgv, type Program, type StreamSource } from "bareos-qjs";

class Command extends StreamPlugin<"file" | "reader"> {
  protected override readonly mandatoryOptions = ["file", "reader"] as const;
  // Each Plugin line names its own file and programs.
  protected override readonly lineOptions = ["file", "reader", "writer", "shell"];

  // Bad command lines fail the job before anything runs.
  override checkOptions(): fd.bRC {
    try {
      if (!this.options.file.startsWith("/")) throw new Error("option file must be an absolute path");
      this.program("reader");
      if (this.options["writer"] !== undefined) this.program("writer");
      return fd.bRC_OK;
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
  }

  protected override backupSources(): StreamSource[] {
    return [{ fname: this.options.file, reader: this.program("reader") }];
  }

  protected override restoreWriter(): Program {
    return this.program("writer");
  }

  private program(option: "reader" | "writer"): Program {
    const line = this.options[option];
    if (line === undefined)
      throw new Error(`no ${option}= option; restore with where= set to get the data as a file`);
    try {
      const argv = isYes(this.options["shell"]) ? ["/bin/sh", "-c", line] : splitArgv(line);
      if (argv.length === 0) throw new Error("it is empty");
      return { argv, label: `${option} "${line}"` };
    } catch (e) {
      throw new Error(`option ${option}: ${(e as Error).message}`);
    }
  }
}

export default definePlugin(Command);
