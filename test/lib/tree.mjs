// Builds a directory tree with every kind of entry the file daemon backs
// up, and compares two trees byte for byte and attribute by attribute.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { join } from "node:path";

const B = (s) => Buffer.from(s);
const path = (...parts) => Buffer.concat(parts.flatMap((p, i) => (i ? [B("/"), B(p)] : [B(p)])));

/** Creates the standard test tree under root; bigBytes sizes the large file. */
export function makeTree(root, { bigBytes = 50 << 20, fifo = true } = {}) {
  fs.mkdirSync(join(root, "dir/sub/deeper"), { recursive: true });
  fs.mkdirSync(join(root, "empty-dir"));
  fs.writeFileSync(join(root, "small.txt"), "hello bareos\n");
  fs.writeFileSync(join(root, "empty"), "");
  fs.writeFileSync(join(root, "dir/random.bin"), randomBytes(300_000));
  fs.writeFileSync(join(root, "dir/sub/deeper/leaf.txt"), "leaf\n".repeat(1000));
  fs.writeFileSync(join(root, "with space and : colon.txt"), "odd name\n");
  fs.writeFileSync(join(root, "new\nline"), "newline in the name\n");
  fs.writeFileSync(path(root, "accents-\xe9\xff.bin"), "accented name\n");
  fs.writeFileSync(Buffer.concat([B(root), B("/raw-"), Buffer.from([0xe9, 0x80, 0xff]), B(".dat")]),
                   "raw bytes name\n");
  // A large file with a pattern that catches misplaced blocks.
  const big = Buffer.alloc(bigBytes);
  for (let i = 0; i < bigBytes; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
  fs.writeFileSync(join(root, "big.bin"), big);
  fs.symlinkSync("small.txt", join(root, "link-relative"));
  fs.symlinkSync("/nonexistent/target", join(root, "link-dangling"));
  fs.linkSync(join(root, "small.txt"), join(root, "hardlink.txt"));
  if (fifo) execFileSync("mkfifo", [join(root, "fifo")]);
  fs.chmodSync(join(root, "small.txt"), 0o640);
  fs.chmodSync(join(root, "dir/sub"), 0o750);
  const old = new Date("2020-02-02T02:02:02Z");
  fs.utimesSync(join(root, "dir/random.bin"), old, old);
  fs.lutimesSync(join(root, "link-relative"), old, old);
  fs.utimesSync(join(root, "dir/sub/deeper"), old, old);
  if (process.getuid() === 0) fs.chownSync(join(root, "dir/random.bin"), 1234, 5678);
}

function digest(file) {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Everything about a tree that a restore must reproduce, keyed by relative name. */
export function describeTree(root) {
  const out = {};
  const visit = (rel) => {
    const abs = rel.length ? Buffer.concat([B(root), B("/"), rel]) : B(root);
    const st = fs.lstatSync(abs);
    const key = rel.toString("latin1");
    const entry = { mode: st.mode, size: st.isFile() ? st.size : undefined,
                    mtime: Math.floor(st.mtimeMs / 1000) };
    if (process.getuid() === 0) Object.assign(entry, { uid: st.uid, gid: st.gid });
    if (st.isFile()) entry.sha256 = digest(abs);
    if (st.isFile()) entry.nlink = st.nlink;
    if (st.isSymbolicLink()) entry.target = fs.readlinkSync(abs, { encoding: "buffer" }).toString("latin1");
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(abs, { encoding: "buffer" }))
        visit(rel.length ? Buffer.concat([rel, B("/"), name]) : name);
      // Only a directory's own metadata; its mtime changes when restored into.
      delete entry.size;
    }
    out[key] = entry;
  };
  visit(Buffer.alloc(0));
  return out;
}

/** Differences between two described trees, as readable lines. */
export function diffTrees(expected, actual) {
  const lines = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!a) {
      lines.push(`missing: ${JSON.stringify(name)}`);
      continue;
    }
    for (const k of Object.keys(e))
      if (e[k] !== a[k]) lines.push(`${JSON.stringify(name)}.${k}: ${e[k]} != ${a[k]}`);
  }
  for (const name of Object.keys(actual))
    if (!(name in expected)) lines.push(`unexpected: ${JSON.stringify(name)}`);
  return lines;
}
