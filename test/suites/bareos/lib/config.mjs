// Bareos configuration files from plain objects: { Name: "x", Include: {...} }
// gives `Name = x` and a nested block; an array value repeats the directive
// (`Plugin = ...` once per element), an array of objects repeats the block,
// raw(text) is written as it is (`"a", "b"` lists, `"file" = all` targets).
// Strings are written as UTF-8; a Buffer value is written as its bytes, for
// names that are not UTF-8.

const bare = /^[\w./-]+$/;

class Raw {
  constructor(text) { this.text = text; }
}
export const raw = (text) => new Raw(text);

/** A value as Bareos' lexer reads it (quoted unless a plain word or number), as bytes. */
export function quote(value) {
  if (value instanceof Raw) return Buffer.from(value.text);
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
  if (typeof value !== "string" && !Buffer.isBuffer(value)) return bytes;
  if (bare.test(bytes.toString("latin1"))) return bytes;
  const escaped = [];
  for (const byte of bytes) {
    if (byte === 0x5c || byte === 0x22) escaped.push(0x5c);
    escaped.push(byte);
  }
  return Buffer.concat([Buffer.from('"'), Buffer.from(escaped), Buffer.from('"')]);
}

const isBlock = (item) => typeof item === "object" && !(item instanceof Raw) && !Buffer.isBuffer(item);

function lines(body, indent) {
  const out = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isBlock(item)) out.push(...block(key, item, indent));
      else out.push(Buffer.concat([Buffer.from(`${indent}${key} = `), quote(item)]));
    }
  }
  return out;
}

function block(kind, body, indent = "") {
  return [Buffer.from(`${indent}${kind} {`), ...lines(body, `${indent}  `), Buffer.from(`${indent}}`)];
}

/** Resources as { Kind: [body, ...] } (or one body) in order, as a config file's bytes. */
export function configText(resources) {
  const out = [];
  for (const [kind, bodies] of Object.entries(resources))
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) out.push(...block(kind, body), Buffer.alloc(0));
  return Buffer.concat(out.flatMap((line) => [line, Buffer.from("\n")]));
}
