// What the base classes' types promise a plugin (see fd-usage.ts for how
// this file is compiled): I/O packets told apart by func, hooks that may be
// async, and mandatory options that are strings once the definition passed.
import * as fd from "bareosfd";
import * as sd from "bareossd";
import * as dir from "bareosdir";
import * as os from "bareos:os";
import * as qos from "qjs:os";
import { BareosFdPlugin, LocalFilesPlugin, StreamPlugin, definePlugin, pluginInstance,
         type Program, type StreamSource } from "bareos-qjs";
import { BareosSdPlugin, defineSdPlugin } from "bareos-qjs/sd";
import { BareosDirPlugin, defineDirPlugin } from "bareos-qjs/dir";

// I/O packets: func says which operation, and with it what buf is.
export function ioLength(iop: fd.IoPacket): number {
  if (iop.func === fd.IO_READ || iop.func === fd.IO_WRITE) return iop.buf.length;
  // @ts-expect-error: an open, close or seek has no buffer
  return iop.buf.length;
}
export function beforeNarrowing(iop: fd.IoPacket): number {
  // @ts-expect-error: until func is known, buf may be null
  return iop.buf.length;
}
export function replaceRead(iop: fd.IoPacket): void {
  switch (iop.func) {
    case fd.IO_READ:
      iop.buf = new Uint8Array(iop.count);
      iop.buf = new ArrayBuffer(iop.count);
      // @ts-expect-error: the data read is bytes
      iop.buf = "text";
      break;
    case fd.IO_WRITE:
      // @ts-expect-error: the data to write is the daemon's, not replaced
      iop.buf = new Uint8Array(iop.count);
      break;
    case fd.IO_OPEN:
      iop.status = fd.iostat_do_in_core;
      break;
  }
}

class Reader extends BareosFdPlugin {
  override pluginIoRead(iop: fd.IoReadPacket): fd.bRC {
    iop.status = os.read(0, iop.buf, 0, iop.count);
    return fd.bRC_OK;
  }
  override pluginIoWrite(iop: fd.IoWritePacket): fd.bRC {
    iop.status = iop.buf.length;
    return fd.bRC_OK;
  }
  // @ts-expect-error: the open hook gets the open's packet, not a read's
  override pluginIoOpen(iop: fd.IoReadPacket): fd.bRC {
    return iop.buf.length ? fd.bRC_OK : fd.bRC_Error;
  }
}
// @ts-expect-error: a packet made by a script has no known operation yet
const made: fd.IoReadPacket = new fd.IoPacket({ count: 4 });
void [Reader, made];

// Hooks that may be async: the definition, its check, a list's start, and
// what a stream plugin hears after a restore.
const later = () => new Promise<void>((resolve) => qos.setTimeout(resolve, 1));

class AsyncDefinition extends BareosFdPlugin {
  override async parsePluginDefinition(plugindef: string): Promise<fd.bRC> {
    await later();
    return super.parsePluginDefinition(plugindef);
  }
  override async checkOptions(): Promise<fd.bRC> {
    await later();
    return this.options["ok"] === "yes" ? fd.bRC_OK : fd.bRC_Error;
  }
}
class NotAwaited extends BareosFdPlugin {
  override parsePluginDefinition(plugindef: string): fd.bRC {
    // @ts-expect-error: the base may return a promise of the bRC: await it
    const rc: fd.bRC = super.parsePluginDefinition(plugindef);
    return rc;
  }
  // @ts-expect-error: a check resolves to a bRC
  override async checkOptions(): Promise<boolean> {
    return true;
  }
}
class AsyncList extends LocalFilesPlugin {
  protected override async startItem(): Promise<fd.bRC> {
    await later();
    this.appendFileToBackup("/etc/hostname");
    return fd.bRC_OK;
  }
}
abstract class AsyncStream extends StreamPlugin {
  protected override async restored(fname: string): Promise<void> {
    await later();
    fd.JobMessage(fd.M_INFO, `${fname} restored\n`);
  }
}
class AsyncSd extends BareosSdPlugin {
  override async checkOptions(): Promise<sd.bRC> {
    await later();
    return sd.bRC_OK;
  }
}
class AsyncDir extends BareosDirPlugin {
  override async parsePluginDefinition(plugindef: string): Promise<dir.bRC> {
    await later();
    return super.parsePluginDefinition(plugindef);
  }
  // @ts-expect-error: a director check resolves to a bRC too
  override async checkOptions(): Promise<string> {
    return "ok";
  }
}
export const asyncEntries = [definePlugin(AsyncDefinition), definePlugin(AsyncList), defineSdPlugin(AsyncSd)];
void [NotAwaited, AsyncStream, AsyncDir];

// Mandatory options: the type argument names them, the list gives them.
class Command extends StreamPlugin<"file" | "reader"> {
  protected override readonly mandatoryOptions = ["reader", "file"] as const;
  override checkOptions(): fd.bRC {
    const file: string = this.options.file;
    const reader: string = this.options["reader"];
    // @ts-expect-error: writer is not mandatory
    const writer: string = this.options["writer"];
    return file && reader && writer ? fd.bRC_OK : fd.bRC_Error;
  }
  protected override backupSources(): StreamSource[] {
    return [{ fname: this.options.file, reader: { argv: [this.options.reader] } }];
  }
  protected override restoreWriter(): Program {
    return { argv: ["true"] };
  }
}
export const file: string = pluginInstance(Command).options.file;

class MissingOne extends BareosFdPlugin<"file" | "reader"> {
  // @ts-expect-error: the list must name every option of the type argument
  protected override readonly mandatoryOptions = ["file"] as const;
}
class OneTooMany extends BareosFdPlugin<"file"> {
  // @ts-expect-error: and no other
  protected override readonly mandatoryOptions = ["file", "reader"] as const;
}
class NotConst extends BareosFdPlugin<"file"> {
  // @ts-expect-error: a list that is not `as const` could name anything
  protected override readonly mandatoryOptions = ["file"];
}
// Without a type argument, a list as before, and nothing is promised.
class Untyped extends BareosFdPlugin {
  protected override readonly mandatoryOptions = ["file"];
  override checkOptions(): fd.bRC {
    // @ts-expect-error: no type argument names file
    const name: string = this.options["file"];
    return name ? fd.bRC_OK : fd.bRC_Error;
  }
}
// LocalFilesPlugin requires filename: its type argument only says so.
class Files extends LocalFilesPlugin<"filename"> {
  protected override startItem(): fd.bRC {
    this.appendFileToBackup(this.options.filename);
    return fd.bRC_OK;
  }
}
class Paths extends LocalFilesPlugin<"path"> {
  protected override readonly mandatoryOptions = ["path"] as const;
  protected override startItem(): fd.bRC {
    for (const name of this.options.path.split(",")) this.appendFileToBackup(name);
    return fd.bRC_OK;
  }
}
class SdLog extends BareosSdPlugin<"log"> {
  protected override readonly mandatoryOptions = ["log"] as const;
  override jobEnd(): sd.bRC {
    return this.options.log.startsWith("/") ? sd.bRC_OK : sd.bRC_Error;
  }
}
class DirReport extends BareosDirPlugin<"file"> {
  // @ts-expect-error: the director's base class checks its list the same way
  protected override readonly mandatoryOptions = [] as const;
}
export const typedEntries = [definePlugin(Command), definePlugin(Untyped), definePlugin(Files),
                             definePlugin(Paths), defineSdPlugin(SdLog)];
void [MissingOne, OneTooMany, NotConst, DirReport, defineDirPlugin];
