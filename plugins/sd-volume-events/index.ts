// bareos-sd-volume-events: logs what happens to devices and volumes (mount,
// label, load/unload, open/close, read/write errors) with the job and the
// volume, one JSON line each, and raises a job message once a job has seen
// max_errors read or write errors.
//   SD Plugin Options = "quickjs:module_name=bareos-sd-volume-events:log=/var/log/bareos/volumes.jsonl"
//     log=<path>          append the lines to this file (required)
//     max_errors=<n>      read/write errors of one job before the message (default 1)
//     message=warning|error   the message's type (default warning)
import * as sd from "bareossd";
import { appendLine, BareosSdPlugin, defineSdPlugin } from "bareos-qjs/sd";

const watched = [
  sd.bsdEventDeviceOpen, sd.bsdEventDeviceMount, sd.bsdEventVolumeLoad,
  sd.bsdEventLabelRead, sd.bsdEventLabelVerified, sd.bsdEventLabelWrite,
  sd.bsdEventVolumeUnload, sd.bsdEventDeviceUnmount, sd.bsdEventDeviceClose,
  sd.bsdEventReadError, sd.bsdEventWriteError,
] as const;

const eventNames = new Map<number, string>(
  Object.entries(sd.bsdEventType).map(([name, value]) => [value, name.replace(/^bsdEvent/, "")]),
);

class VolumeEvents extends BareosSdPlugin<"log"> {
  protected override readonly mandatoryOptions = ["log"] as const;
  private errors = 0;
  private maxErrors = 1;
  private alerted = false;

  override checkOptions(): sd.bRC {
    const max = Number(this.options["max_errors"] ?? "1");
    if (!Number.isInteger(max) || max < 1) {
      sd.JobMessage(sd.M_FATAL, `max_errors=${this.options["max_errors"]} is not a positive number\n`);
      return sd.bRC_Error;
    }
    this.maxErrors = max;
    sd.RegisterEvents([...watched]);
    return sd.bRC_OK;
  }

  override event(event: sd.bsdEventTypeValue): sd.bRC {
    const volume = sd.GetValue(sd.bsdVarVolumeName);
    const device = sd.GetValue(sd.bsdVarStorage);
    const line = JSON.stringify({
      time: new Date().toISOString(), event: eventNames.get(event) ?? String(event),
      job: this.jobName, jobid: this.jobId, device, volume,
    });
    appendLine(this.options.log, `${line}\n`);
    if (event === sd.bsdEventReadError || event === sd.bsdEventWriteError) {
      this.errors++;
      if (this.errors >= this.maxErrors && !this.alerted) {
        this.alerted = true;
        const type = this.options["message"] === "error" ? sd.M_ERROR : sd.M_WARNING;
        sd.JobMessage(type, `${this.errors} read/write errors on device ${device ?? "?"}, ` +
                            `volume ${volume ?? "?"}\n`);
      }
    }
    return sd.bRC_OK;
  }
}

export default defineSdPlugin(VolumeEvents);
