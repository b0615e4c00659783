// plugin_io on local files: reads straight into the daemon's buffer (no
// copy), writes from its read-only view, and with `inCore` hands the
// descriptor to the daemon so that it does the I/O itself.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { makeDirs } from "./files.js";

function failed(iop: fd.IoPacket, e: unknown): fd.bRC {
  const err = e as os.OsError;
  iop.status = -1;
  iop.io_errno = typeof err.errno === "number" ? err.errno : os.EIO;
  fd.JobMessage(fd.M_ERROR, `${iop.fname ?? ""}: ${err.message}\n`);
  return fd.bRC_Error;
}

export class LocalFileIo {
  /** Let the daemon read and write the descriptor itself (direct I/O). */
  inCore = false;
  private fd = -1;
  /** False for a name that open() left closed on purpose (see open). */
  private opened = false;
  private knownName: string | undefined;
  private knownType = 0;

  /**
   * The file type (S_IFMT bits of an lstat) of the file about to be backed
   * up, from a caller that has just looked: open() then needs no lstat of
   * its own, a system call per file less on the small-file path.
   */
  announce(name: string, type: number): void {
    this.knownName = name;
    this.knownType = type;
  }

  /** plugin_io itself, for a plugin that overrides none of the I/O hooks. */
  handle(iop: fd.IoPacket): fd.bRC {
    // The cases narrow iop through this const, and after them (a func the
    // typings do not know) it still names the operation.
    const { func } = iop;
    switch (func) {
      case fd.IO_OPEN: return this.open(iop);
      case fd.IO_READ: return this.read(iop);
      case fd.IO_WRITE: return this.write(iop);
      case fd.IO_CLOSE: return this.close(iop);
      case fd.IO_SEEK: return this.seek(iop);
    }
    fd.JobMessage(fd.M_ERROR, `plugin_io: unknown operation ${func}\n`);
    return fd.bRC_Error;
  }

  /**
   * Directories, symlinks and fifos are never opened, as in Python's base
   * class: reading one gives no data (opening a fifo would wait for a
   * writer, a link would read its target). A restore replaces a link or fifo
   * by the file instead of writing through it.
   */
  open(iop: fd.IoOpenPacket): fd.bRC {
    const name = iop.fname ?? "";
    const writing = (iop.flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR)) !== 0;
    this.fd = -1;
    this.opened = false;
    let type = 0;
    if (!writing && name === this.knownName) {
      type = this.knownType;
    } else {
      try {
        type = os.lstat(name).st_mode & os.S_IFMT;
      } catch {
        // not there (yet): open() says why if it matters
      }
    }
    this.knownName = undefined;
    const special = type === os.S_IFDIR || type === os.S_IFLNK || type === os.S_IFIFO;
    try {
      if (writing) {
        // A directory stays: opening it fails with EISDIR.
        if (type === os.S_IFLNK || type === os.S_IFIFO) os.unlink(name);
        makeDirs(name.slice(0, name.lastIndexOf("/")));
        this.fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, iop.mode || 0o600);
      } else if (special) {
        iop.status = fd.iostat_do_in_plugin;
        return fd.bRC_OK;
      } else {
        this.fd = os.open(name, os.O_RDONLY | (iop.flags & os.O_NOATIME));
      }
    } catch (e) {
      return failed(iop, e);
    }
    this.opened = true;
    if (this.inCore) {
      iop.filedes = this.fd;
      iop.status = fd.iostat_do_in_core;
    } else {
      iop.status = fd.iostat_do_in_plugin;
    }
    return fd.bRC_OK;
  }

  read(iop: fd.IoReadPacket): fd.bRC {
    if (!this.opened) {
      iop.status = 0;
      return fd.bRC_OK;
    }
    try {
      iop.status = os.read(this.fd, iop.buf, 0, iop.count);
      return fd.bRC_OK;
    } catch (e) {
      return failed(iop, e);
    }
  }

  write(iop: fd.IoWritePacket): fd.bRC {
    try {
      iop.status = os.write(this.fd, iop.buf, 0, iop.count);
      return fd.bRC_OK;
    } catch (e) {
      return failed(iop, e);
    }
  }

  close(iop: fd.IoClosePacket): fd.bRC {
    const descriptor = !this.opened ? -1 : this.inCore && iop.filedes >= 0 ? iop.filedes : this.fd;
    this.fd = -1;
    this.opened = false;
    try {
      if (descriptor >= 0) os.close(descriptor);
      iop.status = 0;
      return fd.bRC_OK;
    } catch (e) {
      return failed(iop, e);
    }
  }

  seek(iop: fd.IoSeekPacket): fd.bRC {
    try {
      iop.offset = os.lseek(this.fd, iop.offset, iop.whence);
      iop.status = 0;
      return fd.bRC_OK;
    } catch (e) {
      return failed(iop, e);
    }
  }
}
