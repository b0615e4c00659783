// LDIF records as ldapsearch -LLL prints them and ldapadd reads them, and
// the catalog path of a DN ("@LDAP" and the DN's components, the top one
// first), as Bareos' Python plugin names its files.
import * as os from "bareos:os";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]/g, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const c of clean) {
    const digit = B64.indexOf(c);
    if (digit < 0) throw new Error(`not base64: ${text}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const digits = [18, 12, 6, 0].map((shift) => B64[(chunk >> shift) & 63]);
    out += digits.slice(0, Math.min(4, bytes.length - i + 1)).join("").padEnd(4, "=");
  }
  return out;
}

/** One attribute line, continuations joined: its name and its value (base64 decoded). */
export interface LdifLine {
  readonly name: string;
  readonly value: string;
  /** The line as it was, continuations included. */
  readonly raw: string;
}

/** A record's lines with LDIF's folding undone (a line starting with one space continues the one before). */
export function parseRecord(text: string): LdifLine[] {
  const raws: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(" ") && raws.length) raws[raws.length - 1] += `\n${line}`;
    else if (line !== "" && !line.startsWith("#")) raws.push(line);
  }
  return raws.map((raw) => {
    const joined = raw.replace(/\n /g, "");
    const colon = joined.indexOf(":");
    if (colon < 0) throw new Error(`not an LDIF line: ${joined}`);
    const name = joined.slice(0, colon);
    const rest = joined.slice(colon + 1);
    // Only text attributes matter here (dn, timestamps): base64 values are UTF-8.
    const value = rest.startsWith(":") ? os.decode(base64Decode(rest.slice(1).trim())) : rest.trimStart();
    return { name, value, raw };
  });
}

/** The dn line for ldapadd: base64, which is right for every DN. */
export const dnLine = (dn: string) => `dn:: ${base64Encode(os.encode(dn))}`;

/** A DN's components, split at the commas that are not escaped. */
function components(dn: string): string[] {
  return dn.match(/(?:[^,\\]|\\.)+/g) ?? [];
}

/** "@LDAP/dc=org/dc=example/ou=people" for "ou=people,dc=example,dc=org". */
export function dnPath(dn: string): string {
  return ["@LDAP", ...components(dn).reverse()].join("/");
}

/**
 * The DN of a restored data.ldif: the path's components from "@LDAP" on (so
 * that a where= or a component without "=" does not count), reversed.
 */
export function pathDn(path: string): string {
  const parts = path.split("/");
  const start = parts.lastIndexOf("@LDAP") + 1;
  return parts.slice(start).filter((part) => part.includes("=")).reverse().join(",");
}

/** Seconds since the epoch of a GeneralizedTime such as 20240131120000Z; undefined when it is not one. */
export function unixTime(generalized: string | undefined): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:[.,]\d+)?Z$/.exec(generalized ?? "");
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/**
 * Reads LDIF records from a descriptor (a pipe), one at a time: records end
 * at an empty line, found in the bytes so that a character split between two
 * reads stays whole.
 */
export class RecordReader {
  private pending = new Uint8Array(0);
  private eof = false;
  private readonly chunk = new Uint8Array(1 << 16);

  constructor(private readonly fd: number) {}

  /** The next record's text (without its empty line), or null at the end. */
  next(): string | null {
    for (let from = 0; ;) {
      const end = this.blankLine(from);
      if (end >= 0) {
        const record = this.pending.subarray(0, end);
        this.pending = this.pending.subarray(end + 2);
        if (record.length) return os.decode(record);
        from = 0;
        continue;
      }
      if (this.eof) {
        const rest = this.pending;
        this.pending = new Uint8Array(0);
        const text = os.decode(rest).replace(/\n+$/, "");
        return text ? text : null;
      }
      from = Math.max(0, this.pending.length - 1);
      const n = os.read(this.fd, this.chunk);
      if (n <= 0) this.eof = true;
      else {
        const joined = new Uint8Array(this.pending.length + n);
        joined.set(this.pending);
        joined.set(this.chunk.subarray(0, n), this.pending.length);
        this.pending = joined;
      }
    }
  }

  /** Where "\n\n" starts in pending (searching from `from`), -1 when nowhere. */
  private blankLine(from: number): number {
    const p = this.pending;
    for (let i = from; i + 1 < p.length; i++) if (p[i] === 10 && p[i + 1] === 10) return i;
    return -1;
  }
}
