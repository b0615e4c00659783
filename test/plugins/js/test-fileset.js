// A plain-JS file-set plugin for the round-trip tests: backs up the tree
// under `path=` and restores it, with the I/O mode chosen by `io=`:
//   zerocopy  read straight into the core's buffer (default)
//   copy      return a fresh buffer from each read
//   core      hand the descriptor to the core (direct I/O)
import * as fd from "bareosfd";
import * as os from "bareos:os";

const options = {};
let queue = null;
let fdesc = -1;

function parseOptions(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0 && !(item.slice(0, eq) in options)) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
}

export function load_bareos_plugin(def) {
  parseOptions(def);
  return fd.bRC_OK;
}

export function parse_plugin_definition(def) {
  parseOptions(def);
  return fd.bRC_OK;
}

export function handle_plugin_event(event, value) {
  return fd.bRC_OK;
}

// Children before their directory, as Bareos sends FT_DIREND after the
// directory's contents.
function walk(path, out) {
  const st = os.lstat(path);
  if ((st.st_mode & os.S_IFMT) === os.S_IFDIR) {
    for (const name of os.readdir(path).sort()) walk(`${path}/${name}`, out);
  }
  out.push({ path, st });
}

function statPacket(st) {
  return new fd.StatPacket({
    dev: st.st_dev, ino: st.st_ino, mode: st.st_mode, nlink: st.st_nlink,
    uid: st.st_uid, gid: st.st_gid, rdev: st.st_rdev, size: st.st_size,
    atime: st.st_atime, mtime: st.st_mtime, ctime: st.st_ctime,
    blksize: st.st_blksize, blocks: st.st_blocks,
  });
}

export function start_backup_file(sp) {
  if (!queue) {
    queue = [];
    walk(options.path, queue);
  }
  const entry = queue.shift();
  if (!entry) return fd.bRC_Stop;
  const { path, st } = entry;
  sp.statp = statPacket(st);
  sp.fname = path;
  switch (st.st_mode & os.S_IFMT) {
    case os.S_IFDIR:
      sp.type = fd.FT_DIREND;
      sp.link = `${path}/`;
      sp.no_read = true;
      break;
    case os.S_IFLNK:
      sp.type = fd.FT_LNK;
      sp.link = os.readlink(path);
      sp.no_read = true;
      break;
    case os.S_IFIFO:
      sp.type = fd.FT_FIFO;
      sp.no_read = true;
      break;
    default:
      sp.type = st.st_size === 0 ? fd.FT_REGE : fd.FT_REG;
  }
  return fd.bRC_OK;
}

export function end_backup_file() {
  return queue.length ? fd.bRC_More : fd.bRC_OK;
}

export function start_restore_file(cmd) {
  return fd.bRC_OK;
}

export function end_restore_file() {
  return fd.bRC_OK;
}

function mkdirs(dir) {
  if (!dir) return;
  try {
    os.mkdir(dir, 0o755);
  } catch (e) {
    if (e.code === "ENOENT") {
      mkdirs(dir.slice(0, dir.lastIndexOf("/")));
      os.mkdir(dir, 0o755);
    } else if (e.code !== "EEXIST") {
      throw e;
    }
  }
}

export function create_file(rp) {
  const name = rp.ofname.replace(/\/+$/, "");
  mkdirs(name.slice(0, name.lastIndexOf("/")));
  switch (rp.type) {
    case fd.FT_DIREND:
      mkdirs(name);
      break;
    case fd.FT_LNK:
      os.symlink(rp.olname, name);
      break;
    case fd.FT_FIFO:
      os.mkfifo(name, rp.statp.st_mode & 0o7777);
      break;
    case fd.FT_LNKSAVED:
      os.link(rp.olname, name);
      break;
    default:
      rp.create_status = fd.CF_EXTRACT;
      return fd.bRC_OK;
  }
  rp.create_status = fd.CF_CREATED;
  return fd.bRC_OK;
}

export function set_file_attributes(rp) {
  const name = rp.ofname.replace(/\/+$/, "");
  const st = rp.statp;
  const isLink = rp.type === fd.FT_LNK;
  if (os.lstat(name).st_uid !== st.st_uid || os.lstat(name).st_gid !== st.st_gid) {
    try {
      os.lchown(name, st.st_uid, st.st_gid);
    } catch (e) {
      if (e.code !== "EPERM") throw e;
    }
  }
  if (!isLink) os.chmod(name, st.st_mode & 0o7777);
  (isLink ? os.lutimes : os.utimes)(name, st.st_atime, st.st_mtime);
  return fd.bRC_OK;
}

export function check_file(fname) {
  return fd.bRC_OK;
}

export function plugin_io(iop) {
  try {
    switch (iop.func) {
      case fd.IO_OPEN:
        fdesc = iop.flags & (os.O_WRONLY | os.O_RDWR)
          ? os.open(iop.fname, iop.flags, 0o600)
          : os.open(iop.fname, os.O_RDONLY);
        if (options.io === "core") {
          iop.filedes = fdesc;
          if (iop.flags & os.O_WRONLY) iop.status = fd.iostat_do_in_core;
          else iop.do_io_in_core = true;
        } else {
          iop.status = fd.iostat_do_in_plugin;
        }
        break;
      case fd.IO_READ:
        if (options.io === "copy") {
          const data = new Uint8Array(iop.count);
          const n = os.read(fdesc, data);
          iop.buf = data.subarray(0, n);
          iop.status = n;
        } else {
          iop.status = os.read(fdesc, iop.buf, 0, iop.count);
        }
        break;
      case fd.IO_WRITE:
        iop.status = os.write(fdesc, iop.buf, 0, iop.count);
        break;
      case fd.IO_CLOSE:
        os.close(options.io === "core" ? iop.filedes : fdesc);
        fdesc = -1;
        iop.status = 0;
        break;
      case fd.IO_SEEK:
        iop.offset = os.lseek(fdesc, iop.offset, iop.whence);
        iop.status = 0;
        break;
    }
  } catch (e) {
    iop.status = -1;
    iop.io_errno = e.errno ?? 5;
    fd.JobMessage(fd.M_ERROR, `${iop.fname}: ${e.message}\n`);
    return fd.bRC_Error;
  }
  return fd.bRC_OK;
}
