// Storage daemon and director typings and base classes (see fd-usage.ts).
import * as sd from "bareossd";
import * as dir from "bareosdir";
import { BareosSdPlugin, defineSdPlugin } from "bareos-qjs/sd";
import { BareosDirPlugin, defineDirPlugin } from "bareos-qjs/dir";

const volume: string | null = sd.GetValue(sd.bsdVarVolumeName);
const bytes: number | null = sd.GetValue(sd.bsdVarJobBytes);
// @ts-expect-error: the job bytes are a number
const bytesAsText: string | null = sd.GetValue(sd.bsdVarJobBytes);
sd.SetValue(sd.bsdwVarVolumeName, "Full-0001");
sd.SetValue(sd.bsdwVarJobLevel, "F");
// @ts-expect-error: a volume name is a string
sd.SetValue(sd.bsdwVarVolumeName, 1);
// @ts-expect-error: read variables cannot be set
sd.SetValue(sd.bsdVarJobName, "x");
sd.RegisterEvents([sd.bsdEventLabelWrite, sd.bsdEventChangerUnlock]);
// @ts-expect-error: the director's events are not the storage daemon's
sd.RegisterEvents([dir.bDirEventJobRun, 30]);
const rate: number | null = dir.GetValue(dir.bDirVarLastRate);
const catalog: null = dir.GetValue(dir.bDirVarCatalogRes);
// @ts-expect-error: the client is a string
const clientAsNumber: number | null = dir.GetValue(dir.bDirVarClient);
void [volume, bytes, bytesAsText, rate, catalog, clientAsNumber];

class Volumes extends BareosSdPlugin {
  override event(event: sd.bsdEventTypeValue): sd.bRC {
    return event === sd.bsdEventWriteError ? sd.bRC_Error : sd.bRC_OK;
  }
}
export const sdEntries: sd.SdEntryPoints = defineSdPlugin(Volumes);

class Report extends BareosDirPlugin {
  override async jobEnd(): Promise<dir.bRC> {
    const status: string = this.status;
    return status === "T" ? dir.bRC_OK : dir.bRC_OK;
  }
}
export const dirEntries: dir.DirEntryPoints = defineDirPlugin(Report);
// @ts-expect-error: a director plugin is not a storage daemon plugin
export const wrong: sd.SdEntryPoints = defineDirPlugin(Report);
