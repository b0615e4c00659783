// Exercises the bareosfd API from inside the simulated daemon and reports
// what it saw as job messages "probe <name> <json>", which the tests
// compare with what the reference documents.
import * as fd from "bareosfd";

const report = (name, value) => fd.JobMessage(fd.M_INFO, `probe ${name} ${JSON.stringify(value)}`);
const options = {};
let files = null;
let restoredObject = null;
const restoredAcl = [];
const restoredXattrs = [];

function parseOptions(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
}

function describeModule() {
  const out = {};
  for (const key of Object.keys(fd).sort()) {
    const v = fd[key];
    out[key] = typeof v === "function" ? "function" : typeof v === "object" ? "dict" : typeof v;
  }
  return out;
}

function values() {
  const out = {};
  for (const [name, num] of Object.entries(fd.bVariable)) out[name] = fd.GetValue(num);
  return out;
}

function packets() {
  const out = {};
  for (const cls of ["StatPacket", "SavePacket", "RestorePacket", "IoPacket", "AclPacket",
                     "XattrPacket", "RestoreObject"]) {
    const p = new fd[cls]();
    out[cls] = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v instanceof Uint8Array ? [...v] : v]));
  }
  const st = new fd.StatPacket({ mode: 0o100644, size: 7, mtime: 1000, st_uid: 5 });
  out.statInit = { mode: st.st_mode, size: st.st_size, mtime: st.st_mtime, uid: st.st_uid,
                   isStat: st instanceof fd.StatPacket };
  const now = Date.now() / 1000;
  out.statDefaultTimeIsNow = Math.abs(new fd.StatPacket().st_mtime - now) < 100;
  // Packets of one class share their layout; each must still be an object
  // of its own that a script can change freely.
  const a = new fd.IoPacket();
  const b = new fd.IoPacket({ count: 9 });
  a.extra = 1;
  delete a.count;
  a.status = 5;
  Object.freeze(a);
  const c = new fd.IoPacket();
  out.independent = { bCount: b.count, bExtra: "extra" in b, bStatus: b.status, cCount: c.count,
                      cFrozen: Object.isFrozen(c), aKeys: Object.keys(a).length,
                      cKeys: Object.keys(c).length };
  class MyStat extends fd.StatPacket {
    describe() { return `mode ${this.st_mode.toString(8)}`; }
  }
  const mine = new MyStat({ mode: 0o100600 });
  out.subclass = { isMine: mine instanceof MyStat, isStat: mine instanceof fd.StatPacket,
                   text: mine.describe(), plainAfter: !(new fd.StatPacket() instanceof MyStat) };
  return out;
}

export function load_bareos_plugin(def) {
  parseOptions(def);
  report("module", describeModule());
  report("dicts", {
    bRCs: fd.bRCs, bJobMessageType: fd.bJobMessageType, bVariable: fd.bVariable,
    bFileType: fd.bFileType, bCFs: fd.bCFs, bEventType: fd.bEventType, bIOPS: fd.bIOPS,
    bIOPstatus: fd.bIOPstatus, bLevels: fd.bLevels,
  });
  report("register", {
    valid: fd.RegisterEvents([fd.bEventStartBackupJob, fd.bEventEndBackupJob, fd.bEventJobEnd,
                              fd.bEventStartRestoreJob, fd.bEventEndRestoreJob, 99]),
    invalid: fd.RegisterEvents([0, 32, 1000]),
    unregister: fd.UnRegisterEvents([fd.bEventEndFileSet]),
  });
  report("instances", fd.GetInstanceCount());
  report("packets", packets());
  fd.DebugMessage(100, "probe debug message\n");
  return fd.bRC_OK;
}

let definitions = 0;
export function parse_plugin_definition(def) {
  parseOptions(def);
  report("definition", def);
  if (definitions++ === 0 && options.mode === "backup") {
    // FileSet calls are valid only while the FileSet is being processed.
    report("fileset", [
      fd.NewInclude(), fd.NewOptions(), fd.AddOptions("ei"), fd.AddWild("*.tmp", 0x44),
      fd.AddRegex("^/tmp", 0x52), fd.AddInclude("/etc/hosts"), fd.AddExclude("/etc/shadow"),
      fd.NewPreInclude(),
    ]);
  }
  return fd.bRC_OK;
}

export function handle_plugin_event(event, value) {
  report("event", [event, value]);
  if (event === fd.bEventStartBackupJob) report("values", values());
  if (event === fd.bEventStartRestoreJob) report("restore_values", values());
  return fd.bRC_OK;
}

const content = "hello from the probe\n";

let keptFlags = null;
export function start_backup_file(sp) {
  // The flags array may be filled again for the next file only if no
  // script holds it: one kept here must never come back.
  report("flags_in", { flags: [...sp.flags], kept: sp.flags === keptFlags });
  if (keptFlags === null) keptFlags = sp.flags;
  if (files === null) {
    report("savepacket_in", { fname: sp.fname, link: sp.link, statp: sp.statp, type: sp.type,
                              flags: [...sp.flags], cmd: sp.cmd, portable: sp.portable });
    files = ["object", "file"];
  }
  const what = files.shift();
  if (what === "object") {
    sp.type = fd.FT_RESTORE_FIRST;
    sp.object_name = "probe-object";
    sp.object = new TextEncoder().encode("{\"lsn\":42}");
    sp.object_index = 7;
    sp.fname = "/@probe/object";
    // A restore object needs a statp too, as in python-fd.
    sp.statp = new fd.StatPacket({ mode: 0o100644 });
    return fd.bRC_OK;
  }
  sp.fname = "/@probe/file.txt";
  sp.type = fd.FT_REG;
  sp.statp = new fd.StatPacket({ mode: 0o100640, size: content.length, mtime: 1700000000,
                                 atime: 1700000000, ctime: 1700000000, nlink: 1 });
  const check = new fd.SavePacket({ fname: sp.fname, type: fd.FT_REG, statp: sp.statp });
  report("check", { changes: fd.CheckChanges(check), accurate_found: check.accurate_found,
                    delta_seq: check.delta_seq, accept: fd.AcceptFile(check) });
  report("bitmap", [fd.SetSeenBitmap(true), fd.ClearSeenBitmap(false, "/@probe/none"),
                    fd.SetValue(fd.bVarFileSeen, "/@probe/none")]);
  report("setvalue", {
    since: fd.SetValue(fd.bVarSinceTime, 1234), sinceAfter: fd.GetValue(fd.bVarSinceTime),
    check: fd.SetValue(fd.bVarCheckChanges, false), checkAfter: fd.GetValue(fd.bVarCheckChanges),
    other: fd.SetValue(fd.bVarJobId, 1),
  });
  fd.SetValue(fd.bVarCheckChanges, true);
  return fd.bRC_OK;
}

export function end_backup_file() {
  return files.length ? fd.bRC_More : fd.bRC_OK;
}

let readDone = false;
// The daemon may reuse a packet object once a call is over, but only one
// that no script can still reach: one kept, held weakly or changed in kind
// must never come back as a fresh packet.
let keptIo = null;
const weakIo = new WeakSet();

export function plugin_io(iop) {
  report("io_packet", { func: iop.func, status: iop.status, buf: iop.buf === null ? null : "view",
                        kept: iop === keptIo, keptFunc: keptIo === null ? null : keptIo.func,
                        weak: weakIo.has(iop), extensible: Object.isExtensible(iop) });
  if (iop.func === fd.IO_OPEN) keptIo = iop;
  else if (iop.func === fd.IO_READ && !readDone) weakIo.add(iop);
  else if (iop.func === fd.IO_READ) Object.preventExtensions(iop);
  report("io", { func: iop.func, count: iop.count, flags: iop.flags, fname: iop.fname,
                 buf: iop.buf === null ? null : iop.buf.length, filedes: iop.filedes });
  if (iop.func === fd.IO_READ) {
    if (readDone) {
      iop.status = 0;
    } else {
      const bytes = new TextEncoder().encode(content);
      iop.buf.set(bytes);
      iop.status = bytes.length;
      readDone = true;
    }
  } else if (iop.func === fd.IO_WRITE) {
    report("written", new TextDecoder().decode(iop.buf));
    let threw = false;
    try { iop.buf[0] = 1; } catch { threw = true; }
    report("write_view_readonly", threw || iop.buf[0] !== 1);
    iop.status = iop.count;
  } else {
    iop.status = 0;
  }
  return fd.bRC_OK;
}

export function get_acl(acl) {
  report("get_acl", acl.fname);
  acl.content = new TextEncoder().encode("user::rw-\n");
  return fd.bRC_OK;
}

let xattrs = 0;
export function get_xattr(xattr) {
  report("xattr_in", { name: xattr.name, value: xattr.value });
  xattrs++;
  xattr.name = new TextEncoder().encode(`user.probe${xattrs}`);
  xattr.value = new TextEncoder().encode(`v${xattrs}`);
  return xattrs < 2 ? fd.bRC_More : fd.bRC_OK;
}

export function restore_object_data(rop) {
  restoredObject = { name: rop.object_name, object: new TextDecoder().decode(rop.object),
                     len: rop.object_len, index: rop.object_index, type: rop.object_type,
                     plugin_name: rop.plugin_name, isRestoreObject: rop instanceof fd.RestoreObject };
  report("restore_object", restoredObject);
  return fd.bRC_OK;
}

export function start_restore_file(cmd) {
  report("start_restore_file", cmd);
  return fd.bRC_OK;
}

export function create_file(rp) {
  report("restorepacket", { ofname: rp.ofname, type: rp.type, where: rp.where,
                            mode: rp.statp.st_mode, mtime: rp.statp.st_mtime,
                            create_status: rp.create_status, filedes: rp.filedes,
                            isRestorePacket: rp instanceof fd.RestorePacket });
  rp.create_status = fd.CF_EXTRACT;
  return fd.bRC_OK;
}

export function set_file_attributes(rp) {
  rp.create_status = fd.CF_CREATED;
  return fd.bRC_OK;
}

export function set_acl(acl) {
  restoredAcl.push(new TextDecoder().decode(acl.content));
  report("set_acl", restoredAcl);
  return fd.bRC_OK;
}

export function set_xattr(xattr) {
  restoredXattrs.push([new TextDecoder().decode(xattr.name), new TextDecoder().decode(xattr.value)]);
  report("set_xattr", restoredXattrs);
  return fd.bRC_OK;
}

export function end_restore_file() {
  return fd.bRC_OK;
}

export function check_file(fname) {
  return fd.bRC_Seen;
}
