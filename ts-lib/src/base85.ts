// Base85 as Python's base64.b85decode (RFC 1924 alphabet), for "key#enc=" options.
const ALPHABET =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/** Decodes base85 text; throws on a character outside the alphabet. */
export function b85decode(text: string): Uint8Array {
  const padding = (5 - (text.length % 5)) % 5;
  const padded = text + "~".repeat(padding);
  const out = new Uint8Array((padded.length / 5) * 4);
  for (let i = 0; i < padded.length; i += 5) {
    let value = 0;
    for (let j = 0; j < 5; j++) {
      // indexOf, not a lookup table: decoding is rare, and a table would be
      // built at every job start.
      const digit = ALPHABET.indexOf(padded[i + j]!);
      if (digit < 0) throw new Error(`bad base85 character ${JSON.stringify(padded[i + j])}`);
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) throw new Error("base85 group out of range");
    const o = (i / 5) * 4;
    out[o] = value >>> 24;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return out.subarray(0, out.length - padding);
}
