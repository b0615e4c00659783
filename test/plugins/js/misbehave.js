// One virtual file, backed up and restored; options make it misbehave in
// a chosen entry point:
//   throw_in=<entry>       throw an Error there
//   reject_in=<entry>      return a rejected promise there
//   return_in=<entry>      return a string instead of a bRC
//   overread=1             report more bytes read than count
//   bigbuf=1               assign a buffer larger than count on read
//   forbidden=<name>       call std.exit / std.setenv / os.chdir / os.signal / os.Worker
//   no_fname=1, no_type=1  start_backup_file returns OK without them
//   async=1                every entry point is async and awaits a timer
//   loop=read              spin forever in IO_READ (for cancel and timeout)
//   block=read             block in IO_READ on a pipe that never gets data
//   alloc=1                allocate without bound in start_backup_file
//   oom=<kind>             run out of memory in start_backup_file another way: objects
//                          (many small ones), strings, array (growth), promises (a queue),
//                          native (in one native call), typed (typed arrays), json
//   hold=<MiB>             hold that much in start_backup_file for hold_ms (default 1000), then go on
//   recurse=1              recurse without end in start_backup_file
//   bad_object=1           return a restore object whose object is a string
//   short_write=1          report one byte less than written on IO_WRITE
//   bad_fd=1               ask for direct I/O on a descriptor that is not open
//   double_close=1         direct I/O, then close the descriptor twice in IO_CLOSE
import * as fd from "bareosfd";
import * as std from "qjs:std";
import * as os from "qjs:os";
import * as bos from "bareos:os";

const options = {};
const content = new TextEncoder().encode("misbehave payload\n");
let sent = false;
let restored = [];
let pipe = null;
const hog = [];
let held = false;
const recurse = (n) => recurse(n + 1) + 1;

// Each way fills memory until the limit stops it; none returns.
const exhaust = {
  objects: () => { const a = []; for (;;) a.push({ i: a.length }); },
  strings: () => { const a = []; for (let s = "x";; s += "y") a.push(s + a.length); },
  array: () => { const a = []; for (let i = 0;; i++) a.push(i * 1.5); },
  promises: async () => { const a = []; for (;;) a.push(new Promise(() => {}), Promise.resolve(a.length)); },
  native: () => "x".repeat(1 << 25),
  typed: () => { const a = []; for (;;) a.push(new Float64Array(4096)); },
  json: () => { const o = { a: "v".repeat(1 << 16) }; for (;;) o.a = JSON.stringify([o.a, o.a]); },
};

function parse(def) {
  for (const item of def.split(":")) {
    const eq = item.indexOf("=");
    if (eq > 0) options[item.slice(0, eq)] = item.slice(eq + 1);
  }
}

const sleep = (ms) => new Promise((resolve) => os.setTimeout(resolve, ms));

function misbehave(entry) {
  if (options.throw_in === entry) throw new Error(`deliberate failure in ${entry}`);
  if (options.reject_in === entry) return Promise.reject(new TypeError(`rejected in ${entry}`));
  if (options.return_in === entry) return "not a bRC";
  if (options.forbidden && entry === "start_backup_file") {
    const calls = { exit: () => std.exit(3), setenv: () => std.setenv("X", "1"),
                    chdir: () => os.chdir("/"), signal: () => os.signal(15, null),
                    Worker: () => new os.Worker("x.js") };
    calls[options.forbidden]();
  }
  return undefined;
}

function entry(name, body) {
  return (...args) => {
    if (name === "load_bareos_plugin") parse(args[0]);
    const bad = misbehave(name);
    if (bad !== undefined) return bad;
    if (options.async) return sleep(1).then(() => body(...args));
    return body(...args);
  };
}

export const load_bareos_plugin = entry("load_bareos_plugin", () => {
  fd.RegisterEvents([fd.bEventStartBackupJob, fd.bEventEndBackupJob]);
  return fd.bRC_OK;
});
export const parse_plugin_definition = entry("parse_plugin_definition", (def) => {
  parse(def);
  return fd.bRC_OK;
});
export const handle_plugin_event = entry("handle_plugin_event", () => fd.bRC_OK);
export const start_backup_file = entry("start_backup_file", (sp) => start(sp));
function start(sp) {
  if (options.alloc) for (;;) hog.push(new Array(100000).fill(hog.length));
  if (options.oom) return exhaust[options.oom]();
  if (options.hold && !held) {
    held = true;
    for (let mib = 0; mib < Number(options.hold); mib++) hog.push(new Uint8Array(1 << 20).fill(1));
    return sleep(Number(options.hold_ms ?? 1000)).then(() => {
      hog.length = 0;
      return start(sp);
    });
  }
  if (options.recurse) recurse(0);
  if (options.bad_object) {
    sp.type = fd.FT_RESTORE_FIRST;
    sp.object_name = "bad";
    sp.object = "a string, not bytes";
    return fd.bRC_OK;
  }
  if (!options.no_fname) sp.fname = "/@misbehave/file";
  if (!options.no_type) sp.type = fd.FT_REG;
  sp.statp = new fd.StatPacket({ size: content.length, mode: 0o100644 });
  // statp's getters change the packet while the daemon copies it.
  if (options.statp_getters) {
    sp.link = "l".repeat(1000);
    sp.statp = {
      get st_mode() {
        sp.fname = `/@misbehave/${"x".repeat(1000)}`;
        sp.link = null;
        sp.flags = new Uint8Array(5);
        return 0o100644;
      },
      get st_size() { sp.statp = null; return content.length; },
    };
  }
  return fd.bRC_OK;
}
export const end_backup_file = entry("end_backup_file", () => fd.bRC_OK);
export const plugin_io = entry("plugin_io", (iop) => {
  if (iop.func === fd.IO_OPEN && options.block) pipe = os.pipe();
  if (iop.func === fd.IO_OPEN && options.bad_fd) {
    iop.filedes = 12345;
    iop.do_io_in_core = true;
    return fd.bRC_OK;
  }
  if (iop.func === fd.IO_OPEN && options.double_close) {
    iop.filedes = bos.open("/etc/passwd");
    iop.do_io_in_core = true;
    return fd.bRC_OK;
  }
  if (iop.func === fd.IO_CLOSE && options.double_close) {
    bos.close(iop.filedes);
    bos.close(iop.filedes);
  }
  if (iop.func === fd.IO_CLOSE && pipe) {
    pipe.forEach((p) => os.close(p));
    pipe = null;
  }
  if (iop.func === fd.IO_READ) {
    // Tests that cancel the job wait for this line, not for a guess of time.
    if (options.loop === "read" || options.block === "read") fd.JobMessage(fd.M_INFO, "misbehave: in IO_READ");
    if (options.loop === "read") for (;;);
    if (options.block === "read") {
      iop.status = bos.read(pipe[0], iop.buf, 0, iop.count);
      return fd.bRC_OK;
    }
    if (options.overread) {
      iop.status = iop.count + 1;
    } else if (options.bigbuf) {
      iop.buf = new Uint8Array(iop.count + 10);
      iop.status = 10;
    } else {
      iop.status = sent ? 0 : content.length;
      if (!sent) iop.buf.set(content);
      sent = true;
    }
  } else if (iop.func === fd.IO_WRITE) {
    restored.push(new TextDecoder().decode(iop.buf));
    iop.status = options.short_write ? iop.count - 1 : iop.count;
  } else {
    iop.status = 0;
  }
  return fd.bRC_OK;
});
export const start_restore_file = entry("start_restore_file", () => fd.bRC_OK);
export const create_file = entry("create_file", (rp) => {
  rp.create_status = fd.CF_EXTRACT;
  return fd.bRC_OK;
});
export const set_file_attributes = entry("set_file_attributes", () => fd.bRC_OK);
export const end_restore_file = entry("end_restore_file", () => {
  fd.JobMessage(fd.M_INFO, `restored ${JSON.stringify(restored.join(""))}`);
  return fd.bRC_OK;
});
export const check_file = entry("check_file", () => fd.bRC_OK);
export const get_acl = entry("get_acl", () => fd.bRC_OK);
export const get_xattr = entry("get_xattr", () => fd.bRC_OK);
