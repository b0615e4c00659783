// bconsole, one process per batch of commands, so that batches of several
// tests run at the same time (a `wait` blocks only its own console).
import { spawn } from "node:child_process";

const quoteArg = (value) => (/^[^\s"]+$/.test(value) ? value : `"${String(value).replace(/"/g, '\\"')}"`);

/** key=value words for a command; undefined values are left out. */
function words(options) {
  return Object.entries(options).filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => (v === true ? k : `${k}=${quoteArg(String(v))}`)).join(" ");
}

export class Console {
  constructor(program, config, env) {
    Object.assign(this, { program, config, env });
    this.sessions = new Set();
  }

  /** Ends the sessions still open (waits for jobs that will never end). */
  closeAll() {
    for (const child of this.sessions) child.kill("SIGKILL");
  }

  /** Runs the commands in one session; resolves to what bconsole printed. */
  command(commands, { timeoutMs = 120_000 } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, ["-c", this.config], { env: this.env, stdio: ["pipe", "pipe", "pipe"] });
      this.sessions.add(child);
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`bconsole did not finish ${JSON.stringify(commands)} in ${timeoutMs / 1000} s:\n${output}`));
      }, timeoutMs);
      child.on("error", reject);
      child.on("close", () => {
        this.sessions.delete(child);
        clearTimeout(timer);
        resolve(output);
      });
      child.stdin.end(`${[commands].flat().join("\n")}\nquit\n`);
    });
  }

  /** Queues a job; resolves to its JobId. */
  async run(job, options = {}) {
    const output = await this.command(`run job=${job} ${words(options)} yes`);
    const id = /Job queued\. JobId=(\d+)/.exec(output);
    if (!id) throw new Error(`run job=${job} was not queued:\n${output}`);
    return Number(id[1]);
  }

  /**
   * Queues a restore of jobids (an array, the newest backup last) or of the
   * fileset's current state; resolves to the restore's JobId.
   */
  async restore({ jobids, fileset, where = "/", ...options }) {
    const selection = jobids ? `jobid=${jobids.join(",")} all` : `fileset=${fileset} client=bq-fd current all`;
    const output = await this.command(`restore ${selection} ${words({ where, ...options })} done yes`);
    const id = /Job queued\. JobId=(\d+)/.exec(output);
    if (!id) throw new Error(`restore ${selection} was not queued:\n${output}`);
    return Number(id[1]);
  }

  /** Resolves when the job has ended in the director. */
  async wait(jobid, { timeoutMs = 600_000 } = {}) {
    await this.command(`wait jobid=${jobid}`, { timeoutMs });
  }

  cancel(jobid) {
    return this.command(`cancel jobid=${jobid} yes`);
  }
}
