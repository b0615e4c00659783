/* File names are bytes.  They cross into JS as strings where every byte that
 * is not part of valid UTF-8 becomes the lone surrogate U+DC00+byte (the
 * "surrogateescape" scheme), and cross back to exactly the same bytes.
 * QuickJS writes lone surrogates as 3-byte sequences ED B2..B3 xx, which
 * valid UTF-8 never contains, so the way back is unambiguous. */
#include <stdlib.h>
#include <string.h>

#include "bytes_string.h"

/* Length of the valid UTF-8 sequence at p (1..4), 0 if invalid. */
static size_t utf8_sequence(const unsigned char* p, size_t left) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, lo = 0xA0;
  else if (c == 0xED) n = 3, hi = 0x9F; /* no encoded surrogates */
  else if (c >= 0xE1 && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) n = 4, hi = 0x8F;
  else return 0;
  if (left < n || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return n;
}

JSValue qjs_new_bytes_string(JSContext* ctx, const char* bytes, size_t len) {
  const unsigned char* p = (const unsigned char*)bytes;
  size_t i = 0;
  while (i < len) {
    if (p[i] < 0x80) { /* most names are ASCII */
      i++;
      continue;
    }
    size_t n = utf8_sequence(p + i, len - i);
    if (!n) break;
    i += n;
  }
  if (i == len) return JS_NewStringLen(ctx, bytes, len);

  /* At most one UTF-16 unit per byte. */
  uint16_t* units = js_malloc(ctx, (len ? len : 1) * sizeof *units);
  if (!units) return JS_EXCEPTION;
  size_t out = 0;
  for (i = 0; i < len;) {
    size_t n = utf8_sequence(p + i, len - i);
    if (!n) {
      units[out++] = (uint16_t)(0xDC00 + p[i++]);
      continue;
    }
    uint32_t cp;
    switch (n) {
      case 1: cp = p[i]; break;
      case 2: cp = (p[i] & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu); break;
      case 3:
        cp = (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu);
        break;
      default:
        cp = (p[i] & 0x07u) << 18 | (p[i + 1] & 0x3Fu) << 12 |
             (p[i + 2] & 0x3Fu) << 6 | (p[i + 3] & 0x3Fu);
        break;
    }
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[out++] = (uint16_t)(0xD800 + (cp >> 10));
      units[out++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    } else {
      units[out++] = (uint16_t)cp;
    }
  }
  JSValue s = JS_NewStringUTF16(ctx, units, out);
  js_free(ctx, units);
  return s;
}

size_t qjs_bytes_from_wtf8(char* out, const char* s, size_t len) {
  /* Escaped bytes start with 0xED: the common name without one is copied whole. */
  const char* escape = memchr(s, 0xED, len);
  size_t o = escape ? (size_t)(escape - s) : len;
  memmove(out, s, o);
  for (size_t i = o; i < len; i++) {
    const unsigned char* p = (const unsigned char*)s + i;
    if (p[0] == 0xED && i + 2 < len && (p[1] == 0xB2 || p[1] == 0xB3)) {
      unsigned byte = (unsigned)(p[1] & 0x01) << 6 | (p[2] & 0x3Fu);
      out[o++] = (char)(0x80 | byte);
      i += 2;
    } else {
      out[o++] = (char)p[0];
    }
  }
  return o;
}

char* qjs_to_bytes(JSContext* ctx, JSValueConst val, size_t* plen) {
  size_t len;
  const char* s = JS_ToCStringLen(ctx, &len, val);
  if (!s) return NULL;
  char* out = malloc(len + 1);
  if (!out) {
    JS_FreeCString(ctx, s);
    JS_ThrowOutOfMemory(ctx);
    return NULL;
  }
  size_t o = qjs_bytes_from_wtf8(out, s, len);
  out[o] = 0;
  JS_FreeCString(ctx, s);
  *plen = o;
  return out;
}

char* qjs_to_bytes_string(JSContext* ctx, JSValueConst val, size_t* plen) {
  size_t len;
  char* out = qjs_to_bytes(ctx, val, &len);
  if (out && memchr(out, 0, len)) {
    free(out);
    JS_ThrowTypeError(ctx, "a file name cannot contain a NUL character");
    return NULL;
  }
  if (plen) *plen = len;
  return out;
}
