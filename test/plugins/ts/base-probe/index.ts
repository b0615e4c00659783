// LocalFilesPlugin with what the base classes' tests need to see:
//   path=<name>[,<name>...]  names to back up, as given (a trailing "/" kept)
//   as_reg=yes               send every entry as FT_REG, so that the core
//                            opens directories, links and fifos through plugin_io
//   lose_dirs=yes            "create" directories at restore without making them
// It saves an ACL for each regular file and leaves setAcl to the base class.
import * as fd from "bareosfd";
import { LocalFilesPlugin, definePlugin, pluginInstance } from "bareos-qjs";
import { reportJob } from "./report.js";

class BaseProbe extends LocalFilesPlugin {
  protected override readonly mandatoryOptions = ["path"];

  override startBackupJob(): fd.bRC {
    reportJob();
    return fd.bRC_OK;
  }

  override startRestoreJob(): fd.bRC {
    reportJob();
    return fd.bRC_OK;
  }

  protected override startItem(): fd.bRC {
    for (const name of this.options["path"]!.split(",")) this.appendFileToBackup(name);
    return fd.bRC_OK;
  }

  protected override appendFileToBackup(name: string): void {
    fd.JobMessage(fd.M_INFO, `probe append ${name}, by the instance: ${pluginInstance(BaseProbe) === this}\n`);
    super.appendFileToBackup(name);
  }

  override startBackupFile(savepkt: fd.SavePacket): fd.EntryResult {
    const rc = super.startBackupFile(savepkt);
    if (rc === fd.bRC_OK && this.options["as_reg"] === "yes") {
      savepkt.type = fd.FT_REG;
      savepkt.no_read = false;
    }
    return rc;
  }

  override createFile(restorepkt: fd.RestorePacket): fd.EntryResult {
    if (restorepkt.type === fd.FT_DIREND && this.options["lose_dirs"] === "yes") {
      restorepkt.create_status = fd.CF_CREATED;
      return fd.bRC_OK;
    }
    return super.createFile(restorepkt);
  }

  override getAcl(acl: fd.AclPacket): fd.bRC {
    acl.content = new TextEncoder().encode(`acl of ${acl.fname}`);
    return fd.bRC_OK;
  }
}

export default definePlugin(BaseProbe);
