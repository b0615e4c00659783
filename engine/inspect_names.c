/* What an object is called, read without running any script: its
 * constructor's name, its Symbol.toStringTag, and the first line of
 * functions, errors, boxed primitives, regexps and dates (Node's
 * getConstructorName, getPrefix, getFunctionBase, getBoxedBase,
 * formatError). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "inspect_internal.h"

/* obj[atom] without running a getter or a proxy trap: undefined for an
 * accessor (except the engine's own Error stack and typed array tag) and
 * past a proxy in the prototype chain.  *holder: where it was found. */
JSValue qjs_lookup(Inspector* s, JSValueConst obj, JSAtom atom, JSValue* holder) {
  JSValue o = JS_DupValue(s->ctx, obj);
  while (JS_IsObject(o) && !JS_IsProxy(o)) {
    JSPropertyDescriptor d;
    int r = JS_GetOwnProperty(s->ctx, &d, o, atom);
    if (r < 0) break;
    if (r) {
      JSValue v = d.value;
      if ((d.flags & JS_PROP_GETSET) &&
          (qjs_same(d.getter, s->b->v[QJS_B_ERROR_STACK]) || qjs_same(d.getter, s->b->v[QJS_B_TYPED_TAG])))
        v = JS_Call(s->ctx, d.getter, obj, 0, NULL);
      JS_FreeValue(s->ctx, d.getter);
      JS_FreeValue(s->ctx, d.setter);
      if (holder) *holder = o;
      else JS_FreeValue(s->ctx, o);
      return v;
    }
    JSValue next = JS_GetPrototype(s->ctx, o);
    JS_FreeValue(s->ctx, o);
    o = next;
  }
  if (JS_IsException(o)) return o;
  JS_FreeValue(s->ctx, o);
  if (holder) *holder = JS_NULL;
  return JS_HasException(s->ctx) ? JS_EXCEPTION : JS_UNDEFINED;
}

JSValue qjs_lookup_str(Inspector* s, JSValueConst obj, const char* name) {
  JSAtom atom = JS_NewAtom(s->ctx, name);
  if (atom == JS_ATOM_NULL) return JS_EXCEPTION;
  JSValue v = qjs_lookup(s, obj, atom, NULL);
  JS_FreeAtom(s->ctx, atom);
  return v;
}

/* The value of an own data property, else undefined. */
JSValue qjs_own_data(JSContext* ctx, JSValueConst obj, const char* name) {
  JSAtom atom = JS_NewAtom(ctx, name);
  JSPropertyDescriptor d;
  int r = atom == JS_ATOM_NULL || JS_IsProxy(obj) ? 0 : JS_GetOwnProperty(ctx, &d, obj, atom);
  JS_FreeAtom(ctx, atom);
  if (r <= 0) return JS_HasException(ctx) ? JS_EXCEPTION : JS_UNDEFINED;
  JS_FreeValue(ctx, d.getter);
  JS_FreeValue(ctx, d.setter);
  return d.value;
}

/* A js_malloc()ed copy of a string value, or NULL: *text NULL and 0 when v
 * is not a non-empty string. */
static int text_of(JSContext* ctx, JSValue v, char** text) {
  *text = NULL;
  if (JS_IsException(v)) return -1;
  size_t n;
  bool string = JS_IsString(v);
  const char* p = string ? JS_ToCStringLen(ctx, &n, v) : NULL;
  JS_FreeValue(ctx, v);
  if (!p) return string ? -1 : 0;
  if (n) *text = js_strndup(ctx, p, n);
  JS_FreeCString(ctx, p);
  return n && !*text ? -1 : 0;
}

/* obj instanceof ctor, without Symbol.hasInstance; at, which holds ctor, is
 * obj or one of its prototypes (then usually ctor.prototype itself). */
static bool instance_of(Inspector* s, JSValueConst obj, JSValueConst ctor, JSValueConst at) {
  JSValue proto = qjs_own_data(s->ctx, ctor, "prototype");
  bool found = !qjs_same(at, obj) && qjs_same(proto, at);
  JSValue o = found ? JS_UNDEFINED : JS_GetPrototype(s->ctx, obj);
  while (!found && JS_IsObject(o) && !JS_IsProxy(o)) {
    found = qjs_same(o, proto);
    JSValue next = JS_GetPrototype(s->ctx, o);
    JS_FreeValue(s->ctx, o);
    o = next;
  }
  JS_FreeValue(s->ctx, o);
  JS_FreeValue(s->ctx, proto);
  return found;
}

/* getConstructorName(): NULL for a null prototype. */
int qjs_constructor_name(Inspector* s, JSValueConst obj, const char* kind, char** name) {
  JSContext* ctx = s->ctx;
  *name = NULL;
  JSValue o = JS_DupValue(ctx, obj);
  for (bool first = true; JS_IsObject(o) && !JS_IsProxy(o); first = false) {
    const char* known = qjs_same(o, s->b->v[QJS_B_OBJECT_PROTO])     ? "Object"
                        : qjs_same(o, s->b->v[QJS_B_FUNCTION_PROTO]) ? "Function"
                                                                 : NULL;
    JSValue c = known ? JS_UNDEFINED : qjs_own_data(ctx, o, "constructor");
    int rc = 0;
    if (known) *name = js_strdup(ctx, known), rc = *name ? 0 : -1;
    else if (JS_IsFunction(ctx, c) && instance_of(s, obj, c, o)) rc = text_of(ctx, qjs_lookup_str(s, c, "name"), name);
    JS_FreeValue(ctx, c);
    if (rc == 0 && JS_HasException(ctx)) rc = -1;
    if (rc < 0 || *name) {
      JS_FreeValue(ctx, o);
      return rc;
    }
    JSValue next = JS_GetPrototype(ctx, o);
    JS_FreeValue(ctx, o);
    o = next;
    if (first && JS_IsNull(o)) return 0;
  }
  JS_FreeValue(ctx, o);
  if (JS_HasException(ctx)) return -1;
  size_t len = strlen(kind) + 24;
  if (!(*name = js_malloc(ctx, len))) return -1;
  snprintf(*name, len, "%s <Complex prototype>", kind);
  return 0;
}

/* The Symbol.toStringTag to show: not an own enumerable one. */
int qjs_tag_of(Inspector* s, JSValueConst obj, char** tag) {
  if (text_of(s->ctx, qjs_lookup(s, obj, s->b->to_string_tag, NULL), tag) < 0) return -1;
  JSPropertyDescriptor d;
  int own = *tag ? JS_GetOwnProperty(s->ctx, &d, obj, s->b->to_string_tag) : 0;
  if (own > 0) {
    if (s->o.hidden || (d.flags & JS_PROP_ENUMERABLE)) js_free(s->ctx, *tag), *tag = NULL;
    JS_FreeValue(s->ctx, d.value);
    JS_FreeValue(s->ctx, d.getter);
    JS_FreeValue(s->ctx, d.setter);
  }
  return own < 0 ? -1 : 0;
}

/* getPrefix() */
int qjs_prefix(QjsText* t, const char* ctor, const char* tag, const char* fallback, const char* size) {
  int rc = ctor ? qjs_text_printf(t, "%s%s ", ctor, size)
                : qjs_text_printf(t, "[%s%s: null prototype] ", fallback, size);
  if (rc == 0 && tag && strcmp(tag, ctor ? ctor : fallback)) rc = qjs_text_printf(t, "[%s] ", tag);
  return rc;
}

/* getCtxStyle() */
int qjs_ctx_style(QjsText* t, const char* ctor, const char* tag, const char* kind) {
  return qjs_prefix(t, ctor, tag, !ctor && tag && !strcmp(kind, tag) ? "Object" : kind, "");
}

bool qjs_plain_prefix(const char* ctor, const char* tag, const char* name) {
  return ctor && !strcmp(ctor, name) && (!tag || !strcmp(tag, name));
}

/* A class is a script function whose prototype property is read-only. */
int qjs_function_base(Inspector* s, JSValueConst fn, const char* ctor, const char* tag) {
  JSContext* ctx = s->ctx;
  QjsText* out = s->out;
  JSAtom atom = JS_NewAtom(ctx, "prototype");
  JSPropertyDescriptor d;
  int r = atom == JS_ATOM_NULL ? -1 : JS_GetOwnProperty(ctx, &d, fn, atom);
  JS_FreeAtom(ctx, atom);
  if (r < 0) return -1;
  if (r) JS_FreeValue(ctx, d.value), JS_FreeValue(ctx, d.getter), JS_FreeValue(ctx, d.setter);
  bool is_class = r && !(d.flags & (JS_PROP_GETSET | JS_PROP_WRITABLE)) && JS_GetClassID(fn) != s->b->c_function;
  char* name;
  if (text_of(ctx, is_class ? qjs_own_data(ctx, fn, "name") : qjs_lookup_str(s, fn, "name"), &name) < 0) return -1;
  int rc;
  if (is_class) {
    char* super = NULL;
    JSValue parent = ctor ? JS_GetPrototype(ctx, fn) : JS_NULL;
    rc = text_of(ctx, JS_IsObject(parent) ? qjs_lookup_str(s, parent, "name") : JS_DupValue(ctx, parent), &super);
    JS_FreeValue(ctx, parent);
    if (rc == 0) rc = qjs_text_printf(out, "[class %s", name ? name : "(anonymous)");
    if (rc == 0 && ctor && strcmp(ctor, "Function")) rc = qjs_text_printf(out, " [%s]", ctor);
    if (rc == 0 && tag && (!ctor || strcmp(ctor, tag))) rc = qjs_text_printf(out, " [%s]", tag);
    if (rc == 0 && (super || !ctor)) rc = qjs_text_printf(out, " extends %s", super ? super : "[null prototype]");
    if (rc == 0) rc = qjs_text_puts(out, "]");
    js_free(ctx, super);
  } else {
    static const char* const types[] = {"AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction"};
    const char* type = JS_IsAsyncFunction(fn) ? types[0] : "Function";
    for (size_t i = 0; ctor && i < sizeof types / sizeof types[0]; i++)
      if (!strcmp(ctor, types[i])) type = types[i];
    rc = qjs_text_printf(out, "[%s%s%s%s]", type, ctor ? "" : " (null prototype)", name ? ": " : " (anonymous)",
                         name ? name : "");
    if (rc == 0 && ctor && strcmp(ctor, type)) rc = qjs_text_printf(out, " %s", ctor);
    if (rc == 0 && tag && (!ctor || strcmp(ctor, tag))) rc = qjs_text_printf(out, " [%s]", tag);
  }
  js_free(ctx, name);
  return rc;
}

int qjs_boxed_base(Inspector* s, JSValueConst obj, int which, const char* ctor, const char* tag) {
  const char* type = qjs_boxed_names[which];
  JSValue v = JS_Call(s->ctx, s->b->v[QJS_B_NUMBER_VALUE + which], obj, 0, NULL);
  int rc = JS_IsException(v) ? -1 : qjs_text_printf(s->out, "[%s", type);
  if (rc == 0 && (!ctor || strcmp(type, ctor)))
    rc = ctor ? qjs_text_printf(s->out, " (%s)", ctor) : qjs_text_puts(s->out, " (null prototype)");
  if (rc == 0 && (qjs_text_puts(s->out, ": ") < 0 || qjs_inspect_primitive(s, v) < 0)) rc = -1;
  if (rc == 0) rc = qjs_text_puts(s->out, "]");
  if (rc == 0 && tag && (!ctor || strcmp(tag, ctor))) rc = qjs_text_printf(s->out, " [%s]", tag);
  JS_FreeValue(s->ctx, v);
  return rc;
}

int qjs_regexp_date_base(Inspector* s, JSValueConst obj, bool date, const char* ctor, const char* tag) {
  JSContext* ctx = s->ctx;
  const char* name = date ? "Date" : "RegExp";
  int rc = qjs_plain_prefix(ctor, tag, name) ? 0 : qjs_prefix(s->out, ctor, tag, name, "");
  JSValue time = date ? JS_Call(ctx, s->b->v[QJS_B_DATE_TIME], obj, 0, NULL) : JS_UNDEFINED;
  double t = 0;
  if (JS_IsException(time) || JS_ToFloat64(ctx, &t, time) < 0) rc = -1;
  JSValue v[2] = {JS_UNDEFINED, JS_UNDEFINED};
  if (!date) {
    v[0] = JS_Call(ctx, s->b->v[QJS_B_REGEXP_SOURCE], obj, 0, NULL);
    v[1] = JS_Call(ctx, s->b->v[QJS_B_REGEXP_FLAGS], obj, 0, NULL);
  } else if (!isnan(t)) {
    v[0] = JS_Call(ctx, s->b->v[QJS_B_DATE_ISO], obj, 0, NULL);
  }
  if (rc == 0 && !date)
    rc = qjs_text_puts(s->out, "/") < 0 || qjs_text_value(s->out, v[0]) < 0 || qjs_text_puts(s->out, "/") < 0 ||
                 qjs_text_value(s->out, v[1]) < 0 ? -1 : 0;
  else if (rc == 0) rc = isnan(t) ? qjs_text_puts(s->out, "Invalid Date") : qjs_text_value(s->out, v[0]);
  JS_FreeValue(ctx, v[0]);
  JS_FreeValue(ctx, v[1]);
  JS_FreeValue(ctx, time);
  return rc;
}

static bool has_key(JSContext* ctx, const Keys* k, const char* name) {
  JSAtom atom = JS_NewAtom(ctx, name);
  bool found = false;
  for (uint32_t i = 0; i < k->n && !found; i++) found = k->atom[i] == atom;
  JS_FreeAtom(ctx, atom);
  return found;
}

static void add_key(JSContext* ctx, Keys* k, const char* name) {
  JSAtom atom = JS_NewAtom(ctx, name);
  if (atom == JS_ATOM_NULL) return;
  k->own[k->nown++] = atom;
  k->atom[k->n++] = atom;
}

/* formatError() with improveStack() and removeDuplicateErrorKeys().  The
 * engine keeps only the frames: the first line is made from name and
 * message, as Error.prototype.toString() would. */
int qjs_error_base(Inspector* s, JSValueConst err, const char* ctor, const char* tag, Keys* k) {
  JSContext* ctx = s->ctx;
  char *name = NULL, *message = NULL, *frames = NULL;
  JSValue errors = JS_UNDEFINED;
  QjsText st = {.ctx = ctx};
  /* Found on the error or its prototypes, else the engine's own. */
  JSValue stack = qjs_lookup_str(s, err, "stack");
  if (JS_IsUndefined(stack)) stack = JS_Call(ctx, s->b->v[QJS_B_ERROR_STACK], err, 0, NULL);
  int rc = text_of(ctx, stack, &frames) < 0 || text_of(ctx, qjs_lookup_str(s, err, "name"), &name) < 0 ||
                   text_of(ctx, qjs_lookup_str(s, err, "message"), &message) < 0
               ? -1 : 0;
  const char* shown = name ? name : "Error";
  if (rc == 0 && frames && strncmp(frames, "    at ", 7)) rc = qjs_text_puts(&st, frames);
  else if (rc == 0) {
    rc = qjs_text_printf(&st, "%s%s%s", shown, message ? ": " : "", message ? message : "");
    size_t n = frames ? strlen(frames) : 0;
    while (n && frames[n - 1] == '\n') n--;
    if (rc == 0 && n) rc = qjs_text_puts(&st, "\n") < 0 || qjs_text_put(&st, frames, n) < 0 ? -1 : 0;
  }
  if (rc == 0 && !st.buf) rc = qjs_text_put(&st, "", 0);
  static const char* const duplicates[] = {"name", "message", "stack"};
  for (size_t i = 0; rc == 0 && !s->o.hidden && i < 3; i++) {
    JSAtom atom = JS_NewAtom(ctx, duplicates[i]);
    for (uint32_t j = 0; rc == 0 && j < k->n; j++) {
      if (k->atom[j] != atom) continue;
      JSValue v = qjs_lookup(s, err, atom, NULL);
      const char* text = JS_IsString(v) ? JS_ToCString(ctx, v) : NULL;
      if (JS_IsException(v) || (JS_IsString(v) && !text)) rc = -1;
      else if (text && strstr(st.buf, text)) memmove(k->atom + j, k->atom + j + 1, (--k->n - j) * sizeof *k->atom);
      JS_FreeCString(ctx, text);
      JS_FreeValue(ctx, v);
      break;
    }
    JS_FreeAtom(ctx, atom);
  }
  JSValue holder = JS_NULL;
  JSAtom atom = JS_NewAtom(ctx, "cause");
  JSValue cause = rc == 0 && atom != JS_ATOM_NULL ? qjs_lookup(s, err, atom, &holder) : JS_UNDEFINED;
  JS_FreeAtom(ctx, atom);
  if (JS_IsException(cause) || atom == JS_ATOM_NULL) rc = -1;
  if (rc == 0 && !JS_IsNull(holder) && !has_key(ctx, k, "cause")) add_key(ctx, k, "cause");
  if (rc == 0 && JS_IsException(errors = qjs_lookup_str(s, err, "errors"))) rc = -1;
  if (rc == 0 && JS_IsArray(errors) && !has_key(ctx, k, "errors")) add_key(ctx, k, "errors");
  JS_FreeValue(ctx, cause);
  JS_FreeValue(ctx, holder);
  JS_FreeValue(ctx, errors);
  QjsText pre = {.ctx = ctx};
  if (rc < 0) goto done;
  /* improveStack(): the class name where the name is only inherited. */
  size_t len = strlen(shown);
  const char* text = st.buf;
  const char* fallback = "Error";
  char found[64] = "";
  if (!ctor) {
    size_t m = 0;
    if (text[0] >= 'A' && text[0] <= 'Z')
      m = strspn(text, "abcdefghijklmnopqrstuvwxyz_ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[]()-");
    if (m > 1 && m < sizeof found && (text[m] == ':' || !strncmp(text + m, "\n    at", 7))) memcpy(found, text, m);
    len = strlen(found);
    if (len) fallback = found;
  }
  bool improve = !ctor || (len >= 5 && !strcmp(shown + len - 5, "Error") && !strncmp(text, shown, len) &&
                            (!text[len] || text[len] == ':' || text[len] == '\n'));
  if (improve && (rc = qjs_prefix(&pre, ctor, tag, fallback, "")) == 0) pre.buf[--pre.len] = 0;
  bool replace = improve && rc == 0 && strcmp(shown, pre.buf);
  if (replace && !strstr(pre.buf, shown)) rc = qjs_text_printf(&pre, " [%s]", shown);
  else if (replace && !len) rc = qjs_text_puts(&pre, ": ");
  /* Without frames after the message, in brackets. */
  const char* rest = text + (replace ? len : 0);
  const char* msg = message ? strstr(rest, message) : NULL;
  const char* from = msg && (msg != rest || replace) ? msg + strlen(message) : rest;
  bool framed = strstr(from, "\n    at");
  if (rc == 0 && !framed) rc = qjs_text_puts(s->out, "[");
  if (rc == 0 && replace) rc = qjs_text_put(s->out, pre.buf, pre.len);
  for (const char* p = rest; rc == 0 && *p;) {
    const char* nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
    rc = qjs_text_put(s->out, p, n) < 0 || (nl && qjs_text_spaces(s->out, s->indent) < 0) ? -1 : 0;
    p += n;
  }
  if (rc == 0 && !framed) rc = qjs_text_puts(s->out, "]");
done:
  js_free(ctx, pre.buf);
  js_free(ctx, st.buf);
  js_free(ctx, name);
  js_free(ctx, message);
  js_free(ctx, frames);
  return rc;
}

/* The target of a proxy: JS_UNDEFINED when it was revoked. */
JSValue qjs_proxy_target(Inspector* s, JSValueConst proxy) {
  JSValue t = JS_GetProxyTarget(s->ctx, proxy);
  if (!JS_IsException(t)) return t;
  JSValue e = JS_GetException(s->ctx);
  JSValue proto = JS_IsError(e) ? JS_GetPrototype(s->ctx, e) : JS_UNDEFINED;
  bool revoked = qjs_same(proto, s->b->v[QJS_B_TYPE_ERROR_PROTO]);
  JS_FreeValue(s->ctx, proto);
  if (!revoked) return JS_Throw(s->ctx, e);
  JS_FreeValue(s->ctx, e);
  return JS_UNDEFINED;
}

/* hasBuiltInToString(), with "built in" meaning a constructor of the
 * engine's rather than a global's name. */
int qjs_has_builtin_to_string(JSContext* ctx, const QjsBuiltins* b, JSValueConst v) {
  Inspector s = {.ctx = ctx, .b = b};
  JSValue obj = JS_DupValue(ctx, v);
  while (JS_IsProxy(obj)) {
    JSValue t = qjs_proxy_target(&s, obj);
    JS_FreeValue(ctx, obj);
    if (JS_IsException(t)) return -1;
    if (JS_IsUndefined(t)) return 1;
    obj = t;
  }
  JSAtom atoms[2] = {JS_NewAtom(ctx, "toString"), JS_DupAtom(ctx, b->to_primitive)};
  JSValue holder[2] = {JS_NULL, JS_NULL};
  int rc = atoms[0] == JS_ATOM_NULL ? -1 : 1;
  for (int i = 0; rc == 1 && i < 2; i++) {
    JSValue f = qjs_lookup(&s, obj, atoms[i], &holder[i]);
    if (JS_IsException(f)) rc = -1;
    else if (!JS_IsFunction(ctx, f)) JS_FreeValue(ctx, holder[i]), holder[i] = JS_NULL;
    JS_FreeValue(ctx, f);
  }
  JSValue o = JS_DupValue(ctx, obj);
  if (rc == 1 && (!JS_IsNull(holder[0]) || !JS_IsNull(holder[1]))) {
    while (JS_IsObject(o) && !qjs_same(o, holder[0]) && !qjs_same(o, holder[1])) {
      JSValue next = JS_GetPrototype(ctx, o);
      JS_FreeValue(ctx, o);
      o = next;
    }
    JSValue c = qjs_same(o, obj) ? JS_UNDEFINED : qjs_own_data(ctx, o, "constructor");
    rc = JS_IsException(c) ? -1 : JS_IsFunction(ctx, c) && JS_GetClassID(c) == b->c_function;
    JS_FreeValue(ctx, c);
  }
  JS_FreeValue(ctx, o);
  for (int i = 0; i < 2; i++) JS_FreeValue(ctx, holder[i]), JS_FreeAtom(ctx, atoms[i]);
  JS_FreeValue(ctx, obj);
  return rc;
}

