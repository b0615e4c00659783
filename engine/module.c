/* Module resolution and loading, the plugin's own module (compiled or read
 * from its bytecode, with its import.meta) and calls of its entry points. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "cache.h"
#include "errors.h"
#include "host_internal.h"
#include "loop.h"
#include "module.h"
#include "native_modules.h"
#include "quickjs-libc.h"
#include "read_file.h"

/* Native modules are found by exact name; everything else is a file
 * relative to the importing module.  Names starting with "qjs-raw:" are the
 * unrestricted quickjs-libc modules, importable only by their wrappers. */
static const QjsNativeModule* find_native(QjsHost* host, const char* name) {
  for (const QjsNativeModule* m = host->desc.modules; m && m->name; m++)
    if (strcmp(m->name, name) == 0) return m;
  for (const QjsNativeModule* m = qjs_engine_modules; m->name; m++)
    if (strcmp(m->name, name) == 0) return m;
  return NULL;
}

static char* normalize_module(JSContext* ctx, const char* base,
                              const char* name, void* opaque) {
  (void)opaque;
  if (strncmp(name, "qjs-raw:", 8) == 0 && strncmp(base, "qjs:", 4) != 0) {
    JS_ThrowReferenceError(ctx, "could not load module '%s'", name);
    return NULL;
  }
  if (name[0] != '.') return js_strdup(ctx, name);
  /* Relative: resolve against the importing file's directory. */
  const char* slash = strrchr(base, '/');
  size_t dir_len = slash ? (size_t)(slash - base) : 0;
  size_t len = dir_len + strlen(name) + 2;
  char* out = js_malloc(ctx, len);
  if (!out) return NULL;
  memcpy(out, base, dir_len);
  out[dir_len] = 0;
  while (true) {
    if (strncmp(name, "./", 2) == 0) {
      name += 2;
    } else if (strncmp(name, "../", 3) == 0 && out[0]) {
      char* up = strrchr(out, '/');
      if (!up) break;
      *up = 0;
      name += 3;
    } else {
      break;
    }
  }
  size_t cur = strlen(out);
  snprintf(out + cur, len - cur, "%s%s", cur ? "/" : "", name);
  return out;
}

/* Plain files only: quickjs-libc's own loader would also dlopen .so files. */
static uint8_t* load_source_file(JSContext* ctx, size_t* len, const char* name) {
  return qjs_read_file(ctx, len, name, NULL);
}

static void note_imported(QjsHost* host, const QjsNativeModule* native) {
  if (native->ahead && host->imported_count < QJS_IMPORTED_MAX)
    host->imported[host->imported_count++] = native->name;
}

static JSModuleDef* load_module(JSContext* ctx, const char* name, void* opaque,
                                JSValueConst attributes) {
  QjsHost* host = opaque;
  const QjsNativeModule* native = find_native(host, name);
  if (native) {
    note_imported(host, native);
    return native->init(ctx, name);
  }
  return js_module_load(ctx, name, NULL, attributes, load_source_file);
}

void qjs_modules_install(QjsHost* host) {
  JS_SetModuleLoaderFunc2(host->rt, normalize_module, load_module, NULL, host);
}

/* Entry points are the module's named exports, or the members of its
 * default export (`export default definePlugin(MyPlugin)`). */
static JSValue entry_object(JSContext* ctx, JSValueConst ns) {
  JSValue fn = JS_GetPropertyStr(ctx, ns, "load_bareos_plugin");
  bool named = JS_IsFunction(ctx, fn);
  JS_FreeValue(ctx, fn);
  if (!named) {
    JSValue def = JS_GetPropertyStr(ctx, ns, "default");
    if (JS_IsObject(def)) return def;
    JS_FreeValue(ctx, def);
  }
  return JS_DupValue(ctx, ns);
}

static int cannot_read(QjsHost* host, const char* path) {
  qjs_host_message(host, HOST_M_FATAL, "cannot read %s: %s", path, strerror(errno));
  return -1;
}

/* The module's compiled function (or JS_EXCEPTION) in *fn: from
 * "<name>.qjsbc" when it was built by this engine from exactly this source,
 * else compiled from the source.  -1, reported, if the source is unreadable. */
static int compile_module(QjsHost* host, const char* path, const struct stat* st, JSValue* fn) {
  JSContext* ctx = host->ctx;
  size_t path_len = strlen(path);
  char bc_path[4096];
  char tag[QJS_BYTECODE_TAG_SIZE];
  const char* why = "the module is not a .js file";
  uint8_t* src = NULL;
  size_t len = 0;
  *fn = JS_UNDEFINED;
  if (path_len > 3 && strcmp(path + path_len - 3, ".js") == 0 &&
      (size_t)snprintf(bc_path, sizeof bc_path, "%.*s.qjsbc", (int)(path_len - 3), path) <
          sizeof bc_path) {
    if (qjs_source_tag(ctx, path, st, tag, &src, &len) < 0) return cannot_read(host, path);
    *fn = qjs_bytecode_read(ctx, tag, bc_path, &why);
  }
  if (!JS_IsUndefined(*fn)) {
    js_free(ctx, src);
    /* Bytecode names the bundle by its file name (see bareos-qjsc). */
    const char* slash = strrchr(path, '/');
    host->bundle = strdup(slash ? slash + 1 : path);
    if (!JS_IsException(*fn) && JS_ResolveModule(ctx, *fn) < 0) {
      JS_FreeValue(ctx, *fn);
      *fn = JS_EXCEPTION;
    }
    return 0;
  }
  if (!src && !(src = qjs_read_file(ctx, &len, path, NULL))) return cannot_read(host, path);
  if (strcmp(why, "there is none") != 0)
    qjs_host_debug(host, 100, "not using the bytecode of %s: %s", path, why);
  host->bundle = strdup(path);
  *fn = JS_Eval(ctx, (const char*)src, len, path, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
  js_free(ctx, src);
  return 0;
}

/* import.meta.url names the bundle's real file, also when the module came
 * from bytecode compiled elsewhere. */
static JSValue import_meta_url(JSContext* ctx, JSValueConst this_val, int argc,
                               JSValueConst* argv, int magic, JSValueConst* data) {
  (void)this_val, (void)argc, (void)argv, (void)magic;
  const char* path = JS_ToCString(ctx, data[0]);
  if (!path) return JS_EXCEPTION;
  char real[PATH_MAX];
  char url[PATH_MAX + 8];
  snprintf(url, sizeof url, "file://%s", realpath(path, real) ? real : path);
  JS_FreeCString(ctx, path);
  return JS_NewString(ctx, url);
}

/* import.meta.url is worked out when a script reads it: realpath() costs a
 * system call per path component, at every job start otherwise. */
static int set_import_meta(JSContext* ctx, JSModuleDef* m, const char* path) {
  JSValue meta = JS_GetImportMeta(ctx, m);
  if (JS_IsException(meta)) return -1;
  JSValue file = JS_NewString(ctx, path);
  JSValue getter = JS_IsException(file) ? JS_EXCEPTION
                                        : JS_NewCFunctionData(ctx, import_meta_url, 0, 0, 1, &file);
  JS_FreeValue(ctx, file);
  JSAtom url = JS_NewAtom(ctx, "url");
  int rc = JS_IsException(getter) || url == JS_ATOM_NULL ||
                   JS_DefinePropertyGetSet(ctx, meta, url, getter, JS_UNDEFINED,
                                           JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE) < 0 ||
                   JS_DefinePropertyValueStr(ctx, meta, "main", JS_TRUE, JS_PROP_C_W_E) < 0
               ? -1
               : 0;
  if (url != JS_ATOM_NULL) JS_FreeAtom(ctx, url);
  JS_FreeValue(ctx, meta);
  return rc;
}

int qjs_host_load(QjsHost* host, const char* path, const struct stat* st) {
  JSContext* ctx = host->ctx;
  free(host->bundle);
  host->bundle = NULL;
  free(host->map_path);
  size_t map_len = strlen(path) + 5;
  host->map_path = malloc(map_len);
  if (host->map_path) snprintf(host->map_path, map_len, "%s.map", path);
  JSValue fn;
  if (compile_module(host, path, st, &fn) < 0) return -1;
  if (JS_IsException(fn)) {
    qjs_host_report_exception(host, "loading the module");
    return -1;
  }
  JSModuleDef* m = JS_VALUE_GET_PTR(fn);
  if (set_import_meta(ctx, m, path) < 0) {
    JS_FreeValue(ctx, fn);
    qjs_host_report_exception(host, "loading the module");
    return -1;
  }
  JSValue result = qjs_host_settle(host, JS_EvalFunction(ctx, fn));
  if (JS_IsException(result)) {
    qjs_host_report_exception(host, "evaluating the module");
    return -1;
  }
  JS_FreeValue(ctx, result);
  host->ns = JS_GetModuleNamespace(ctx, m);
  if (JS_IsException(host->ns)) {
    host->ns = JS_UNDEFINED;
    qjs_host_report_exception(host, "loading the module");
    return -1;
  }
  host->entries = entry_object(ctx, host->ns);
  return 0;
}

bool qjs_host_loaded(QjsHost* host) { return !JS_IsUndefined(host->ns); }

static JSValue entry_function(QjsHost* host, const char* name) {
  JSAtom atom = qjs_host_atom(host, name);
  if (atom == JS_ATOM_NULL) return JS_EXCEPTION;
  return JS_GetProperty(host->ctx, host->entries, atom);
}

bool qjs_host_exports(QjsHost* host, const char* name) {
  JSValue fn = entry_function(host, name);
  bool found = JS_IsFunction(host->ctx, fn);
  JS_FreeValue(host->ctx, fn);
  return found;
}

void qjs_host_each_export(QjsHost* host, void (*fn)(const char* name, void* opaque), void* opaque) {
  JSContext* ctx = host->ctx;
  JSPropertyEnum* props;
  uint32_t count;
  if (JS_GetOwnPropertyNames(ctx, &props, &count, host->entries, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return;
  }
  for (uint32_t i = 0; i < count; i++) {
    /* A binding still in its temporal dead zone, or a throwing getter, is
     * no function: it is left out, and its exception with it. */
    JSValue value = JS_GetProperty(ctx, host->entries, props[i].atom);
    if (JS_IsException(value)) JS_FreeValue(ctx, JS_GetException(ctx));
    const char* name = JS_IsFunction(ctx, value) ? JS_AtomToCString(ctx, props[i].atom) : NULL;
    if (name) {
      fn(name, opaque);
      JS_FreeCString(ctx, name);
    }
    JS_FreeValue(ctx, value);
  }
  JS_FreePropertyEnum(ctx, props, count);
}

JSValue qjs_host_call(QjsHost* host, const char* name, int argc, JSValueConst* argv) {
  JSContext* ctx = host->ctx;
  JSValue fn = entry_function(host, name);
  if (JS_IsException(fn)) return fn;
  if (!JS_IsFunction(ctx, fn)) {
    JS_FreeValue(ctx, fn);
    return JS_UNINITIALIZED;
  }
  JSValue v = JS_Call(ctx, fn, host->entries, argc, argv);
  JS_FreeValue(ctx, fn);
  return qjs_host_settle(host, v);
}
