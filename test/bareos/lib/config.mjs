// Bareos configuration text from plain objects: { Name: "x", Include: {...} }
// gives `Name = x` and a nested block; an array value repeats the directive
// (`Plugin = ...` once per element), an array of objects repeats the block,
// raw(text) is written as it is (`"a", "b"` lists, `"file" = all` targets).

const bare = /^[\w./-]+$/;

class Raw {
  constructor(text) { this.text = text; }
}
export const raw = (text) => new Raw(text);

/** A value as Bareos' lexer reads it: quoted unless a plain word or number. */
export function quote(value) {
  if (value instanceof Raw) return value.text;
  const text = String(value);
  if (typeof value !== "string" || bare.test(text)) return text;
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function lines(body, indent) {
  const out = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "object" && !(item instanceof Raw)) out.push(...block(key, item, indent));
      else out.push(`${indent}${key} = ${quote(item)}`);
    }
  }
  return out;
}

function block(kind, body, indent = "") {
  return [`${indent}${kind} {`, ...lines(body, `${indent}  `), `${indent}}`];
}

/** Resources as { Kind: [body, ...] } (or one body) in order, as a config file's text. */
export function configText(resources) {
  const out = [];
  for (const [kind, bodies] of Object.entries(resources))
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) out.push(...block(kind, body), "");
  return out.join("\n");
}
