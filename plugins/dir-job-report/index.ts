// bareos-dir-job-report: when a job ends, one JSON line with what monitoring
// wants to know about it, appended to a file or piped to a program.
//   Dir Plugin Options = "quickjs:module_name=bareos-dir-job-report:file=/var/log/bareos/jobs.jsonl"
//   Dir Plugin Options = "quickjs:module_name=bareos-dir-job-report:command=logger -t bareos-job"
//     file=<path>       append the line to this file
//     command=<shell command>   run it (with /bin/sh -c) and write the line to its stdin
import * as dir from "bareosdir";
import * as os from "bareos:os";
import * as qos from "qjs:os";
import { appendLine, BareosDirPlugin, defineDirPlugin } from "bareos-qjs/dir";

export interface JobReport {
  job: string;
  jobid: number;
  client: string;
  level: string;
  type: string;
  status: string;
  files: number;
  bytes: number;
  errors: number;
  /** Seconds from JobStart to JobEnd. */
  duration: number;
  /** Bytes per second. */
  rate: number;
  start: string;
  end: string;
}

class JobReportPlugin extends BareosDirPlugin {
  override checkOptions(): dir.bRC {
    if (!this.options["file"] && !this.options["command"]) {
      dir.JobMessage(dir.M_FATAL, "bareos-dir-job-report needs file=<path> or command=<program>\n");
      return dir.bRC_Error;
    }
    return dir.bRC_OK;
  }

  override jobEnd(): dir.bRC {
    // The base class has read the job's end figures.
    const { jobBytes: bytes, jobEndTime } = this;
    const started = this.jobStartTime || this.jobInitTime || jobEndTime;
    const duration = Math.max(0, jobEndTime - started);
    const lastRate = dir.GetValue(dir.bDirVarLastRate) ?? 0;
    const report: JobReport = {
      job: this.jobName,
      jobid: this.jobId,
      client: this.client,
      level: this.level,
      type: this.type,
      status: this.status,
      files: this.jobFiles,
      bytes,
      errors: this.jobErrors,
      duration,
      rate: lastRate > 0 ? lastRate : duration > 0 ? Math.round(bytes / duration) : bytes,
      start: new Date(started * 1000).toISOString(),
      end: new Date(jobEndTime * 1000).toISOString(),
    };
    const line = `${JSON.stringify(report)}\n`;
    try {
      if (this.options["file"]) appendLine(this.options["file"], line);
      if (this.options["command"]) pipeTo(this.options["command"], line);
    } catch (e) {
      // A report that cannot be delivered must not fail the job it reports on.
      dir.JobMessage(dir.M_WARNING, `job report not delivered: ${(e as Error).message}\n`);
    }
    return dir.bRC_OK;
  }
}

function pipeTo(command: string, line: string): void {
  const pipe = qos.pipe();
  if (!pipe) throw new Error("cannot create a pipe");
  const [readEnd, writeEnd] = pipe;
  const pid = qos.exec(["/bin/sh", "-c", command], { block: false, stdin: readEnd });
  qos.close(readEnd);
  if (pid < 0) {
    qos.close(writeEnd);
    throw new Error(`cannot run ${command}`);
  }
  let writeError: unknown = null;
  try {
    os.write(writeEnd, os.encode(line));
  } catch (e) {
    writeError = e;
  }
  qos.close(writeEnd);
  // Always reap the child, also when it stopped reading early.
  const [, status] = qos.waitpid(pid, 0);
  // A command that exits at once also breaks the pipe; its status says more.
  if (status !== 0) throw new Error(`${command} exited with status ${status >> 8}`);
  if (writeError) throw writeError;
}

export default defineDirPlugin(JobReportPlugin);
