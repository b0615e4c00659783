// bareos-fd-local-fileset: backs up the files and directories listed, one per
// line, in the file named by `filename`, and restores them.
//   filename=<list file>   required
//   allow=<regex>          back up only names matching it
//   deny=<regex>           skip names matching it
//   do_io_in_core=yes      let the daemon read and write the files itself
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { LocalFilesPlugin, definePlugin, readLines } from "bareos-qjs";

function compile(option: string, pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new Error(`option ${option}: ${(e as Error).message}`);
  }
}

class LocalFileset extends LocalFilesPlugin {
  protected override readonly mandatoryOptions = ["filename"];
  // Several Plugin lines in one FileSet each back up their own list.
  protected override readonly lineOptions = ["filename", "allow", "deny", "do_io_in_core"];
  private allow: RegExp | undefined;
  private deny: RegExp | undefined;

  override checkOptions(): fd.bRC {
    this.allow = compile("allow", this.options["allow"]);
    this.deny = compile("deny", this.options["deny"]);
    const inCore = this.options["do_io_in_core"];
    this.io.inCore = inCore !== undefined && !/^(no|false|0)$/i.test(inCore);
    return fd.bRC_OK;
  }

  // The list is read as bytes: a name that is not UTF-8 stays the file's name.
  // Lines are names as they are (a name may begin or end with a space);
  // empty lines and lines starting with "#" are skipped.
  override startItem(): fd.bRC {
    const listFile = this.options["filename"]!;
    let lines: string[];
    try {
      lines = readLines(listFile);
    } catch (e) {
      fd.JobMessage(fd.M_FATAL, `cannot read the file list: ${(e as Error).message}\n`);
      return fd.bRC_Error;
    }
    for (const name of lines)
      if (name && !name.startsWith("#")) this.add(name.length > 1 ? name.replace(/\/+$/, "") : name);
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
    if ((!allow || allow.test(name)) && !(deny && deny.test(name))) this.filesToBackup.push(name);
  }
}

export default definePlugin(LocalFileset);
