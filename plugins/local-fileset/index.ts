// bareos-fd-local-fileset: backs up the files and directories listed, one per
// line, in the file named by `filename`, and restores them.
//   filename=<list file>   required
//   allow=<regex>          back up only files whose names match it
//   deny=<regex>           skip files whose names match it
//   do_io_in_core=<any>    let the daemon read and write the files itself
//                          (as in Python, given means on; "no", "false"
//                          or "0" mean off)
// allow and deny apply to files, not directories (a directory is always
// saved, so that its files restore with its attributes). Each denied file
// is named in an info message (Python's is an error: a deny that does what
// it was asked is no error of the job); a list that leaves nothing to back
// up fails the job.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { LocalFilesPlugin, definePlugin, isNo, readLines } from "bareos-qjs";

function compile(option: string, pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new Error(`option ${option}: ${(e as Error).message}`);
  }
}

class LocalFileset extends LocalFilesPlugin<"filename"> {
  // Several Plugin lines in one FileSet each back up their own list.
  protected override readonly lineOptions = ["filename", "allow", "deny", "do_io_in_core"];
  private allow: RegExp | undefined;
  private deny: RegExp | undefined;
  /** Names the current list gave. */
  private appended = 0;

  override checkOptions(): fd.bRC {
    this.allow = compile("allow", this.options["allow"]);
    this.deny = compile("deny", this.options["deny"]);
    const inCore = this.options["do_io_in_core"];
    this.io.inCore = inCore !== undefined && !isNo(inCore);
    return fd.bRC_OK;
  }

  // The list is read as bytes: a name that is not UTF-8 stays the file's name.
  // Lines are names as they are (a name may begin or end with a space);
  // empty lines and lines starting with "#" are skipped.
  override startItem(): fd.bRC {
    const listFile = this.options.filename;
    let lines: string[];
    try {
      lines = readLines(listFile);
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `cannot read the file list: ${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    this.appended = 0;
    for (const name of lines)
      if (name && !name.startsWith("#")) this.add(name.length > 1 ? name.replace(/\/+$/, "") : name);
    if (this.appended === 0) {
      fd.JobMessage(fd.M_FATAL, `No (allowed) files to backup found in ${listFile}\n`);
      return fd.bRC_Error;
    }
    return fd.bRC_OK;
  }

  // Directories go after their contents, as the daemon expects FT_DIREND.
  // type is what the parent directory said (no lstat needed), if anything.
  private add(name: string, type = 0): void {
    if (type === 0) {
      try {
        type = os.lstat(name).st_mode & os.S_IFMT;
      } catch (e) {
        fd.JobMessage(fd.M_ERROR, `cannot back up ${name}: ${(e as Error).message}\n`);
        return;
      }
    }
    if (type === os.S_IFDIR) {
      let entries: os.DirEntry[] = [];
      try {
        entries = os.scandir(name);
      } catch (e) {
        fd.JobMessage(fd.M_ERROR, `cannot read directory ${name}: ${(e as Error).message}\n`);
      }
      const prefix = name === "/" ? "/" : `${name}/`;
      for (const entry of entries) this.add(prefix + entry.name, entry.type);
    }
    const { allow, deny } = this;
    if (type !== os.S_IFDIR && ((allow && !allow.test(name)) || deny?.test(name)))
      fd.JobMessage(fd.M_INFO, `File ${name} denied by configuration\n`);
    else {
      this.appendFileToBackup(name);
      this.appended++;
    }
  }
}

export default definePlugin(LocalFileset);
