// Command lines and exit statuses without running anything (no daemon
// modules, so that Node can test it): a shell-like word splitter that never
// expands, quoting for messages, and wait(2) status decoding.

/** A command line that cannot be split (an unterminated quote, a trailing backslash). */
export class CommandLineError extends Error {
  override name = "CommandLineError";
}

const BLANK = /[ \t\n]/;
// Inside double quotes a backslash escapes only these, as in sh(1).
const DOUBLE_QUOTED_ESCAPES = new Set(["\\", '"', "$", "`"]);

/**
 * Splits a command line into arguments as sh(1) splits words, without
 * interpreting anything else: '...' is literal, "..." honours \\ \" \$ \`,
 * a backslash outside quotes takes the next character literally, and a
 * backslash-newline joins lines. $, *, ~, |, ; and > are plain characters.
 */
export function splitArgv(line: string): string[] {
  const args: string[] = [];
  let word = "";
  let inWord = false; // "" is an argument of its own
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (BLANK.test(c)) {
      if (inWord) args.push(word);
      word = "";
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CommandLineError(`unterminated ' quote at character ${i + 1}: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const next = line[j + 1];
        if (line[j] === "\\" && next !== undefined && (DOUBLE_QUOTED_ESCAPES.has(next) || next === "\n")) {
          if (next !== "\n") word += next;
          j++;
        } else {
          word += line[j];
        }
      }
      if (j >= line.length) throw new CommandLineError(`unterminated " quote at character ${i + 1}: ${line}`);
      inWord = true;
      i = j;
    } else if (c === "\\") {
      const next = line[i + 1];
      if (next === undefined) throw new CommandLineError(`command line ends with a backslash: ${line}`);
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
      i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) args.push(word);
  return args;
}

/** One argument as a shell would need it, for messages: a'b -> 'a'\''b'. */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=,.\/:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/** An argument vector as one readable (and re-splittable) line. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(" ");
}

/** How a child process ended. */
export interface ExitStatus {
  /** The exit code, or null when a signal ended it (or it is unknown). */
  readonly code: number | null;
  /** The signal that ended it, or null. */
  readonly signal: number | null;
  /** true only for exit code 0. */
  readonly ok: boolean;
  /** "exited with status 1", "was killed by signal 9 (SIGKILL)". */
  readonly text: string;
}

// Linux numbers; only for messages (kill() takes the numbers from qjs:os).
const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
  8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE",
  14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ",
};

export function signalName(signal: number): string {
  return SIGNAL_NAMES[signal] ?? `signal ${signal}`;
}

/** Decodes a raw wait(2) status as os.waitpid() returns it. */
export function decodeWaitStatus(status: number): ExitStatus {
  const signal = status & 0x7f;
  if (signal === 0) {
    const code = (status >> 8) & 0xff;
    return { code, signal: null, ok: code === 0, text: `exited with status ${code}` };
  }
  return { code: null, signal, ok: false,
           text: `was killed by signal ${signal} (${signalName(signal)})` };
}

/** The status of a child someone else has waited for. */
export function unknownStatus(why: string): ExitStatus {
  return { code: null, signal: null, ok: false, text: `ended with an unknown status (${why})` };
}
