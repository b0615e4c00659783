// Local files with made-up ACLs and xattrs: the hooks a plugin overrides
// must still reach the daemon (definePlugin leaves out only the base's).
import * as fd from "bareosfd";
import { LocalFilesPlugin, definePlugin } from "bareos-qjs";

const text = (bytes: Uint8Array | ArrayBuffer | null) => (bytes ? new TextDecoder().decode(bytes) : "");

class AclHooks extends LocalFilesPlugin {
  protected override readonly mandatoryOptions = ["path"];

  override startBackupJob(): fd.bRC {
    this.filesToBackup.push(this.options["path"]!);
    return fd.bRC_OK;
  }

  override getAcl(acl: fd.AclPacket): fd.bRC {
    acl.content = new TextEncoder().encode(`acl of ${acl.fname}`);
    return fd.bRC_OK;
  }

  override setAcl(acl: fd.AclPacket): fd.bRC {
    fd.JobMessage(fd.M_INFO, `set_acl ${text(acl.content)}\n`);
    return fd.bRC_OK;
  }

  override getXattr(xattr: fd.XattrPacket): fd.bRC {
    xattr.name = new TextEncoder().encode("user.hook");
    xattr.value = new TextEncoder().encode("yes");
    return fd.bRC_OK;
  }

  override setXattr(xattr: fd.XattrPacket): fd.bRC {
    fd.JobMessage(fd.M_INFO, `set_xattr ${text(xattr.name)}=${text(xattr.value)}\n`);
    return fd.bRC_OK;
  }
}

export default definePlugin(AclHooks);
