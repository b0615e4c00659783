// The benchmarks' data, generated once under build/bench and kept: one big
// file with a pattern that catches misplaced blocks, and a tree of small
// files.
import * as fs from "node:fs";
import { join } from "node:path";

/** A file of `bytes` bytes at path (made again only when its size differs). */
export function bigFile(path, bytes) {
  if (fs.existsSync(path) && fs.statSync(path).size === bytes) return path;
  const fd = fs.openSync(path, "w");
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let off = 0; off < bytes; off += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  return path;
}

/** dirs directories of perDir files of 4 KiB under path (made once). */
export function smallFiles(path, dirs, perDir) {
  if (fs.existsSync(path)) return path;
  const data = Buffer.alloc(4096, 7);
  for (let d = 0; d < dirs; d++) {
    fs.mkdirSync(join(path, `d${d}`), { recursive: true });
    for (let f = 0; f < perDir; f++) fs.writeFileSync(join(path, `d${d}/f${f}`), data);
  }
  return path;
}

/** Reads the file (or every file of a tree) once so that a measurement reads it from the page cache. */
export function warmPageCache(path) {
  if (fs.statSync(path).isDirectory()) {
    for (const name of fs.readdirSync(path)) warmPageCache(join(path, name));
    return;
  }
  const fd = fs.openSync(path, "r");
  const chunk = Buffer.alloc(1 << 20);
  while (fs.readSync(fd, chunk) > 0);
  fs.closeSync(fd);
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
