// Compiled by test/suites/kit/types.test.mjs with the plugin tsconfig: every line
// without a directive must compile, every @ts-expect-error line must not.
import * as fd from "bareosfd";
import * as os from "bareos:os";
import * as std from "qjs:std";
import * as qos from "qjs:os";
import { BareosFdPlugin, LocalFilesPlugin, definePlugin } from "bareos-qjs";
import * as kitFd from "bareos-qjs/fd";

// Constants are literal types; groups are unions.
const ok: 0 = fd.bRC_OK;
const more: fd.bRC = fd.bRC_More;
const level: "I" = fd.L_INCREMENTAL;
const ft: fd.bFileTypeValue = fd.FT_DIREND;
const dictValue: 3 = fd.bCFs.CF_EXTRACT;
// @ts-expect-error: bRC_Stop is 1, not 0
const wrong: 0 = fd.bRC_Stop;
// @ts-expect-error: 42 is no bRC
const notRc: fd.bRC = 42;
// @ts-expect-error: dictionaries are read-only
fd.bRCs.bRC_OK = 1;

// GetValue's result type follows the variable.
const jobId: number | null = fd.GetValue(fd.bVarJobId);
const where: string | null = fd.GetValue(fd.bVarWhere);
const check: boolean | null = fd.GetValue(fd.bVarCheckChanges);
// @ts-expect-error: the job name is a string
const nameAsNumber: number | null = fd.GetValue(fd.bVarJobName);
// @ts-expect-error: 99 is no variable
fd.GetValue(99);
fd.SetValue(fd.bVarSinceTime, 0);
fd.SetValue(fd.bVarCheckChanges, false);
// @ts-expect-error: CheckChanges takes a boolean
fd.SetValue(fd.bVarCheckChanges, "no");
// @ts-expect-error: the job id cannot be set
fd.SetValue(fd.bVarJobId, 1);

fd.JobMessage(fd.M_INFO, "text\n");
// @ts-expect-error: 99 is no message type
fd.JobMessage(99, "text");
fd.RegisterEvents([fd.bEventJobEnd, fd.bEventEndBackupJob]);
// @ts-expect-error: 0 is no event
fd.RegisterEvents([0]);
fd.SetSeenBitmap(true);
fd.ClearSeenBitmap(false, "/etc/hosts");
// @ts-expect-error: a single file needs its name
fd.SetSeenBitmap(false);

// Packets
const st = new fd.StatPacket({ mode: 0o100644, st_size: 5, mtime: 0 });
// @ts-expect-error: no such member
new fd.StatPacket({ colour: 1 });
const sp = new fd.SavePacket({ fname: "/x", type: fd.FT_REG, statp: st });
sp.no_read = true;
// @ts-expect-error: fname is a string
sp.fname = 1;
// @ts-expect-error: cmd is read-only
sp.cmd = "x";
const changed: 0 | 5 | 2 = fd.CheckChanges(sp);
void [ok, more, level, ft, dictValue, wrong, notRc, jobId, where, check, nameAsNumber, changed];

// Modules of the environment
const stat: os.Stat = os.lstat("/");
const mode: number = stat.st_mode & os.S_IFMT;
const text: string | null = std.loadFile("/etc/hostname");
const bytes: Uint8Array | null = std.loadFile("/etc/hostname", { binary: true });
// @ts-expect-error: workers are not available inside the daemon
new qos.Worker("worker.js");
const pid: number = qos.exec(["true"], { block: false });
void [mode, text, bytes, pid];

// Base classes
class Good extends LocalFilesPlugin {
  protected override readonly mandatoryOptions = ["filename"];
  override startBackupFile(savepkt: fd.SavePacket): fd.EntryResult {
    savepkt.fname = "/x";
    return fd.bRC_OK;
  }
  override async endBackupFile(): Promise<fd.bRC> {
    return fd.bRC_OK;
  }
}
export const entries: fd.FdEntryPoints = definePlugin(Good);

class Bad extends BareosFdPlugin {
  // @ts-expect-error: an entry point must return a bRC
  override startBackupFile(_savepkt: fd.SavePacket): string {
    return "no";
  }
}
void Bad;

// A hand-written module is checked against the entry points too.
const handWritten = {
  load_bareos_plugin: (_def: string) => fd.bRC_OK,
  parse_plugin_definition: (_def: string) => fd.bRC_OK,
  plugin_io: (iop: fd.IoPacket) => (iop.status = 0, fd.bRC_OK),
};
export const checked: fd.FdEntryPoints = handWritten;
// @ts-expect-error: load_bareos_plugin is required
export const missing: fd.FdEntryPoints = { parse_plugin_definition: () => fd.bRC_OK };

// "bareos-qjs/fd" is "bareos-qjs", as "bareos-qjs/sd" and "bareos-qjs/dir" are theirs.
export const sameBase: typeof BareosFdPlugin = kitFd.BareosFdPlugin;
