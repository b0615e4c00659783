/* What the files of util.inspect() share: inspect.c walks values and lays
 * them out, inspect_names.c says what an object is called (constructor,
 * tag, the first line of functions and errors) reading properties without
 * running scripts, inspect_text.c turns strings into quoted text. */
#ifndef QJS_INSPECT_INTERNAL_H
#define QJS_INSPECT_INTERNAL_H

#include "inspect.h"

/* Node's defaults: maxArrayLength, maxStringLength, breakLength, compact,
 * and kMinLineLength (no string shorter is split at its newlines). */
enum { MAX_ITEMS = 100, MAX_STRING = 10000, BREAK_LENGTH = 80, COMPACT = 3, MIN_LINE = 16 };
/* Nesting is bounded by the depth (at most 4, for %o) plus one. */
#define MAX_SEEN 8

typedef struct {
  QjsText* out;
  JSContext* ctx;
  const QjsBuiltins* b;
  QjsInspectOptions o;
  int indent;        /* Node's ctx.indentationLvl */
  int current_depth; /* Node's ctx.currentDepth */
  JSValueConst seen[MAX_SEEN];
  int nseen;
  JSValue* circular; /* the objects given a <ref *n>, n = index + 1 */
  uint32_t ncircular;
} Inspector;

/* The keys listed after an object's own items. */
typedef struct {
  JSAtom* atom;
  uint32_t n;
  JSAtom own[2]; /* added for errors, freed with the list */
  int nown;
} Keys;

static inline bool qjs_same(JSValueConst a, JSValueConst b) {
  return JS_IsObject(a) && JS_IsObject(b) && JS_VALUE_GET_PTR(a) == JS_VALUE_GET_PTR(b);
}

/* inspect_text.c */
int qjs_text_spaces(QjsText* t, int n);
/* The JS length (UTF-16 units) of UTF-8 text: how Node measures lines. */
size_t qjs_text_units(const char* p, size_t n);
/* strEscape(): in the quote that needs no escaping, with control
 * characters, backslashes and lone surrogates escaped; unquoted (escaping
 * ') for the names of symbols and hidden keys. */
int qjs_text_escaped(QjsText* t, const char* p, size_t n, bool quoted);
/* formatPrimitive() of a string at indentation indent. */
int qjs_text_string(QjsText* t, JSValueConst v, int indent);
/* A property's name and ": " as formatProperty() shows it: bare, quoted,
 * [Symbol(x)], or [name] when it is not enumerable. */
int qjs_text_key(QjsText* t, JSAtom atom, bool enumerable);

/* inspect.c */
extern const char* const qjs_boxed_names[]; /* the QJS_B_*_OBJECT order */
/* formatPrimitive() */
int qjs_inspect_primitive(Inspector* s, JSValueConst v);

/* inspect_names.c */
/* obj[atom] without running a getter or a proxy trap: undefined for an
 * accessor (except the engine's own Error stack and typed array tag) and
 * past a proxy in the prototype chain.  *holder (if not NULL): where it was
 * found, or null. */
JSValue qjs_lookup(Inspector* s, JSValueConst obj, JSAtom atom, JSValue* holder);
JSValue qjs_lookup_str(Inspector* s, JSValueConst obj, const char* name);
/* The value of an own data property, else undefined. */
JSValue qjs_own_data(JSContext* ctx, JSValueConst obj, const char* name);
/* The target of a proxy; JS_UNDEFINED when it was revoked. */
JSValue qjs_proxy_target(Inspector* s, JSValueConst proxy);
/* getConstructorName() in *name (js_malloc()ed), NULL for a null
 * prototype; kind names the object when no constructor does. */
int qjs_constructor_name(Inspector* s, JSValueConst obj, const char* kind, char** name);
/* The Symbol.toStringTag to show, or NULL. */
int qjs_tag_of(Inspector* s, JSValueConst obj, char** tag);
/* getPrefix(): "Foo(2) [tag] ", "[Map(2): null prototype] " */
int qjs_prefix(QjsText* t, const char* ctor, const char* tag, const char* fallback, const char* size);
/* getCtxStyle() */
int qjs_ctx_style(QjsText* t, const char* ctor, const char* tag, const char* kind);
/* Whether the prefix would be just "name ". */
bool qjs_plain_prefix(const char* ctor, const char* tag, const char* name);
/* getFunctionBase() and getClassBase(): [Function: f], [class A extends B] */
int qjs_function_base(Inspector* s, JSValueConst fn, const char* ctor, const char* tag);
/* getBoxedBase(): [Number: 3], [String: 'x'] */
int qjs_boxed_base(Inspector* s, JSValueConst obj, int which, const char* ctor, const char* tag);
/* /source/flags, or a Date as ISO text ("Invalid Date"), after a prefix
 * unless it would be just "RegExp " or "Date ". */
int qjs_regexp_date_base(Inspector* s, JSValueConst obj, bool date, const char* ctor, const char* tag);
/* formatError(): the stack, with the keys to list after it adjusted. */
int qjs_error_base(Inspector* s, JSValueConst err, const char* ctor, const char* tag, Keys* keys);

#endif
