// File helpers for plugins of every daemon (bareos:os only).
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
 * interleave their lines. */
export function appendLine(path: string, text: string, mode = 0o640): void {
  const fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, mode);
  try {
    const bytes = new TextEncoder().encode(text);
    if (os.write(fd, bytes) !== bytes.length) throw new Error(`short write to ${path}`);
  } finally {
    os.close(fd);
  }
}
