// Every bareosfd function, constant group and packet member, exercised by
// the api-probe plugin from inside the simulated daemon.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runSim, pluginString, tempDir, cleanup, messages, sane } from "../../lib/sim.mjs";

const work = tempDir("bq-api-");
const archive = join(work, "probe.bar");
const names = JSON.parse(readFileSync(new URL("./bareosfd-names.json", import.meta.url)));

function probes(job) {
  const out = {};
  for (const m of job.messages) {
    const match = /probe (\S+) (.*)$/s.exec(m.text);
    if (match) (out[match[1]] ??= []).push(JSON.parse(match[2]));
  }
  return out;
}

const backup = runSim(["backup", "--fileset-plugin", pluginString("api-probe", "mode=backup:x=1"),
                       "--archive", archive, "--acl", "--xattr", "--jobid", "42"]);
const bjob = backup.jobs[0];
const b = bjob ? probes(bjob) : {};
const restore = runSim(["restore", "--archive", archive, "--where", join(work, "r"), "--jobid", "43"]);
const rjob = restore.jobs[0];
const r = rjob ? probes(rjob) : {};

test("backup and restore with the probe succeed", () => {
  assert.ok(sane(backup) && sane(restore), backup.stderr + restore.stderr);
  assert.is(bjob.status, "T", messages(bjob).join("\n"));
  assert.is(rjob.status, "T", messages(rjob).join("\n"));
});

test("the module offers every name of Python's dir(bareosfd)", () => {
  const module = b.module[0];
  const missing = names.filter((n) => !(n in module));
  assert.equal(missing, []);
  for (const f of ["GetValue", "SetValue", "JobMessage", "CheckChanges", "StatPacket"])
    assert.is(module[f], "function");
  for (const d of ["bRCs", "bVariable", "bEventType", "bFileType", "bCFs", "bIOPS",
                   "bJobMessageType", "bLevels", "bIOPstatus"])
    assert.is(module[d], "dict");
});

test("constant groups have Python's names and values", () => {
  const d = b.dicts[0];
  assert.equal(d.bRCs, { bRC_OK: 0, bRC_Stop: 1, bRC_Error: 2, bRC_More: 3, bRC_Term: 4,
                         bRC_Seen: 5, bRC_Core: 6, bRC_Skip: 7, bRC_Cancel: 8 });
  assert.equal(d.bCFs, { CF_SKIP: 1, CF_ERROR: 2, CF_EXTRACT: 3, CF_CREATED: 4, CF_CORE: 5 });
  assert.equal(d.bIOPS, { IO_OPEN: 1, IO_READ: 2, IO_WRITE: 3, IO_CLOSE: 4, IO_SEEK: 5 });
  assert.equal(d.bIOPstatus, { iostat_error: -1, iostat_do_in_plugin: 0, iostat_do_in_core: 1 });
  assert.is(Object.keys(d.bEventType).length, 31);
  assert.is(d.bEventType.bEventVssBackupComplete, 31);
  assert.is(d.bEventType.bEventNewPluginOptions, 20);
  assert.is(Object.keys(d.bFileType).length, 28);
  assert.is(d.bFileType.FT_PLUGIN_CONFIG_FILLED, 28);
  assert.is(d.bFileType.FT_DIREND, 5);
  assert.is(d.bVariable.bVarPluginPath, 22);
  assert.is(d.bVariable.bVarCheckChanges, 20);
  assert.is(d.bJobMessageType.M_VOLMGMT, 16);
  assert.is(d.bJobMessageType.M_FATAL, 3);
  assert.equal(d.bLevels, { L_FULL: "F", L_INCREMENTAL: "I", L_DIFFERENTIAL: "D", L_SINCE: "S",
    L_VERIFY_CATALOG: "C", L_VERIFY_INIT: "V", L_VERIFY_VOLUME_TO_CATALOG: "O",
    L_VERIFY_DISK_TO_CATALOG: "d", L_VERIFY_DATA: "A", L_BASE: "B", L_NONE: " ",
    L_VIRTUAL_FULL: "f" });
});

test("GetValue returns every variable with its type", () => {
  const v = b.values[0];
  assert.is(v.bVarJobId, 42);
  assert.is(v.bVarLevel, "F".charCodeAt(0));
  assert.is(v.bVarType, "B".charCodeAt(0));
  for (const s of ["bVarFDName", "bVarClient", "bVarJobName", "bVarWorkingDir", "bVarExePath",
                   "bVarVersion", "bVarUsedConfig", "bVarPluginPath"])
    assert.type(v[s], "string", s);
  assert.is(v.bVarCheckChanges, true);
  assert.is(v.bVarSinceTime, 0);
  assert.is(v.bVarAccurate, 0);
  assert.is(v.bVarFileSeen, null);
  assert.is(v.bVarDistName, null);
  assert.is(v.bVarVssClient, null);
  assert.is(r.restore_values[0].bVarJobId, 43);
  assert.is(r.restore_values[0].bVarWhere, join(work, "r"));
});

test("SetValue, CheckChanges, AcceptFile and the seen bitmap", () => {
  assert.equal(b.setvalue[0], { since: 0, sinceAfter: 1234, check: 0, checkAfter: false, other: 2 });
  assert.equal(b.check[0], { changes: 0, accurate_found: false, delta_seq: 0, accept: 0 });
  assert.equal(b.bitmap[0].length, 3);
});

test("RegisterEvents, GetInstanceCount and the FileSet calls", () => {
  assert.equal(b.register[0], { valid: 0, invalid: 2, unregister: 0 });
  assert.type(b.instances[0], "number");
  assert.equal(b.fileset[0], [0, 0, 0, 0, 0, 0, 0, 0]);
  const events = b.event.map(([e]) => e);
  assert.ok(events.includes(3) && events.includes(4), `events: ${events}`);
  const restoreEvents = r.event.map(([e]) => e);
  assert.ok(restoreEvents.includes(2), `restore events: ${restoreEvents}`);
});

test("packet classes have Python's members and defaults", () => {
  const p = b.packets[0];
  assert.equal(Object.keys(p.StatPacket).sort(), ["st_atime", "st_blksize", "st_blocks",
    "st_ctime", "st_dev", "st_gid", "st_ino", "st_mode", "st_mtime", "st_nlink", "st_rdev",
    "st_size", "st_uid"]);
  assert.is(p.StatPacket.st_mode, 0o100700);
  assert.is(p.StatPacket.st_size, -1);
  assert.is(p.StatPacket.st_blksize, 4096);
  assert.is(p.StatPacket.st_blocks, 1);
  assert.ok(b.packets[0].statDefaultTimeIsNow);
  assert.equal(p.statInit, { mode: 0o100644, size: 7, mtime: 1000, uid: 5, isStat: true });
  for (const k of ["fname", "link", "statp", "type", "flags", "no_read", "portable",
                   "accurate_found", "cmd", "save_time", "delta_seq", "object_name", "object",
                   "object_len", "object_index"])
    assert.ok(k in p.SavePacket, `SavePacket.${k}`);
  for (const k of ["stream", "data_stream", "type", "file_index", "linkFI", "uid", "statp",
                   "attrEX", "ofname", "olname", "where", "regexwhere", "replace",
                   "create_status", "filedes"])
    assert.ok(k in p.RestorePacket, `RestorePacket.${k}`);
  for (const k of ["func", "count", "flags", "mode", "buf", "fname", "status", "io_errno",
                   "lerror", "whence", "offset", "win32", "filedes"])
    assert.ok(k in p.IoPacket, `IoPacket.${k}`);
  assert.is(p.IoPacket.filedes, -1);
  assert.is(p.IoPacket.buf, null);
  assert.is(p.IoPacket.do_io_in_core, false);
  assert.equal(Object.keys(p.IoPacket), ["func", "count", "flags", "mode", "fname", "status",
    "io_errno", "lerror", "whence", "offset", "win32", "filedes", "buf", "do_io_in_core"]);
  assert.ok("content" in p.AclPacket && "fname" in p.AclPacket);
  for (const k of ["fname", "name", "value"]) assert.ok(k in p.XattrPacket, `XattrPacket.${k}`);
  for (const k of ["object_name", "object", "plugin_name", "object_type", "object_len",
                   "object_full_len", "object_index", "object_compression", "stream", "jobid"])
    assert.ok(k in p.RestoreObject, `RestoreObject.${k}`);
});

test("packets are independent objects, and packet classes can be subclassed", () => {
  const p = b.packets[0];
  assert.equal(p.independent, { bCount: 9, bExtra: false, bStatus: 0, cCount: 0, cFrozen: false,
                                aKeys: 14, cKeys: 14 });
  assert.equal(p.subclass, { isMine: true, isStat: true, text: "mode 100600", plainAfter: true });
});

test("a packet object comes back only when no script can reach it", () => {
  const entry = (func, buf) => ({ func, status: 0, buf, kept: false, keptFunc: 1, weak: false,
                                  extensible: true });
  assert.equal(b.io_packet, [{ ...entry(1, null), keptFunc: null }, entry(2, "view"),
                             entry(2, "view"), entry(4, null)]);
  assert.ok(b.flags_in.length >= 2);
  for (const f of b.flags_in) assert.equal(f, { flags: b.flags_in[0].flags, kept: false });
  // The second XattrPacket is the first one again, with its members reset.
  assert.equal(b.xattr_in, [{ name: null, value: null }, { name: null, value: null }]);
});

test("start_backup_file gets Python's fresh SavePacket", () => {
  const sp = b.savepacket_in[0];
  assert.is(sp.fname, "");
  assert.is(sp.statp, null);
  assert.is(sp.type, 0);
  assert.is(sp.flags.length, 5);
  assert.ok(sp.cmd.startsWith("quickjs:"));
});

test("I/O packets: open, zero-copy read, read-only write view, close", () => {
  const opens = b.io.filter((io) => io.func === 1);
  assert.is(opens[0].fname, "/@probe/file.txt");
  const reads = b.io.filter((io) => io.func === 2);
  assert.ok(reads.length >= 2);
  assert.is(reads[0].buf, reads[0].count);
  assert.equal(r.written, ["hello from the probe\n"]);
  assert.equal(r.write_view_readonly, [true]);
});

test("restore objects, ACLs and xattrs make the round trip", () => {
  const rop = r.restore_object[0];
  assert.is(rop.name, "probe-object");
  assert.is(rop.object, "{\"lsn\":42}");
  assert.is(rop.len, 10);
  assert.is(rop.type, 25);
  assert.ok(rop.isRestoreObject);
  assert.equal(r.set_acl.at(-1), ["user::rw-\n"]);
  assert.equal(r.set_xattr.at(-1), [["user.probe1", "v1"], ["user.probe2", "v2"]]);
  const rp = r.restorepacket[0];
  assert.ok(rp.isRestorePacket);
  assert.is(rp.ofname, join(work, "r") + "/@probe/file.txt");
  assert.is(rp.mode, 0o100640);
  assert.is(rp.mtime, 1700000000);
  assert.is(rp.create_status, 2);
});

test.after(() => cleanup(work));
test.run();
