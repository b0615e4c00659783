// File helpers for plugins of every daemon (bareos:os only). Names are
// bytes: what these read and write keeps them as bareos:os does.
import * as os from "bareos:os";

/** Creates dir and its missing parents. */
export function makeDirs(dir: string, mode = 0o755): void {
  if (!dir || dir === "/") return;
  try {
    os.mkdir(dir, mode);
  } catch (e) {
    const code = (e as os.OsError).code;
    if (code === "ENOENT") {
      makeDirs(dir.slice(0, dir.lastIndexOf("/")), mode);
      os.mkdir(dir, mode);
    } else if (code !== "EEXIST") {
      throw e;
    }
  }
}

/** Appends text with one O_APPEND write, so that concurrent jobs do not
 * interleave their lines; names in it are written as the bytes they stand for. */
export function appendLine(path: string, text: string, mode = 0o640): void {
  const fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, mode);
  try {
    const bytes = os.encode(text);
    if (os.write(fd, bytes) !== bytes.length) throw new Error(`short write to ${path}`);
  } finally {
    os.close(fd);
  }
}

/**
 * Lines of a byte string (a list file, a program's output): split at "\n",
 * a "\r" before it dropped, no last empty line. Nothing else is trimmed: a
 * name may begin or end with a space.
 */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** A file's lines as byte strings (see splitLines); throws an OsError when it cannot be read. */
export function readLines(path: string): string[] {
  return splitLines(os.readFile(path));
}
