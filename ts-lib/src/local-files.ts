// Backs up and restores local files named in `filesToBackup`: the
// counterpart of Python's BareosFdPluginLocalFilesBaseclass.  Regular files,
// empty files, directories (FT_DIREND), symlinks, fifos and hard links (the
// daemon turns repeated inodes into FT_LNKSAVED); restores recreate them
// with owner, mode and times.
// Where it differs from Python's, on purpose:
// - an empty file is FT_REGE, so that the daemon neither opens it at backup
//   nor expects data at restore (Python sends FT_REG and an empty stream);
// - a file's attributes are set once, in setFileAttributes, which the core
//   calls after the file's last data and before its close: our writes are
//   unbuffered, so the close changes no time (Python's buffered file writes
//   at close, hence its second pass in end_restore_file). A directory's are
//   set at the end of the restore, after everything restored into it.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosFdPlugin } from "./fd-plugin.js";
import { mandatoryList } from "./options.js";
import { makeDirs } from "./files.js";

/** A StatPacket from a bareos:os stat (its st_ members are the packet's). */
export function statPacket(st: os.Stat): fd.StatPacket {
  return new fd.StatPacket(st);
}

// Called for every file: the regular expression only for names that need it.
const withoutSlash = (name: string) =>
  (name.length > 1 && name.endsWith("/") ? name.replace(/\/+$/, "") || "/" : name);

/** `LocalFilesPlugin<"filename">` types the option it requires by default (see BareosFdPlugin). */
export class LocalFilesPlugin<Mandatory extends string = never> extends BareosFdPlugin<Mandatory> {
  /** The list of names, as in Python's base class; a subclass without one sets []. */
  // Typed for the subclass that keeps it, LocalFilesPlugin<"filename">;
  // one with other options names them (its type argument says which).
  protected override readonly mandatoryOptions = mandatoryList<Mandatory>(["filename"]);
  /** Absolute names to back up, in order; subclasses may append at any time. */
  protected filesToBackup: string[] = [];
  /** Index of the next name in filesToBackup: shift() would move the whole
   * list for every file. */
  private nextFile = 0;
  /** Whether the FileSet item being backed up has added its names yet. */
  private itemStarted = false;
  /** Restored directories whose attributes are set when the restore ends. */
  private directories: { name: string; statp: fd.StatPacket }[] = [];

  /**
   * Adds the names of the FileSet item (Plugin line) about to be backed up
   * or estimated to filesToBackup, with that line's options parsed. Called
   * on the item's first startBackupFile, once per Plugin line: an estimate
   * sends no StartBackupJob, and a job with several lines sends it once.
   * May be async (a list from a program, say): the first file waits for it.
   */
  protected startItem(): fd.EntryResult {
    return fd.bRC_OK;
  }

  /** Adds a name to back up; override to check or record names (Python's append_file_to_backup). */
  protected appendFileToBackup(name: string): void {
    this.filesToBackup.push(name);
  }

  // The daemon parses a Plugin line's options again as it starts the line.
  override parsePluginDefinition(plugindef: string): fd.EntryResult {
    this.itemStarted = false;
    return super.parsePluginDefinition(plugindef);
  }

  // One call per file: the next name is taken inline, not by a helper.
  override startBackupFile(savepkt: fd.SavePacket): fd.EntryResult {
    if (!this.itemStarted) {
      this.itemStarted = true;
      const rc = this.startItem();
      // An async startItem: the item's first file once it is done. This
      // class's method again, which now goes straight to the names (a
      // subclass's override is the caller, waiting for this promise).
      if (typeof rc !== "number")
        return rc.then((value) => (value === fd.bRC_OK ? LocalFilesPlugin.prototype.startBackupFile.call(this, savepkt) : value));
      if (rc !== fd.bRC_OK) return rc;
    }
    const files = this.filesToBackup;
    for (let name = files[this.nextFile]; name !== undefined; name = files[this.nextFile]) {
      this.nextFile++;
      // Forget what is done once it is most of the list, so that memory
      // follows what is left.
      if (this.nextFile >= 1024 && this.nextFile * 2 >= files.length) {
        files.splice(0, this.nextFile);
        this.nextFile = 0;
      }
      // A directory may be named with a trailing "/": the packet's name is
      // without it (a link to a directory is then the link), as the
      // daemon's own names are.
      const path = withoutSlash(name);
      let st: os.Stat;
      try {
        st = os.lstat(path);
      } catch (e) {
        fd.JobMessage(fd.M_ERROR, `cannot back up ${name}: ${(e as Error).message}\n`);
        continue;
      }
      savepkt.fname = path;
      savepkt.statp = new fd.StatPacket(st);
      const type = st.st_mode & os.S_IFMT;
      this.io.announce(path, type);
      switch (type) {
        case os.S_IFREG:
          savepkt.type = st.st_size === 0 ? fd.FT_REGE : fd.FT_REG;
          return fd.bRC_OK;
        case os.S_IFDIR:
          savepkt.type = fd.FT_DIREND;
          savepkt.link = path === "/" ? "/" : `${path}/`;
          savepkt.no_read = true;
          return fd.bRC_OK;
        case os.S_IFLNK:
          savepkt.type = fd.FT_LNK;
          savepkt.link = os.readlink(path);
          savepkt.no_read = true;
          return fd.bRC_OK;
        case os.S_IFIFO:
          savepkt.type = fd.FT_FIFO;
          savepkt.no_read = true;
          return fd.bRC_OK;
        default:
          fd.JobMessage(fd.M_WARNING, `skipping ${name}: not a file, directory, link or fifo\n`);
      }
    }
    return fd.bRC_Stop;
  }

  override endBackupFile(): fd.EntryResult {
    return this.nextFile < this.filesToBackup.length ? fd.bRC_More : fd.bRC_OK;
  }

  /**
   * A file that cannot be created (a directory in the way of a link, no
   * permission) is an error for that file: the restore goes on with the rest.
   */
  override createFile(restorepkt: fd.RestorePacket): fd.EntryResult {
    try {
      return this.createLocalFile(restorepkt);
    } catch (e) {
      const { message } = e as os.OsError;
      fd.JobMessage(fd.M_ERROR, `cannot restore ${withoutSlash(restorepkt.ofname)}: ${message}\n`);
      restorepkt.create_status = fd.CF_ERROR;
      return fd.bRC_OK;
    }
  }

  private createLocalFile(restorepkt: fd.RestorePacket): fd.EntryResult {
    const name = withoutSlash(restorepkt.ofname);
    makeDirs(name.slice(0, name.lastIndexOf("/")));
    const replace = () => {
      try {
        if ((os.lstat(name).st_mode & os.S_IFMT) !== os.S_IFDIR) os.unlink(name);
      } catch {
        // nothing to replace
      }
    };
    switch (restorepkt.type) {
      case fd.FT_REG:
      case fd.FT_REGE:
        restorepkt.create_status = fd.CF_EXTRACT;
        return fd.bRC_OK;
      case fd.FT_DIREND:
        makeDirs(name);
        break;
      case fd.FT_LNK:
        replace();
        os.symlink(restorepkt.olname ?? "", name);
        break;
      case fd.FT_LNKSAVED:
        replace();
        os.link(restorepkt.olname ?? "", name);
        break;
      case fd.FT_FIFO:
        replace();
        os.mkfifo(name, restorepkt.statp.st_mode & 0o7777);
        break;
      default:
        fd.JobMessage(fd.M_ERROR, `cannot restore ${name}: file type ${restorepkt.type}\n`);
        restorepkt.create_status = fd.CF_ERROR;
        return fd.bRC_OK;
    }
    restorepkt.create_status = fd.CF_CREATED;
    return fd.bRC_OK;
  }

  override setFileAttributes(restorepkt: fd.RestorePacket): fd.EntryResult {
    const name = withoutSlash(restorepkt.ofname);
    // A directory's times change with every entry restored into it, and a
    // restore of several jobs writes newer files into it after its own
    // entry: like tar, set directories last.
    if (restorepkt.type === fd.FT_DIREND) {
      this.directories.push({ name, statp: restorepkt.statp });
      return fd.bRC_OK;
    }
    setAttributes(name, restorepkt.statp, restorepkt.type === fd.FT_LNK);
    return fd.bRC_OK;
  }

  override endRestoreJob(): fd.EntryResult {
    const directories = this.directories;
    this.directories = [];
    for (const { name, statp } of directories) setAttributes(name, statp, false);
    return fd.bRC_OK;
  }
}

// The file is restored; attributes that cannot be set (an owner on a file
// system without them, a file removed meanwhile) are a warning, as in
// Python's base class, not a failed job.
function setAttributes(name: string, st: fd.StatPacket, isLink: boolean): void {
  try {
    try {
      os.lchown(name, st.st_uid, st.st_gid);
    } catch (e) {
      if ((e as os.OsError).code !== "EPERM") throw e;
    }
    if (!isLink) os.chmod(name, st.st_mode & 0o7777);
    (isLink ? os.lutimes : os.utimes)(name, st.st_atime, st.st_mtime);
  } catch (e) {
    fd.JobMessage(fd.M_WARNING, `cannot set the attributes of ${name}: ${(e as Error).message}\n`);
  }
}
