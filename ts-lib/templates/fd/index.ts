// {{name}}: backs up one virtual file, /@{{name}}/greeting.txt, whose content
// is the `greeting` option; a restore writes it as a file under `where`.
//   FileSet { Include { Plugin = "quickjs:module_name={{name}}:greeting=Hello" } }
import * as fd from "bareosfd";
import { BareosFdPlugin, definePlugin } from "bareos-qjs";

class Plugin extends BareosFdPlugin {
  private pending: Uint8Array | null = null;

  override startBackupFile(savepkt: fd.SavePacket): fd.bRC {
    this.pending = new TextEncoder().encode(`${this.options["greeting"] ?? "Hello from {{name}}"}\n`);
    savepkt.fname = "/@{{name}}/greeting.txt";
    savepkt.type = fd.FT_REG;
    savepkt.statp = new fd.StatPacket({ mode: 0o100644, size: this.pending.length });
    return fd.bRC_OK;
  }

  // Backup reads from memory; a restore goes to the base class, which
  // writes a local file.
  override pluginIoOpen(iop: fd.IoOpenPacket): fd.EntryResult {
    return this.pending ? fd.bRC_OK : super.pluginIoOpen(iop);
  }

  override pluginIoRead(iop: fd.IoReadPacket): fd.bRC {
    const chunk = this.pending ?? new Uint8Array();
    iop.buf.set(chunk);
    iop.status = chunk.length;
    this.pending = new Uint8Array();
    return fd.bRC_OK;
  }

  override pluginIoClose(iop: fd.IoClosePacket): fd.EntryResult {
    if (!this.pending) return super.pluginIoClose(iop);
    this.pending = null;
    iop.status = 0;
    return fd.bRC_OK;
  }
}

export default definePlugin(Plugin);
