/* What console.* prints: Node's util.format() (format.c) over Node's
 * util.inspect() with its default options (inspect*.c).  Formatting calls no
 * script code of its own accord: getters are shown, not called; proxies are
 * looked through, their traps never run; the builtins it needs were taken
 * from the context before any script ran.  Only %s, %d, %i, %f and %j run a
 * script's toString/valueOf/toJSON, as in Node.  Any exception (out of
 * memory above all) is passed on as it is. */
#ifndef QJS_INSPECT_H
#define QJS_INSPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "quickjs.h"

/* Text being built in the runtime's memory, so that memory_limit holds. */
typedef struct {
  JSContext* ctx;
  char* buf;
  size_t len, cap;
} QjsText;

/* 0, or -1 with the out-of-memory exception pending. */
int qjs_text_put(QjsText* t, const char* s, size_t len);
int qjs_text_puts(QjsText* t, const char* s);
int qjs_text_printf(QjsText* t, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
/* String(v): a string as it is, "Symbol(x)", an object's toString(). */
int qjs_text_value(QjsText* t, JSValueConst v);

/* The builtins formatting uses, as the context had them when it was made. */
enum {
  QJS_B_OBJECT_PROTO,
  QJS_B_FUNCTION_PROTO,
  QJS_B_TYPE_ERROR_PROTO,
  QJS_B_MAP_ENTRIES,
  QJS_B_MAP_NEXT,
  QJS_B_MAP_SIZE,
  QJS_B_SET_VALUES,
  QJS_B_SET_NEXT,
  QJS_B_SET_SIZE,
  QJS_B_DATE_TIME,
  QJS_B_DATE_ISO,
  QJS_B_REGEXP_SOURCE,
  QJS_B_REGEXP_FLAGS,
  QJS_B_ERROR_STACK,
  QJS_B_TYPED_TAG,
  QJS_B_BUFFER_DETACHED,
  QJS_B_VIEW_BUFFER,
  QJS_B_VIEW_LENGTH,
  QJS_B_VIEW_OFFSET,
  QJS_B_NUMBER_VALUE,
  QJS_B_STRING_VALUE,
  QJS_B_BOOLEAN_VALUE,
  QJS_B_SYMBOL_VALUE,
  QJS_B_BIGINT_VALUE,
  QJS_B_PARSE_INT,
  QJS_B_PARSE_FLOAT,
  QJS_B_TO_STRING_TAG,
  QJS_B_TO_PRIMITIVE,
  QJS_B_NUMBER_OBJECT, /* samples of the boxed primitives' classes */
  QJS_B_STRING_OBJECT,
  QJS_B_BOOLEAN_OBJECT,
  QJS_B_SYMBOL_OBJECT,
  QJS_B_BIGINT_OBJECT,
  QJS_B_COUNT
};

typedef struct {
  JSValue v[QJS_B_COUNT];
  JSAtom to_string_tag, to_primitive;
  JSClassID c_function, boxed[5]; /* boxed: Number String Boolean Symbol BigInt */
} QjsBuiltins;

/* Made once per context, before any script runs: an array for the console
 * functions' data.  JS_EXCEPTION when out of memory. */
JSValue qjs_builtins_capture(JSContext* ctx);
/* Reads what qjs_builtins_capture made; qjs_builtins_free after it. */
int qjs_builtins_read(JSContext* ctx, JSValueConst captured, QjsBuiltins* b);
void qjs_builtins_free(JSContext* ctx, QjsBuiltins* b);

typedef struct {
  int depth;        /* levels of nesting shown: 2, %o 4, %s 0 */
  bool hidden;      /* %o: non-enumerable properties too, as [key] */
  bool show_proxy;  /* %o: Proxy [ target, handler ] */
} QjsInspectOptions;

extern const QjsInspectOptions qjs_inspect_defaults;

/* util.inspect(v, options) appended to out. */
int qjs_inspect(QjsText* out, const QjsBuiltins* b, JSValueConst v, const QjsInspectOptions* options);
/* Node's hasBuiltInToString(): whether %s inspects the object rather than
 * calling its toString.  -1 with an exception pending. */
int qjs_has_builtin_to_string(JSContext* ctx, const QjsBuiltins* b, JSValueConst obj);
/* -0 as "-0", every other number as String() has it. */
int qjs_text_number(QjsText* out, double d);

/* util.format(...argv): js_malloc()ed text of *len bytes, in which names
 * are the bytes they stand for (see qjs_new_bytes_string); NULL with the
 * exception pending. */
char* qjs_format(JSContext* ctx, JSValueConst captured, int argc, JSValueConst* argv, size_t* len);

#endif
