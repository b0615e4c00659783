/* Node's util.format(), what console.* prints, and the builtins formatting
 * relies on, taken from each context before any script could replace them. */
#include <string.h>

#include "bytes_string.h"
#include "inspect.h"

typedef enum {
  MEMBER,        /* owner[name] (owner NULL: the global object) */
  METHOD,        /* owner.prototype[name] */
  GETTER,        /* the getter of owner.prototype[name] */
  ITERATOR_NEXT, /* next() of what owner.prototype[name] returns for a new owner */
  TYPED_GETTER,  /* the getter of Symbol.toStringTag on the parent of owner.prototype */
  SAMPLE,        /* Object(owner(0)) */
} How;

static const struct {
  const char* owner;
  const char* name;
  How how;
} wanted[QJS_B_COUNT] = {
    [QJS_B_OBJECT_PROTO] = {"Object", "prototype", MEMBER},
    [QJS_B_FUNCTION_PROTO] = {"Function", "prototype", MEMBER},
    [QJS_B_TYPE_ERROR_PROTO] = {"TypeError", "prototype", MEMBER},
    [QJS_B_MAP_ENTRIES] = {"Map", "entries", METHOD},
    [QJS_B_MAP_NEXT] = {"Map", "entries", ITERATOR_NEXT},
    [QJS_B_MAP_SIZE] = {"Map", "size", GETTER},
    [QJS_B_SET_VALUES] = {"Set", "values", METHOD},
    [QJS_B_SET_NEXT] = {"Set", "values", ITERATOR_NEXT},
    [QJS_B_SET_SIZE] = {"Set", "size", GETTER},
    [QJS_B_DATE_TIME] = {"Date", "getTime", METHOD},
    [QJS_B_DATE_ISO] = {"Date", "toISOString", METHOD},
    [QJS_B_REGEXP_SOURCE] = {"RegExp", "source", GETTER},
    [QJS_B_REGEXP_FLAGS] = {"RegExp", "flags", GETTER},
    [QJS_B_ERROR_STACK] = {"Error", "stack", GETTER},
    [QJS_B_TYPED_TAG] = {"Uint8Array", NULL, TYPED_GETTER},
    [QJS_B_BUFFER_DETACHED] = {"ArrayBuffer", "detached", GETTER},
    [QJS_B_VIEW_BUFFER] = {"DataView", "buffer", GETTER},
    [QJS_B_VIEW_LENGTH] = {"DataView", "byteLength", GETTER},
    [QJS_B_VIEW_OFFSET] = {"DataView", "byteOffset", GETTER},
    [QJS_B_NUMBER_VALUE] = {"Number", "valueOf", METHOD},
    [QJS_B_STRING_VALUE] = {"String", "valueOf", METHOD},
    [QJS_B_BOOLEAN_VALUE] = {"Boolean", "valueOf", METHOD},
    [QJS_B_SYMBOL_VALUE] = {"Symbol", "valueOf", METHOD},
    [QJS_B_BIGINT_VALUE] = {"BigInt", "valueOf", METHOD},
    [QJS_B_PARSE_INT] = {NULL, "parseInt", MEMBER},
    [QJS_B_PARSE_FLOAT] = {NULL, "parseFloat", MEMBER},
    [QJS_B_TO_STRING_TAG] = {"Symbol", "toStringTag", MEMBER},
    [QJS_B_TO_PRIMITIVE] = {"Symbol", "toPrimitive", MEMBER},
    [QJS_B_NUMBER_OBJECT] = {"Number", NULL, SAMPLE},
    [QJS_B_STRING_OBJECT] = {"String", NULL, SAMPLE},
    [QJS_B_BOOLEAN_OBJECT] = {"Boolean", NULL, SAMPLE},
    [QJS_B_SYMBOL_OBJECT] = {"Symbol", NULL, SAMPLE},
    [QJS_B_BIGINT_OBJECT] = {"BigInt", NULL, SAMPLE},
};

static JSValue getter_of(JSContext* ctx, JSValueConst obj, JSAtom atom) {
  JSPropertyDescriptor d;
  int r = atom == JS_ATOM_NULL ? -1 : JS_GetOwnProperty(ctx, &d, obj, atom);
  if (r <= 0) return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
  JS_FreeValue(ctx, d.value);
  JS_FreeValue(ctx, d.setter);
  return d.getter;
}

static JSValue capture(JSContext* ctx, JSValueConst global, int i) {
  JSValue owner = wanted[i].owner ? JS_GetPropertyStr(ctx, global, wanted[i].owner) : JS_DupValue(ctx, global);
  JSValue proto = wanted[i].how == MEMBER || wanted[i].how == SAMPLE ? JS_UNDEFINED
                                                                     : JS_GetPropertyStr(ctx, owner, "prototype");
  JSValue v = JS_UNDEFINED, zero = JS_NewInt32(ctx, 0);
  switch (wanted[i].how) {
    case MEMBER: v = JS_GetPropertyStr(ctx, owner, wanted[i].name); break;
    case METHOD: v = JS_GetPropertyStr(ctx, proto, wanted[i].name); break;
    case GETTER: {
      JSAtom atom = JS_NewAtom(ctx, wanted[i].name);
      v = getter_of(ctx, proto, atom);
      JS_FreeAtom(ctx, atom);
      break;
    }
    case ITERATOR_NEXT: {
      JSValue instance = JS_CallConstructor(ctx, owner, 0, NULL);
      JSValue method = JS_GetPropertyStr(ctx, proto, wanted[i].name);
      JSValue it = JS_Call(ctx, method, instance, 0, NULL);
      v = JS_GetPropertyStr(ctx, it, "next");
      JS_FreeValue(ctx, it);
      JS_FreeValue(ctx, method);
      JS_FreeValue(ctx, instance);
      break;
    }
    case TYPED_GETTER: {
      JSValue parent = JS_GetPrototype(ctx, proto);
      JSValue symbol = JS_GetPropertyStr(ctx, global, "Symbol");
      JSValue tag = JS_GetPropertyStr(ctx, symbol, "toStringTag");
      JSAtom atom = JS_ValueToAtom(ctx, tag);
      v = getter_of(ctx, parent, atom);
      JS_FreeAtom(ctx, atom);
      JS_FreeValue(ctx, tag);
      JS_FreeValue(ctx, symbol);
      JS_FreeValue(ctx, parent);
      break;
    }
    case SAMPLE: {
      JSValue primitive = JS_Call(ctx, owner, JS_UNDEFINED, 1, &zero);
      v = JS_ToObject(ctx, primitive);
      JS_FreeValue(ctx, primitive);
      break;
    }
  }
  JS_FreeValue(ctx, proto);
  JS_FreeValue(ctx, owner);
  return v;
}

JSValue qjs_builtins_capture(JSContext* ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue list = JS_NewArray(ctx);
  for (int i = 0; i < QJS_B_COUNT && !JS_IsException(list); i++) {
    JSValue v = capture(ctx, global, i);
    if (JS_HasException(ctx) || JS_DefinePropertyValueUint32(ctx, list, (uint32_t)i, v, JS_PROP_C_W_E) < 0) {
      JS_FreeValue(ctx, list);
      list = JS_EXCEPTION;
    }
  }
  JS_FreeValue(ctx, global);
  return list;
}

int qjs_builtins_read(JSContext* ctx, JSValueConst captured, QjsBuiltins* b) {
  memset(b, 0, sizeof *b);
  int rc = 0;
  for (int i = 0; i < QJS_B_COUNT; i++)
    if (JS_IsException(b->v[i] = JS_GetPropertyUint32(ctx, captured, (uint32_t)i))) b->v[i] = JS_UNDEFINED, rc = -1;
  b->to_string_tag = JS_ValueToAtom(ctx, b->v[QJS_B_TO_STRING_TAG]);
  b->to_primitive = JS_ValueToAtom(ctx, b->v[QJS_B_TO_PRIMITIVE]);
  b->c_function = JS_GetClassID(b->v[QJS_B_PARSE_INT]);
  for (int i = 0; i < 5; i++) b->boxed[i] = JS_GetClassID(b->v[QJS_B_NUMBER_OBJECT + i]);
  if (rc < 0 || b->to_string_tag == JS_ATOM_NULL || b->to_primitive == JS_ATOM_NULL) {
    qjs_builtins_free(ctx, b);
    return -1;
  }
  return 0;
}

void qjs_builtins_free(JSContext* ctx, QjsBuiltins* b) {
  for (int i = 0; i < QJS_B_COUNT; i++) JS_FreeValue(ctx, b->v[i]);
  JS_FreeAtom(ctx, b->to_string_tag);
  JS_FreeAtom(ctx, b->to_primitive);
  memset(b, 0, sizeof *b);
}

static int put_bigint(QjsText* t, JSValueConst v) {
  return qjs_text_value(t, v) < 0 ? -1 : qjs_text_puts(t, "n");
}

/* The number a builtin (parseInt, parseFloat) makes of v. */
static int put_parsed(QjsText* t, JSValueConst parse, JSValueConst v) {
  JSValue n = JS_Call(t->ctx, parse, JS_UNDEFINED, 1, &v);
  double d;
  int rc = JS_IsException(n) || JS_ToFloat64(t->ctx, &d, n) < 0 ? -1 : qjs_text_number(t, d);
  JS_FreeValue(t->ctx, n);
  return rc;
}

/* JSON.stringify(), with "[Circular]" for a cycle. */
static int put_json(QjsText* t, const QjsBuiltins* b, JSValueConst v) {
  JSContext* ctx = t->ctx;
  JSValue json = JS_JSONStringify(ctx, v, JS_UNDEFINED, JS_UNDEFINED);
  if (!JS_IsException(json)) {
    int rc = JS_IsUndefined(json) ? qjs_text_puts(t, "undefined") : qjs_text_value(t, json);
    JS_FreeValue(ctx, json);
    return rc;
  }
  JSValue e = JS_GetException(ctx);
  JSValue proto = JS_IsError(e) ? JS_GetPrototype(ctx, e) : JS_UNDEFINED;
  JSValue message = JS_IsError(e) ? JS_GetPropertyStr(ctx, e, "message") : JS_UNDEFINED;
  const char* m = JS_IsString(message) ? JS_ToCString(ctx, message) : NULL;
  bool circular = m && !strcmp(m, "circular reference") &&
                  JS_VALUE_GET_PTR(proto) == JS_VALUE_GET_PTR(b->v[QJS_B_TYPE_ERROR_PROTO]);
  JS_FreeCString(ctx, m);
  JS_FreeValue(ctx, message);
  JS_FreeValue(ctx, proto);
  if (!circular) {
    JS_Throw(ctx, e);
    return -1;
  }
  JS_FreeValue(ctx, e);
  return qjs_text_puts(t, "[Circular]");
}

/* One %-directive of formatWithOptionsInternal(). */
static int directive(QjsText* t, const QjsBuiltins* b, char c, JSValueConst v) {
  static const QjsInspectOptions depth0 = {.depth = 0}, hidden = {.depth = 4, .hidden = true, .show_proxy = true};
  double d;
  switch (c) {
    case 's':
      if (JS_IsNumber(v)) return JS_ToFloat64(t->ctx, &d, v) < 0 ? -1 : qjs_text_number(t, d);
      if (JS_IsBigInt(v)) return put_bigint(t, v);
      if (!JS_IsObject(v) || JS_IsFunction(t->ctx, v)) return qjs_text_value(t, v);
      switch (qjs_has_builtin_to_string(t->ctx, b, v)) {
        case 1: return qjs_inspect(t, b, v, &depth0);
        case 0: return qjs_text_value(t, v);
        default: return -1;
      }
    case 'j': return put_json(t, b, v);
    case 'd':
      if (JS_IsBigInt(v)) return put_bigint(t, v);
      if (JS_IsSymbol(v)) return qjs_text_puts(t, "NaN");
      return JS_ToFloat64(t->ctx, &d, v) < 0 ? -1 : qjs_text_number(t, d);
    case 'i':
      if (JS_IsBigInt(v)) return put_bigint(t, v);
      return JS_IsSymbol(v) ? qjs_text_puts(t, "NaN") : put_parsed(t, b->v[QJS_B_PARSE_INT], v);
    case 'f': return JS_IsSymbol(v) ? qjs_text_puts(t, "NaN") : put_parsed(t, b->v[QJS_B_PARSE_FLOAT], v);
    case 'O': return qjs_inspect(t, b, v, &qjs_inspect_defaults);
    case 'o': return qjs_inspect(t, b, v, &hidden);
    default: return 0; /* %c: CSS, for browsers */
  }
}

/* formatWithOptionsInternal() */
static int format(QjsText* t, const QjsBuiltins* b, int argc, JSValueConst* argv) {
  int a = 0;
  const char* join = "";
  if (argc > 0 && JS_IsString(argv[0])) {
    if (argc == 1) return qjs_text_value(t, argv[0]);
    size_t n;
    const char* f = JS_ToCStringLen(t->ctx, &n, argv[0]);
    if (!f) return -1;
    size_t last = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i + 1 < n; i++) {
      if (f[i] != '%') continue;
      char c = f[++i];
      if (c == '%') {
        rc = qjs_text_put(t, f + last, i - last);
        last = i + 1;
      } else if (a + 1 != argc && c && strchr("sjdOoifc", c)) {
        if (last != i - 1) rc = qjs_text_put(t, f + last, i - 1 - last);
        if (rc == 0) rc = directive(t, b, c, argv[++a]);
        last = i + 1;
      }
    }
    if (rc == 0 && last != 0) {
      a++;
      join = " ";
      rc = qjs_text_put(t, f + last, n - last);
    }
    JS_FreeCString(t->ctx, f);
    if (rc < 0) return -1;
  }
  for (; a < argc; a++, join = " ") {
    if (qjs_text_puts(t, join) < 0) return -1;
    int rc = JS_IsString(argv[a]) ? qjs_text_value(t, argv[a]) : qjs_inspect(t, b, argv[a], &qjs_inspect_defaults);
    if (rc < 0) return -1;
  }
  return 0;
}

char* qjs_format(JSContext* ctx, JSValueConst captured, int argc, JSValueConst* argv, size_t* len) {
  QjsBuiltins b;
  if (qjs_builtins_read(ctx, captured, &b) < 0) return NULL;
  QjsText t = {.ctx = ctx};
  int rc = format(&t, &b, argc, argv);
  qjs_builtins_free(ctx, &b);
  if (rc == 0) rc = qjs_text_put(&t, "", 0);
  if (rc < 0) {
    js_free(ctx, t.buf);
    return NULL;
  }
  *len = qjs_bytes_from_wtf8(t.buf, t.buf, t.len);
  t.buf[*len] = 0;
  return t.buf;
}
