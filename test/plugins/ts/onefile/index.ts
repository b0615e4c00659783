// plugins/onefile/index.ts  (plugin.json: { "moduleName": "bareos-fd-onefile" })
import * as fd from "bareosfd";
import * as os from "bareos:os";
import { BareosFdPlugin, definePlugin, statPacket } from "bareos-qjs";   // (1)

class OneFile extends BareosFdPlugin<"file"> {                         // (2)
  protected override readonly mandatoryOptions = ["file"] as const;
  private descriptor = -1;

  override startBackupFile(savepkt: fd.SavePacket): fd.bRC {
    const file = this.options.file;
    savepkt.statp = statPacket(os.stat(file));                          // (3)
    savepkt.fname = `/@onefile/${file.slice(file.lastIndexOf("/") + 1)}`;
    savepkt.type = fd.FT_REG;
    fd.JobMessage(fd.M_INFO, `saving ${file}\n`);                       // (4)
    return fd.bRC_OK;
  }

  override pluginIo(iop: fd.IoPacket): fd.bRC {
    switch (iop.func) {
      case fd.IO_OPEN: {
        const writing = iop.flags & (os.O_WRONLY | os.O_RDWR);
        this.descriptor = writing
          ? os.open(iop.fname!, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
          : os.open(this.options.file, os.O_RDONLY);
        if (this.options["direct"] === "yes") {
          iop.filedes = this.descriptor;
          iop.status = fd.iostat_do_in_core;                            // (5)
        }
        break;
      }
      case fd.IO_READ:
        iop.status = os.read(this.descriptor, iop.buf, 0, iop.count);   // (6)
        break;
      case fd.IO_WRITE:
        iop.status = os.write(this.descriptor, iop.buf, 0, iop.count);
        break;
      case fd.IO_CLOSE:
        os.close(this.descriptor);
        iop.status = 0;
        break;
    }
    return fd.bRC_OK;
  }
}

export default definePlugin(OneFile);                                   // (7)
