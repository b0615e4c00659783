/* Text in the runtime's memory, and strings as util.inspect() quotes
 * them. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "inspect_internal.h"

static int reserve(QjsText* t, size_t len) {
  if (t->cap - t->len > len) return 0;
  size_t cap = t->cap ? t->cap : 256;
  while (cap - t->len <= len) cap *= 2;
  char* p = js_realloc(t->ctx, t->buf, cap);
  if (!p) return -1;
  t->buf = p;
  t->cap = cap;
  return 0;
}

int qjs_text_put(QjsText* t, const char* s, size_t len) {
  if (reserve(t, len) < 0) return -1;
  memcpy(t->buf + t->len, s, len);
  t->len += len;
  t->buf[t->len] = 0;
  return 0;
}

int qjs_text_puts(QjsText* t, const char* s) { return qjs_text_put(t, s, strlen(s)); }

int qjs_text_printf(QjsText* t, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || reserve(t, (size_t)n) < 0) return -1;
  va_start(ap, fmt);
  vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  t->len += (size_t)n;
  return 0;
}

static int put_cstring(QjsText* t, const char* s, size_t len) {
  int rc = s ? qjs_text_put(t, s, len) : -1;
  JS_FreeCString(t->ctx, s);
  return rc;
}

/* "Symbol(description)" */
static int put_symbol(QjsText* t, JSValueConst sym) {
  JSAtom atom = JS_ValueToAtom(t->ctx, sym);
  if (atom == JS_ATOM_NULL) return -1;
  size_t len;
  const char* desc = JS_AtomToCStringLen(t->ctx, &len, atom);
  JS_FreeAtom(t->ctx, atom);
  if (desc && qjs_text_puts(t, "Symbol(") < 0) JS_FreeCString(t->ctx, desc), desc = NULL;
  return put_cstring(t, desc, len) < 0 ? -1 : qjs_text_puts(t, ")");
}

int qjs_text_value(QjsText* t, JSValueConst v) {
  if (JS_IsSymbol(v)) return put_symbol(t, v);
  size_t len;
  const char* s = JS_ToCStringLen(t->ctx, &len, v);
  return put_cstring(t, s, len);
}

int qjs_text_number(QjsText* t, double d) {
  if (d == 0) return qjs_text_puts(t, signbit(d) ? "-0" : "0");
  if (fabs(d) <= 9007199254740992.0 && d == trunc(d)) return qjs_text_printf(t, "%.0f", d);
  return qjs_text_value(t, JS_NewFloat64(t->ctx, d));
}

int qjs_text_spaces(QjsText* t, int n) {
  for (; n > 0; n--)
    if (qjs_text_put(t, " ", 1) < 0) return -1;
  return 0;
}

size_t qjs_text_units(const char* p, size_t n) {
  size_t u = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    u += (c & 0xC0) != 0x80;
    u += c >= 0xF0;
  }
  return u;
}

int qjs_text_escaped(QjsText* t, const char* p, size_t n, bool quoted) {
  char q = '\'';
  if (quoted && memchr(p, '\'', n)) {
    if (!memchr(p, '"', n)) q = '"';
    else if (!memchr(p, '`', n) && !memmem(p, n, "${", 2)) q = '`';
  }
  if (quoted && qjs_text_put(t, &q, 1) < 0) return -1;
  size_t last = 0;
  for (size_t i = 0; i < n; i++) {
    const unsigned char* c = (const unsigned char*)p + i;
    char esc[8];
    size_t skip = 1;
    if (c[0] == '\\' || (c[0] == '\'' && q == '\'')) snprintf(esc, sizeof esc, "\\%c", c[0]);
    else if (c[0] && strchr("\b\t\n\f\r", c[0])) snprintf(esc, sizeof esc, "\\%c", "btn?fr"[c[0] - '\b']);
    else if (c[0] < 0x20 || c[0] == 0x7F) snprintf(esc, sizeof esc, "\\x%02X", c[0]);
    else if (c[0] == 0xC2 && i + 1 < n && c[1] >= 0x80 && c[1] <= 0x9F) /* U+0080..U+009F */
      snprintf(esc, sizeof esc, "\\x%02X", c[1]), skip = 2;
    else if (c[0] == 0xED && i + 2 < n && c[1] >= 0xA0) /* a lone surrogate (pairs are 4 bytes) */
      snprintf(esc, sizeof esc, "\\u%x", 0xD000u | (c[1] & 0x3Fu) << 6 | (c[2] & 0x3Fu)), skip = 3;
    else continue;
    if (qjs_text_put(t, p + last, i - last) < 0 || qjs_text_puts(t, esc) < 0) return -1;
    i += skip - 1;
    last = i + 1;
  }
  if (qjs_text_put(t, p + last, n - last) < 0) return -1;
  return quoted ? qjs_text_put(t, &q, 1) : 0;
}

/* formatPrimitive() of a string: cut at 10000 characters, and split after
 * its newlines when it is longer than what is left of the line. */
int qjs_text_string(QjsText* t, JSValueConst v, int indent) {
  size_t n;
  const char* p = JS_ToCStringLen(t->ctx, &n, v);
  if (!p) return -1;
  size_t total = 0, kept = 0, cut = n;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if ((c & 0xC0) == 0x80) continue;
    size_t w = c >= 0xF0 ? 2 : 1;
    if (cut == n && total + w > MAX_STRING) cut = i, kept = total;
    total += w;
  }
  if (cut == n) kept = total;
  bool split = kept > MIN_LINE && (long)kept > BREAK_LENGTH - indent - 4;
  int rc = 0;
  for (size_t from = 0; rc == 0 && from < cut;) {
    const char* nl = split ? memchr(p + from, '\n', cut - from) : NULL;
    size_t to = nl && nl + 1 < p + cut ? (size_t)(nl - p) + 1 : cut;
    rc = qjs_text_escaped(t, p + from, to - from, true);
    if (rc == 0 && to < cut)
      rc = qjs_text_puts(t, " +\n") < 0 || qjs_text_spaces(t, indent + 2) < 0 ? -1 : 0;
    from = to;
  }
  if (cut == 0 && rc == 0) rc = qjs_text_escaped(t, p, 0, true);
  if (rc == 0 && total > kept)
    rc = qjs_text_printf(t, "... %zu more character%s", total - kept, total - kept > 1 ? "s" : "");
  JS_FreeCString(t->ctx, p);
  return rc;
}

/* /^[a-zA-Z_][a-zA-Z_0-9]*$/ */
static bool identifier(const char* p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!(p[i] == '_' || (unsigned)((p[i] | 0x20) - 'a') < 26u || (i && (unsigned)(p[i] - '0') < 10u))) return false;
  return n > 0;
}

int qjs_text_key(QjsText* t, JSAtom atom, bool enumerable) {
  JSValue k = JS_AtomToValue(t->ctx, atom);
  if (JS_IsException(k)) return -1;
  size_t n;
  const char* p = JS_AtomToCStringLen(t->ctx, &n, atom);
  int rc = p ? 0 : -1;
  if (rc == 0 && JS_IsSymbol(k))
    rc = qjs_text_puts(t, "[Symbol(") < 0 || qjs_text_escaped(t, p, n, false) < 0 ? -1 : qjs_text_puts(t, ")]");
  else if (rc == 0 && n == 9 && !memcmp(p, "__proto__", 9)) rc = qjs_text_puts(t, "['__proto__']");
  else if (rc == 0 && !enumerable)
    rc = qjs_text_puts(t, "[") < 0 || qjs_text_escaped(t, p, n, false) < 0 ? -1 : qjs_text_puts(t, "]");
  else if (rc == 0) rc = identifier(p, n) ? qjs_text_put(t, p, n) : qjs_text_escaped(t, p, n, true);
  JS_FreeCString(t->ctx, p);
  JS_FreeValue(t->ctx, k);
  return rc < 0 ? -1 : qjs_text_puts(t, ": ");
}
