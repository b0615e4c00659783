/* Node's util.inspect() with its default options (depth 2, 100 items, 10000
 * characters of a string, lines of up to 80 columns, up to 3 inner levels
 * on one line, more than 6 short items grouped in columns): it walks values
 * as Node 20's lib/internal/util/inspect.js does, in functions named after
 * its; docs/api.md says where it differs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_internal.h"

/* Node stops descending at 2^27 characters; a debug log needs far less. */
#define BUDGET ((size_t)1 << 20)

typedef enum { KEY_OBJECT, KEY_ARRAY, KEY_EXTRAS } KeyType; /* Node's kObjectType ... */
typedef enum {
  K_OBJECT, K_ARRAY, K_SET, K_MAP, K_TYPED, K_FUNCTION, K_REGEXP, K_DATE, K_ERROR,
  K_BUFFER, K_VIEW, K_PROMISE, K_WEAKSET, K_WEAKMAP, K_BOXED, K_MODULE
} Kind;
static const char* const kind_names[] = {"Object", "Array", "Set", "Map", "", "Function", "RegExp", "Date",
                                         "Error", "ArrayBuffer", "DataView", "Promise", "WeakSet",
                                         "WeakMap", "", "Module"};
static const char* const typed_names[] = {"Uint8ClampedArray", "Int8Array", "Uint8Array", "Int16Array",
                                          "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array",
                                          "BigUint64Array", "Float16Array", "Float32Array", "Float64Array"};
const char* const qjs_boxed_names[] = {"Number", "String", "Boolean", "Symbol", "BigInt"};

const QjsInspectOptions qjs_inspect_defaults = {.depth = 2};

/* Where each entry of an object's output ends. */
typedef struct {
  size_t* end;
  uint32_t n, cap;
  bool numeric; /* all items numbers: grouped right-aligned */
} List;

int qjs_inspect_primitive(Inspector* s, JSValueConst v) {
  if (JS_IsString(v)) return qjs_text_string(s->out, v, s->indent);
  if (JS_IsNumber(v)) {
    double d;
    JS_ToFloat64(s->ctx, &d, v);
    return qjs_text_number(s->out, d);
  }
  if (qjs_text_value(s->out, v) < 0) return -1;
  return JS_IsBigInt(v) ? qjs_text_puts(s->out, "n") : 0;
}

static int mark(Inspector* s, List* l) {
  if (l->n == l->cap) {
    uint32_t cap = l->cap ? 2 * l->cap : 16;
    size_t* end = js_realloc(s->ctx, l->end, cap * sizeof *end);
    if (!end) return -1;
    l->end = end;
    l->cap = cap;
  }
  l->end[l->n++] = s->out->len;
  return 0;
}

static int value(Inspector* s, JSValueConst v, int rt);

/* formatProperty() of a value already known, at the next indentation. */
static int property_value(Inspector* s, JSValueConst v, int rt) {
  if (JS_IsUndefined(v)) return qjs_text_puts(s->out, "undefined");
  s->indent += 2;
  int rc = value(s, v, rt);
  s->indent -= 2;
  return rc;
}

/* formatProperty(): "key: value", or the value alone for array items;
 * an accessor as [Getter], [Setter] or [Getter/Setter], never called. */
static int property(Inspector* s, JSValueConst obj, JSAtom atom, int rt, KeyType type, bool* numeric) {
  JSPropertyDescriptor d;
  int r = JS_GetOwnProperty(s->ctx, &d, obj, atom);
  if (r < 0) return -1;
  const char* label = NULL;
  JSValue v = JS_UNDEFINED;
  if (r == 0) v = qjs_lookup(s, obj, atom, NULL);
  else if (!(d.flags & JS_PROP_GETSET)) v = d.value;
  else label = JS_IsUndefined(d.getter) ? (JS_IsUndefined(d.setter) ? "undefined" : "[Setter]")
               : JS_IsUndefined(d.setter) ? "[Getter]" : "[Getter/Setter]";
  if (r > 0) JS_FreeValue(s->ctx, d.getter), JS_FreeValue(s->ctx, d.setter);
  int rc = JS_IsException(v) ? -1 : 0;
  if (numeric && (label || !(JS_IsNumber(v) || JS_IsBigInt(v)))) *numeric = false;
  if (rc == 0 && type != KEY_ARRAY) rc = qjs_text_key(s->out, atom, r == 0 || (d.flags & JS_PROP_ENUMERABLE));
  if (rc == 0) rc = label ? qjs_text_puts(s->out, label) : property_value(s, v, rt);
  JS_FreeValue(s->ctx, v);
  return rc;
}

/* An array index ("0" ... "4294967294") in *index: 1, else 0. */
static int array_index(JSContext* ctx, JSAtom atom, uint32_t* index) {
  JSValue k = JS_AtomToValue(ctx, atom);
  size_t n = 0;
  const char* p = JS_IsString(k) ? JS_ToCStringLen(ctx, &n, k) : NULL;
  int r = JS_IsException(k) || (JS_IsString(k) && !p) ? -1 : 0;
  if (p && n && n <= 10 && (n == 1 || p[0] != '0') && strspn(p, "0123456789") == n) {
    unsigned long long i = strtoull(p, NULL, 10);
    if (i < 4294967295ULL) *index = (uint32_t)i, r = 1;
  }
  JS_FreeCString(ctx, p);
  JS_FreeValue(ctx, k);
  return r;
}

/* How many leading keys are indices: they come first, in order. */
static int count_indices(JSContext* ctx, const JSPropertyEnum* tab, uint32_t count, uint32_t* n) {
  uint32_t lo = 0, hi = count, i;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int r = array_index(ctx, tab[mid].atom, &i);
    if (r < 0) return -1;
    if (r) lo = mid + 1;
    else hi = mid;
  }
  *n = lo;
  return 0;
}

static int more_items(Inspector* s, List* l, uint64_t more, const char* fmt) {
  if (!more) return 0;
  return qjs_text_printf(s->out, fmt, (unsigned long long)more, more > 1 ? "s" : "") < 0 ? -1 : mark(s, l);
}

/* formatArray() and formatSpecialArray() in one: holes as <n empty items>. */
static int array_items(Inspector* s, JSValueConst arr, const JSPropertyEnum* tab, uint32_t nindex, uint64_t length,
                       int rt, List* l) {
  uint64_t index = 0;
  uint32_t shown = 0;
  for (uint32_t j = 0; j < nindex && shown < MAX_ITEMS; j++) {
    JSAtom expected = index < 4294967295ULL ? JS_NewAtomUInt32(s->ctx, (uint32_t)index) : JS_ATOM_NULL;
    uint32_t k = (uint32_t)index;
    int r = expected == tab[j].atom ? 1 : array_index(s->ctx, tab[j].atom, &k);
    JS_FreeAtom(s->ctx, expected);
    if (r < 0) return -1;
    if (k != index) {
      l->numeric = false;
      if (more_items(s, l, k - index, "<%llu empty item%s>") < 0) return -1;
      index = k;
      if (++shown == MAX_ITEMS) break;
    }
    if (property(s, arr, tab[j].atom, rt, KEY_ARRAY, &l->numeric) < 0 || mark(s, l) < 0) return -1;
    shown++;
    index++;
  }
  if (shown < MAX_ITEMS && length > index) l->numeric = false;
  return more_items(s, l, length - index, shown < MAX_ITEMS ? "<%llu empty item%s>" : "... %llu more item%s");
}

static int typed_items(Inspector* s, JSValueConst ta, uint64_t length, List* l) {
  for (uint32_t i = 0; i < length && i < MAX_ITEMS; i++) {
    JSValue v = JS_GetPropertyUint32(s->ctx, ta, i);
    int rc = JS_IsException(v) ? -1 : qjs_inspect_primitive(s, v);
    JS_FreeValue(s->ctx, v);
    if (rc < 0 || mark(s, l) < 0) return -1;
  }
  return more_items(s, l, length > MAX_ITEMS ? length - MAX_ITEMS : 0, "... %llu more item%s");
}

/* formatSet() / formatMap(), through the builtin iterators. */
static int collection_items(Inspector* s, JSValueConst obj, bool map, uint64_t size, int rt, List* l) {
  JSContext* ctx = s->ctx;
  JSValue it = JS_Call(ctx, s->b->v[map ? QJS_B_MAP_ENTRIES : QJS_B_SET_VALUES], obj, 0, NULL);
  JSValueConst next = s->b->v[map ? QJS_B_MAP_NEXT : QJS_B_SET_NEXT];
  int rc = JS_IsException(it) ? -1 : 0;
  s->indent += 2;
  for (uint64_t i = 0; rc == 0 && i < size && i < MAX_ITEMS; i++) {
    JSValue r = JS_Call(ctx, next, it, 0, NULL);
    JSValue done = JS_IsException(r) ? JS_EXCEPTION : JS_GetPropertyStr(ctx, r, "done");
    JSValue v = JS_IsException(done) || JS_ToBool(ctx, done) ? JS_UNDEFINED : JS_GetPropertyStr(ctx, r, "value");
    if (JS_IsException(done) || JS_IsException(v)) rc = -1;
    else if (JS_ToBool(ctx, done)) i = size;
    else if (!map) rc = value(s, v, rt) < 0 || mark(s, l) < 0 ? -1 : 0;
    else {
      JSValue key = JS_GetPropertyUint32(ctx, v, 0), val = JS_GetPropertyUint32(ctx, v, 1);
      rc = value(s, key, rt) < 0 || qjs_text_puts(s->out, " => ") < 0 || value(s, val, rt) < 0 ? -1 : mark(s, l);
      JS_FreeValue(ctx, key);
      JS_FreeValue(ctx, val);
    }
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, done);
    JS_FreeValue(ctx, r);
  }
  s->indent -= 2;
  JS_FreeValue(ctx, it);
  return rc < 0 ? -1 : more_items(s, l, size > MAX_ITEMS ? size - MAX_ITEMS : 0, "... %llu more item%s");
}

/* formatArrayBuffer() and its byteLength */
static int buffer_items(Inspector* s, JSValueConst buf, List* l) {
  JSValue d = JS_IsUndefined(s->b->v[QJS_B_BUFFER_DETACHED])
                  ? JS_FALSE : JS_Call(s->ctx, s->b->v[QJS_B_BUFFER_DETACHED], buf, 0, NULL);
  if (JS_IsException(d)) return -1;
  size_t size = 0;
  const uint8_t* p = JS_ToBool(s->ctx, d) ? NULL : JS_GetArrayBuffer(s->ctx, &size, buf);
  if (!p && !JS_ToBool(s->ctx, d) && JS_HasException(s->ctx)) return -1;
  int rc = qjs_text_puts(s->out, p ? "[Uint8Contents]: <" : "(detached)");
  for (size_t i = 0; p && rc == 0 && i < size && i < MAX_ITEMS; i++) rc = qjs_text_printf(s->out, &" %02x"[!i], p[i]);
  if (rc == 0 && p && size > MAX_ITEMS)
    rc = qjs_text_printf(s->out, " ... %zu more byte%s", size - MAX_ITEMS, size - MAX_ITEMS > 1 ? "s" : "");
  if (rc == 0 && p) rc = qjs_text_puts(s->out, ">");
  if (rc < 0 || mark(s, l) < 0 || qjs_text_printf(s->out, "byteLength: %zu", size) < 0) return -1;
  return mark(s, l);
}

/* A DataView's byteLength, byteOffset and buffer, from the builtin getters. */
static int view_items(Inspector* s, JSValueConst view, int rt, List* l) {
  static const struct { const char* name; int getter; } members[] = {
      {"byteLength", QJS_B_VIEW_LENGTH}, {"byteOffset", QJS_B_VIEW_OFFSET}, {"buffer", QJS_B_VIEW_BUFFER}};
  for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
    JSValue v = JS_Call(s->ctx, s->b->v[members[i].getter], view, 0, NULL);
    int rc = JS_IsException(v) || qjs_text_printf(s->out, "%s: ", members[i].name) < 0 ||
                     property_value(s, v, rt) < 0 || mark(s, l) < 0 ? -1 : 0;
    JS_FreeValue(s->ctx, v);
    if (rc < 0) return -1;
  }
  return 0;
}

static int promise_items(Inspector* s, JSValueConst p, int rt, List* l) {
  JSPromiseStateEnum state = JS_PromiseState(s->ctx, p);
  if (state == JS_PROMISE_PENDING) return qjs_text_puts(s->out, "<pending>") < 0 ? -1 : mark(s, l);
  if (state == JS_PROMISE_REJECTED && qjs_text_puts(s->out, "<rejected> ") < 0) return -1;
  JSValue v = JS_PromiseResult(s->ctx, p);
  s->indent += 2;
  int rc = value(s, v, rt);
  s->indent -= 2;
  JS_FreeValue(s->ctx, v);
  return rc < 0 ? -1 : mark(s, l);
}

/* groupArrayElements(): how many columns more than 6 short items take,
 * 0 for one a line; *rows: how many of them the columns hold. */
static int columns(const Inspector* s, const size_t* w, uint32_t n, uint32_t* rows, size_t* col) {
  uint32_t len = n > MAX_ITEMS ? n - 1 : n; /* without "... more items" */
  size_t total = 0, max = 0;
  for (uint32_t i = 0; i < len; i++) {
    total += w[i] + 2;
    if (w[i] > max) max = w[i];
  }
  double actual = (double)max + 2;
  if (!(actual * 3 + s->indent < BREAK_LENGTH && (total / actual > 5 || max <= 6))) return 0;
  double bias = sqrt(actual - (double)total / n), biased = fmax(actual - 3 - bias, 1);
  double c = fmin(fmin(round(sqrt(2.5 * biased * len) / biased), floor((BREAK_LENGTH - s->indent) / actual)),
                  fmin(COMPACT * 4, 15));
  if (c <= 1) return 0;
  for (uint32_t i = 0; i < (uint32_t)c; i++) {
    col[i] = 0;
    for (uint32_t j = i; j < len; j += (uint32_t)c)
      if (w[j] > col[i]) col[i] = w[j];
    col[i] += 2;
  }
  *rows = len;
  return (int)c;
}

/* reduceToSingleString(): on one line when the entries fit in 80 columns
 * and at most COMPACT inner levels are nested, else one entry (or row of
 * grouped items) a line. */
static int reduce(Inspector* s, size_t start, size_t head_end, size_t base_units, size_t brace_units, const List* l,
                  const char* brace1, bool group, int rt, int ref) {
  QjsText* out = s->out;
  size_t len = out->len - start;
  char refs[32] = "";
  if (ref) {
    size_t n = (size_t)snprintf(refs, sizeof refs, "<ref *%d> ", ref);
    base_units = base_units ? base_units + n : n - 1;
  }
  size_t* w = js_malloc(s->ctx, 2 * (l->n + 1) * sizeof *w); /* and where each entry begins */
  size_t* begin = w + l->n + 1;
  char* tmp = w ? js_malloc(s->ctx, len + 1) : NULL;
  if (!tmp) {
    js_free(s->ctx, w);
    return -1;
  }
  memcpy(tmp, out->buf + start, len);
  for (uint32_t i = 0; i < l->n; i++) {
    begin[i] = (i ? l->end[i - 1] : head_end) - start;
    w[i] = qjs_text_units(tmp + begin[i], l->end[i] - start - begin[i]);
  }
  size_t col[15];
  uint32_t rows = 0;
  int c = group && l->n > 6 ? columns(s, w, l->n, &rows, col) : 0;
  bool single = c == 0 && s->current_depth - rt < COMPACT;
  size_t total = 2 * (size_t)l->n + (size_t)s->indent + brace_units + base_units + 10;
  single = single && total + l->n <= BREAK_LENGTH;
  for (uint32_t i = 0; single && i < l->n; i++) single = (total += w[i]) <= BREAK_LENGTH;
  single = single && !memchr(tmp, '\n', len);
  out->len = start;
  int rc = qjs_text_puts(out, refs) < 0 || qjs_text_put(out, tmp, head_end - start) < 0 ? -1 : 0;
  if (rc == 0 && single) rc = qjs_text_puts(out, " ");
  for (uint32_t i = 0; rc == 0 && i < l->n; i++) {
    bool line = !single && (!c || i >= rows || i % (uint32_t)c == 0);
    if (line) rc = qjs_text_puts(out, i ? ",\n" : "\n") < 0 ? -1 : qjs_text_spaces(out, s->indent + 2);
    else if (single && i) rc = qjs_text_puts(out, ", ");
    /* In a row, each item padded to its column's width, numbers right-aligned. */
    bool in_row = c && i < rows, last = in_row && (i % (uint32_t)c == (uint32_t)c - 1 || i == rows - 1);
    int pad = in_row ? (int)(col[i % (uint32_t)c] - 2 - w[i]) : 0;
    if (rc == 0 && l->numeric) rc = qjs_text_spaces(out, pad);
    if (rc == 0) rc = qjs_text_put(out, tmp + begin[i], l->end[i] - start - begin[i]);
    if (rc == 0 && in_row && !last) rc = qjs_text_puts(out, ", ") < 0 ? -1 : qjs_text_spaces(out, l->numeric ? 0 : pad);
  }
  if (rc == 0 && !single) rc = qjs_text_puts(out, "\n") < 0 ? -1 : qjs_text_spaces(out, s->indent);
  if (rc == 0 && single) rc = qjs_text_puts(out, " ");
  if (rc == 0) rc = qjs_text_puts(out, brace1);
  js_free(s->ctx, tmp);
  js_free(s->ctx, w);
  return rc;
}

static Kind kind_of(Inspector* s, JSValueConst obj, int* sub) {
  JSClassID id = JS_GetClassID(obj);
  for (int i = 0; i < 5; i++)
    if (id == s->b->boxed[i]) return *sub = i, K_BOXED;
  if ((*sub = JS_GetTypedArrayType(obj)) >= 0) return K_TYPED;
  return JS_IsArray(obj)         ? K_ARRAY
         : JS_IsSet(obj)         ? K_SET
         : JS_IsMap(obj)         ? K_MAP
         : JS_IsFunction(s->ctx, obj) ? K_FUNCTION
         : JS_IsRegExp(obj)      ? K_REGEXP
         : JS_IsDate(obj)        ? K_DATE
         : JS_IsError(obj)       ? K_ERROR
         : JS_IsArrayBuffer(obj) ? K_BUFFER
         : JS_IsDataView(obj)    ? K_VIEW
         : JS_IsPromise(obj)     ? K_PROMISE
         : JS_IsWeakSet(obj)     ? K_WEAKSET
         : JS_IsWeakMap(obj)     ? K_WEAKMAP
                                 : K_OBJECT;
}

static int64_t call_length(Inspector* s, int getter, JSValueConst obj) {
  JSValue v = JS_Call(s->ctx, s->b->v[getter], obj, 0, NULL);
  int64_t n = -1;
  if (!JS_IsException(v) && JS_ToInt64(s->ctx, &n, v) < 0) n = -1;
  JS_FreeValue(s->ctx, v);
  return n;
}

/* formatRaw(): the text of an object, which is not a proxy. */
static int raw(Inspector* s, JSValueConst obj, int rt) {
  JSContext* ctx = s->ctx;
  QjsText* out = s->out;
  size_t start = out->len;
  int sub = -1;
  Kind kind = kind_of(s, obj, &sub);
  const char* fallback = kind == K_TYPED ? typed_names[sub] : kind == K_BOXED ? qjs_boxed_names[sub] : kind_names[kind];
  char *ctor = NULL, *tag = NULL;
  JSPropertyEnum* tab = NULL;
  uint32_t count = 0, nindex = 0;
  Keys keys = {0};
  List l = {0};
  int64_t length = 0;
  int rc = qjs_constructor_name(s, obj, fallback, &ctor) < 0 || qjs_tag_of(s, obj, &tag) < 0 ? -1 : 0;
  if (rc == 0 && kind == K_OBJECT && !ctor && tag && !strcmp(tag, "Module")) kind = K_MODULE, fallback = "Module";
  /* Typed arrays list no named keys: the engine would list every index. */
  int flags = JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | (s->o.hidden ? 0 : JS_GPN_ENUM_ONLY);
  if (rc == 0 && kind != K_TYPED) rc = JS_GetOwnPropertyNames(ctx, &tab, &count, obj, flags);
  if (rc == 0 && (kind == K_ARRAY || (kind == K_BOXED && sub == 1))) rc = count_indices(ctx, tab, count, &nindex);
  if (rc == 0 && !(keys.atom = js_malloc(ctx, (count - nindex + 2) * sizeof *keys.atom))) rc = -1;
  for (uint32_t i = nindex; rc == 0 && i < count; i++) keys.atom[keys.n++] = tab[i].atom;
  if (rc < 0) goto done;

  /* What comes before the items: braces, and a base for some kinds. */
  const char* brace1 = "}";
  KeyType extras = KEY_OBJECT;
  bool early = false, based = false;
  char size[32] = "";
  switch (kind) {
    case K_ARRAY:
    case K_TYPED:
      if (kind == K_ARRAY) rc = JS_GetLength(ctx, obj, &length);
      else {
        size_t offset, bytes, per = 1;
        JSValue buffer = JS_GetTypedArrayBuffer(ctx, obj, &offset, &bytes, &per);
        rc = JS_IsException(buffer) ? -1 : 0;
        JS_FreeValue(ctx, buffer);
        length = (int64_t)(bytes / (per ? per : 1));
      }
      snprintf(size, sizeof size, "(%lld)", (long long)length);
      if (rc == 0 && (kind == K_TYPED || !qjs_plain_prefix(ctor, tag, "Array")))
        rc = qjs_prefix(out, ctor, tag, kind == K_TYPED && ctor ? "" : fallback, size);
      brace1 = "]";
      extras = KEY_EXTRAS;
      early = length == 0 && keys.n == 0 && !(kind == K_TYPED && s->o.hidden);
      if (rc == 0) rc = qjs_text_puts(out, early ? "[]" : "[");
      break;
    case K_SET:
    case K_MAP:
      length = call_length(s, kind == K_SET ? QJS_B_SET_SIZE : QJS_B_MAP_SIZE, obj);
      snprintf(size, sizeof size, "(%lld)", (long long)length);
      rc = length < 0 || qjs_prefix(out, ctor, tag, fallback, size) < 0 ? -1 : 0;
      early = length == 0 && keys.n == 0;
      if (rc == 0) rc = qjs_text_puts(out, early ? "{}" : "{");
      break;
    default:
      if (kind == K_FUNCTION) {
        rc = qjs_function_base(s, obj, ctor, tag);
        based = true;
        early = keys.n == 0;
      } else if (ctor && !strcmp(ctor, "Object")) {
        if (tag) rc = qjs_prefix(out, ctor, tag, "Object", "");
        early = keys.n == 0;
        if (rc == 0) rc = qjs_text_puts(out, early ? "{}" : "{");
      } else if (kind == K_REGEXP || kind == K_DATE) {
        rc = qjs_regexp_date_base(s, obj, kind == K_DATE, ctor, tag);
        based = true;
        early = keys.n == 0 || (kind == K_REGEXP && rt > s->o.depth);
      } else if (kind == K_ERROR || kind == K_BOXED) {
        rc = kind == K_ERROR ? qjs_error_base(s, obj, ctor, tag, &keys) : qjs_boxed_base(s, obj, sub, ctor, tag);
        based = true;
        early = keys.n == 0;
      } else if (kind == K_OBJECT) {
        rc = qjs_ctx_style(out, ctor, tag, fallback);
        early = keys.n == 0;
        if (rc == 0) rc = qjs_text_puts(out, early ? "{}" : "{");
      } else {
        rc = qjs_prefix(out, ctor, tag, fallback, "") < 0 ? -1 : qjs_text_puts(out, "{");
      }
  }
  if (rc < 0 || early) goto done;
  size_t base_units = based ? qjs_text_units(out->buf + start, out->len - start) : 0;
  if (based && qjs_text_puts(out, " {") < 0) goto fail;
  size_t brace_units = based ? 1 : qjs_text_units(out->buf + start, out->len - start);

  if (rt > s->o.depth || s->nseen == MAX_SEEN) {
    out->len = start;
    if ((ctor && qjs_text_puts(out, "[") < 0) || qjs_ctx_style(out, ctor, tag, fallback) < 0) goto fail;
    out->len--;
    rc = ctor ? qjs_text_puts(out, "]") : 0;
    goto done;
  }
  rt++;
  s->seen[s->nseen++] = obj;
  s->current_depth = rt;
  size_t head_end = out->len;
  l.numeric = (kind == K_ARRAY || kind == K_TYPED) && keys.n == 0;
  switch (kind) {
    case K_ARRAY: rc = array_items(s, obj, tab, nindex, (uint64_t)length, rt, &l); break;
    case K_TYPED: rc = typed_items(s, obj, (uint64_t)length, &l); break;
    case K_SET:
    case K_MAP: rc = collection_items(s, obj, kind == K_MAP, (uint64_t)length, rt, &l); break;
    case K_BUFFER: rc = buffer_items(s, obj, &l); break;
    case K_VIEW: rc = view_items(s, obj, rt, &l); break;
    case K_PROMISE: rc = promise_items(s, obj, rt, &l); break;
    case K_WEAKSET:
    case K_WEAKMAP: rc = qjs_text_puts(out, "<items unknown>") < 0 ? -1 : mark(s, &l); break;
    default: break;
  }
  for (uint32_t i = 0; rc == 0 && i < keys.n; i++)
    rc = property(s, obj, keys.atom[i], rt, extras, NULL) < 0 ? -1 : mark(s, &l);
  s->nseen--;
  if (rc == 0) {
    int ref = 0;
    for (uint32_t i = 0; i < s->ncircular && !ref; i++)
      if (qjs_same(s->circular[i], obj)) ref = (int)i + 1;
    rc = reduce(s, start, head_end, base_units, brace_units, &l, brace1, extras == KEY_EXTRAS, rt, ref);
  }
  if (out->len > BUDGET) s->o.depth = -1;
  goto done;
fail:
  rc = -1;
done:
  for (int i = 0; i < keys.nown; i++) JS_FreeAtom(ctx, keys.own[i]);
  js_free(ctx, keys.atom);
  js_free(ctx, l.end);
  JS_FreePropertyEnum(ctx, tab, count);
  js_free(ctx, ctor);
  js_free(ctx, tag);
  return rc;
}

/* formatProxy(): %o shows a proxy as Proxy [ target, handler ]. */
static int show_proxy(Inspector* s, JSValueConst proxy, int rt) {
  if (rt > s->o.depth) return qjs_text_puts(s->out, "Proxy [Array]");
  JSValue target = qjs_proxy_target(s, proxy);
  if (JS_IsException(target)) return -1;
  if (JS_IsUndefined(target)) return qjs_text_puts(s->out, "<Revoked Proxy>");
  JSValue handler = JS_GetProxyHandler(s->ctx, proxy);
  size_t start = s->out->len;
  List l = {0};
  int rc = JS_IsException(handler) || qjs_text_puts(s->out, "Proxy [") < 0 ? -1 : 0;
  size_t head_end = s->out->len;
  s->indent += 2;
  if (rc == 0) rc = value(s, target, rt + 1) < 0 || mark(s, &l) < 0 || value(s, handler, rt + 1) < 0 ? -1 : mark(s, &l);
  s->indent -= 2;
  if (rc == 0) rc = reduce(s, start, head_end, 0, 7, &l, "]", false, rt + 1, 0);
  js_free(s->ctx, l.end);
  JS_FreeValue(s->ctx, handler);
  JS_FreeValue(s->ctx, target);
  return rc;
}

/* formatValue(): proxies looked through (their traps never run), cycles
 * shown as [Circular *n]. */
static int value(Inspector* s, JSValueConst v, int rt) {
  if (JS_IsNull(v)) return qjs_text_puts(s->out, "null");
  if (!JS_IsObject(v)) return qjs_inspect_primitive(s, v);
  if (s->o.show_proxy && JS_IsProxy(v)) return show_proxy(s, v, rt);
  JSValue obj = JS_DupValue(s->ctx, v);
  while (JS_IsProxy(obj)) {
    JSValue t = qjs_proxy_target(s, obj);
    JS_FreeValue(s->ctx, obj);
    if (JS_IsException(t)) return -1;
    if (JS_IsUndefined(t)) return qjs_text_puts(s->out, "<Revoked Proxy>");
    obj = t;
  }
  int rc = 0;
  for (int i = 0; i < s->nseen; i++) {
    if (!qjs_same(s->seen[i], obj)) continue;
    uint32_t n = 0;
    while (n < s->ncircular && !qjs_same(s->circular[n], obj)) n++;
    if (n == s->ncircular) {
      JSValue* grown = js_realloc(s->ctx, s->circular, (n + 1) * sizeof *grown);
      if (!grown) rc = -1;
      else s->circular = grown, s->circular[s->ncircular++] = JS_DupValue(s->ctx, obj);
    }
    if (rc == 0) rc = qjs_text_printf(s->out, "[Circular *%u]", n + 1);
    JS_FreeValue(s->ctx, obj);
    return rc;
  }
  rc = raw(s, obj, rt);
  JS_FreeValue(s->ctx, obj);
  return rc;
}

int qjs_inspect(QjsText* out, const QjsBuiltins* b, JSValueConst v, const QjsInspectOptions* options) {
  Inspector s = {.out = out, .ctx = out->ctx, .b = b, .o = *options};
  int rc = value(&s, v, 0);
  for (uint32_t i = 0; i < s.ncircular; i++) JS_FreeValue(s.ctx, s.circular[i]);
  js_free(s.ctx, s.circular);
  return rc;
}

