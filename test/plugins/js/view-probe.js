// Backs up one made-up file, /@views/file, one letter per read, and does to
// the read views what a careless script might: keeps one, holds one
// weakly, marks one, keeps one's ArrayBuffer.  The daemon may hand out a
// view again only if no script can reach it, so every such view must come
// back detached, never as a later call's view.  The restore reports the
// letters it is given.  Reports are "probe view <json>" job messages.
import * as fd from "bareosfd";

const report = (value) => fd.JobMessage(fd.M_INFO, `probe view ${JSON.stringify(value)}`);
const letters = "abcdefg";
let done = false;
let read = 0;
let held = null;
let heldBuffer = null;
const weak = new WeakSet();
let written = "";

export function load_bareos_plugin() { return fd.bRC_OK; }
export function parse_plugin_definition() { return fd.bRC_OK; }
export function handle_plugin_event() { return fd.bRC_OK; }

export function start_backup_file(sp) {
  if (done) return fd.bRC_Stop;
  done = true;
  sp.fname = "/@views/file";
  sp.type = fd.FT_REG;
  sp.statp = new fd.StatPacket({ mode: 0o100644, size: letters.length });
  return fd.bRC_OK;
}

export function end_backup_file() { return fd.bRC_OK; }

function see(view) {
  return { read, held: held === null ? null : { detached: held.byteLength === 0, same: held === view },
           weak: weak.has(view), marked: "mark" in view,
           proto: Object.getPrototypeOf(view) === Uint8Array.prototype,
           heldBuffer: heldBuffer === null ? null : { detached: heldBuffer.byteLength === 0,
                                                      same: heldBuffer === view.buffer } };
}

export function plugin_io(iop) {
  if (iop.func === fd.IO_WRITE) {
    written += String.fromCharCode(...iop.buf.subarray(0, iop.count));
    iop.status = iop.count;
    return fd.bRC_OK;
  }
  if (iop.func === fd.IO_CLOSE && written) report({ written });
  if (iop.func !== fd.IO_READ) {
    iop.status = 0;
    return fd.bRC_OK;
  }
  const view = iop.buf;
  report(see(view));
  switch (read) {
    case 1: held = view; break;
    case 2: weak.add(view); break;
    case 3: view.mark = 1; break;
    case 4: heldBuffer = view.buffer; break;
    case 5: Object.setPrototypeOf(view, null); break;
  }
  if (read === letters.length) {
    iop.status = 0;
  } else {
    view[0] = letters.charCodeAt(read);
    iop.status = 1;
  }
  read++;
  return fd.bRC_OK;
}

export function start_restore_file() { return fd.bRC_OK; }
export function end_restore_file() { return fd.bRC_OK; }
export function create_file(rp) {
  rp.create_status = fd.CF_CORE;
  return fd.bRC_OK;
}
