// The smallest useful plugin: backs up one virtual file, /@hello/hello.txt,
// whose content is the `greeting` option.  On restore the base class writes
// it back as a local file under `where`.
//   Plugin = "quickjs:module_name=hello:greeting=Hello from TypeScript"
import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

class Hello extends BareosFdPlugin {
  private greeting: Uint8Array | null = null;

  override startBackupFile(savepkt: fd.SavePacket): fd.bRC {
    this.greeting = new TextEncoder().encode(`${this.options["greeting"] ?? "Hello, Bareos"}\n`);
    savepkt.fname = "/@hello/hello.txt";
    savepkt.type = fd.FT_REG;
    savepkt.statp = new fd.StatPacket({ mode: 0o100644, size: this.greeting.length });
    return fd.bRC_OK;
  }

  // Backup reads from memory; restore writes a local file (the base class).
  override pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult {
    return this.greeting ? fd.bRC_OK : super.pluginIoOpen(iop);
  }

  override pluginIoRead(iop: fd.IoReadPacket): fd.bRC {
    const chunk = this.greeting ?? new Uint8Array();
    iop.buf.set(chunk);
    iop.status = chunk.length;
    this.greeting = new Uint8Array();
    return fd.bRC_OK;
  }

  override pluginIoClose(iop: fd.IoClosePacket): fd.EntryResult {
    if (!this.greeting) return super.pluginIoClose(iop);
    this.greeting = null;
    iop.status = 0;
    return fd.bRC_OK;
  }
}

export default definePlugin(Hello);
