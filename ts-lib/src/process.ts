// Child processes for plugins that stream from or to programs.  The child's
// stderr goes to a temporary file (removed at once, kept open), never to a
// pipe read at the end: a child that writes more than a pipe buffer of
// stderr while the daemon reads its stdout would block forever.  Waits poll
// with timers, so that a job cancel or `timeout=` can still interrupt them.
import * as os from "qjs:os";
import * as bos from "bareos:os";
import { decodeWaitStatus, formatArgv, unknownStatus, type ExitStatus } from "./command-line.js";
import { splitLines } from "./files.js";

export * from "./command-line.js";

/** POSIX fixes SIGKILL at 9; quickjs-libc does not export it. */
const SIGKILL = 9;

/** A program could not be started (not found, not executable, fork failed). */
export class SpawnError extends Error {
  override name = "SpawnError";
}

export interface SpawnOptions {
  /** "null" (default): /dev/null. "pipe": `stdin` is the write end of a pipe to it. */
  stdin?: "null" | "pipe";
  /**
   * "null" (default): /dev/null. "pipe": `stdout` is the read end of a pipe from it.
   * "stderr": into the stderr file. "capture": a file read back by stdoutText().
   */
  stdout?: "null" | "pipe" | "stderr" | "capture";
  /** Where the files keeping stderr (and captured stdout) live; default /tmp. */
  tempDir?: string;
  /** The child's whole environment; default the daemon's. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
}

let tempCounter = 0;

/** An open, already unlinked file: nothing is left behind whatever happens. */
function anonymousFile(dir: string, what: string): number {
  for (let attempt = 0; ; attempt++) {
    const name = `${dir}/.bareos-qjs-${what}-${os.getpid()}-${++tempCounter}-${Math.random().toString(36).slice(2)}`;
    try {
      const fd = bos.open(name, bos.O_RDWR | bos.O_CREAT | bos.O_EXCL, 0o600);
      bos.unlink(name);
      return fd;
    } catch (e) {
      if ((e as bos.OsError).code !== "EEXIST" || attempt > 10) throw e;
    }
  }
}

function isExecutable(path: string): boolean {
  try {
    const st = bos.stat(path);
    return (st.st_mode & bos.S_IFMT) === bos.S_IFREG && (st.st_mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The file exec would run for `name`: itself when it has a '/', else the first match on PATH. */
export function findExecutable(name: string, path = bos.getenv("PATH") ?? "/usr/bin:/bin"): string | null {
  if (name.includes("/")) return isExecutable(name) ? name : null;
  for (const dir of path.split(":")) {
    const candidate = `${dir || "."}/${name}`;
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function closeQuietly(fd: number): void {
  if (fd < 0) return;
  try {
    bos.close(fd);
  } catch {
    // already gone; nothing to do
  }
}

/** The bytes of an open file from offset on, at most maxBytes. */
function readFrom(fd: number, offset: number, maxBytes: number): Uint8Array {
  const size = Math.min(bos.fstat(fd).st_size - offset, maxBytes);
  const buf = new Uint8Array(Math.max(size, 0));
  bos.lseek(fd, offset, bos.SEEK_SET);
  let got = 0;
  while (got < buf.length) {
    const n = bos.read(fd, buf, got, buf.length - got);
    if (n <= 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** A running (or finished) child process and the descriptors we hold for it. */
export class ChildProcess {
  /** Our end of the pipe to its stdin, -1 when none or closed. */
  stdin = -1;
  /** Our end of the pipe from its stdout, -1 when none or closed. */
  stdout = -1;
  private status: ExitStatus | undefined;

  constructor(readonly pid: number, readonly argv: readonly string[],
              private stderrFile: number, private stdoutFile: number) {}

  /** The command line, for messages. */
  get commandLine(): string { return formatArgv(this.argv); }

  /** How it ended, without waiting; undefined while it runs. */
  poll(): ExitStatus | undefined {
    if (this.status) return this.status;
    const [pid, raw] = os.waitpid(this.pid, os.WNOHANG);
    if (pid === this.pid) this.status = decodeWaitStatus(raw);
    else if (pid === -bos.ECHILD) this.status = unknownStatus("someone else waited for it");
    return this.status;
  }

  /**
   * Waits until it has ended, polling with timers: the daemon runs them
   * between its checks for a job cancel and `timeout=`, which a blocking
   * waitpid() (or a busy loop) would keep from interrupting the call.
   */
  async exited(): Promise<ExitStatus> {
    for (let pause = 1; !this.poll(); pause = Math.min(pause * 2, 50)) await os.sleepAsync(pause);
    return this.status!;
  }

  /** Waits at most ms milliseconds, blocking; for short waits only. */
  waitFor(ms: number): ExitStatus | undefined {
    const deadline = Date.now() + ms;
    for (let pause = 1; !this.poll() && Date.now() < deadline; pause = Math.min(pause * 2, 50))
      os.sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    return this.status;
  }

  kill(signal: number = os.SIGTERM): void {
    if (!this.poll()) os.kill(this.pid, signal);
  }

  /** SIGTERM, then SIGKILL if it is still there after graceMs; waits for it (blocking). */
  terminate(graceMs = 2000): ExitStatus {
    if (this.poll()) return this.status!;
    this.kill(os.SIGTERM);
    if (this.waitFor(graceMs)) return this.status!;
    this.kill(SIGKILL);
    // SIGKILL cannot be caught: it ends unless stuck in the kernel.
    return this.waitFor(Infinity)!;
  }

  /** The last maxBytes of its stderr, from a line start when cut; names in it kept as bytes. */
  stderrTail(maxBytes = 2048): string {
    if (this.stderrFile < 0) return "";
    const size = bos.fstat(this.stderrFile).st_size;
    const start = Math.max(0, size - maxBytes);
    let text = bos.decode(readFrom(this.stderrFile, start, maxBytes));
    if (start > 0) text = `...${text.slice(text.indexOf("\n") + 1)}`;
    return text.trimEnd();
  }

  /**
   * Everything it wrote to stdout with `stdout: "capture"`, as a byte string:
   * names in it are the bytes the program wrote (see bareos:os decode).
   */
  stdoutText(maxBytes = 16 << 20): string {
    return this.stdoutFile < 0 ? "" : bos.decode(readFrom(this.stdoutFile, 0, maxBytes));
  }

  /** Its captured stdout as lines (see splitLines), e.g. the names `find` printed. */
  stdoutLines(maxBytes = 16 << 20): string[] {
    return splitLines(this.stdoutText(maxBytes));
  }

  /** Closes our pipe ends (EOF for its stdin, EPIPE for its stdout). */
  closePipes(): void {
    closeQuietly(this.stdin);
    closeQuietly(this.stdout);
    this.stdin = this.stdout = -1;
  }

  /** Closes every descriptor we hold and, if it still runs, ends it and waits for it. */
  dispose(): ExitStatus {
    this.closePipes();
    const status = this.terminate();
    closeQuietly(this.stderrFile);
    closeQuietly(this.stdoutFile);
    this.stderrFile = this.stdoutFile = -1;
    return status;
  }
}

/** Starts argv[0] (looked up on PATH) with argv, without a shell. */
export function spawn(argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const name = argv[0];
  if (!name) throw new SpawnError("empty command line");
  const file = findExecutable(name, options.env?.["PATH"]);
  if (!file) throw new SpawnError(`${name}: command not found or not executable`);
  const tempDir = options.tempDir || "/tmp";
  // Everything opened here is closed below, except what the child object
  // keeps; exec gives the child only 0-2.
  const opened: number[] = [];
  const track = (fd: number) => {
    opened.push(fd);
    return fd;
  };
  const keep = new Set<number>();
  try {
    const devNull = track(bos.open("/dev/null", bos.O_RDWR));
    const stderrFile = track(anonymousFile(tempDir, "stderr"));
    keep.add(stderrFile);
    let childIn = devNull;
    let childOut = devNull;
    let ourIn = -1;
    let ourOut = -1;
    let stdoutFile = -1;
    if (options.stdin === "pipe") {
      // Close-on-exec: only this child gets the other end (through exec's dup2).
      const fds = bos.pipe();
      [childIn, ourIn] = [track(fds[0]), track(fds[1])];
      keep.add(ourIn);
    }
    switch (options.stdout) {
      case "pipe": {
        const fds = bos.pipe();
        [ourOut, childOut] = [track(fds[0]), track(fds[1])];
        keep.add(ourOut);
        break;
      }
      case "stderr":
        childOut = stderrFile;
        break;
      case "capture":
        childOut = stdoutFile = track(anonymousFile(tempDir, "stdout"));
        keep.add(stdoutFile);
        break;
    }
    const execOptions: bos.ExecOptions = { file, stdin: childIn, stdout: childOut, stderr: stderrFile };
    if (options.env) execOptions.env = options.env;
    if (options.cwd) execOptions.cwd = options.cwd;
    let pid: number;
    try {
      pid = bos.exec(argv, execOptions);
    } catch (e) {
      throw new SpawnError(`cannot start ${name}: ${(e as Error).message}`);
    }
    const child = new ChildProcess(pid, argv, stderrFile, stdoutFile);
    child.stdin = ourIn;
    child.stdout = ourOut;
    return child;
  } catch (e) {
    keep.clear();
    throw e;
  } finally {
    for (const fd of opened) if (!keep.has(fd)) closeQuietly(fd);
  }
}

export interface RunResult {
  status: ExitStatus;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; stdout and the stderr tail as byte strings. */
export async function run(argv: readonly string[],
                          options: Omit<SpawnOptions, "stdout" | "stdin"> = {}): Promise<RunResult> {
  const child = spawn(argv, { ...options, stdout: "capture" });
  try {
    const status = await child.exited();
    return { status, stdout: child.stdoutText(), stderr: child.stderrTail() };
  } finally {
    child.dispose();
  }
}
