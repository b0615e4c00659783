/* One QuickJS runtime per plugin instance, used by one daemon thread at a
 * time.  Cancel arrives on another thread and only flips atomics that the
 * interrupt handler reads, so the runtime is never touched concurrently. */
#include "host.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quickjs-libc.h"
#include "bytecode.h"
#include "inspect.h"
#include "memory.h"
#include "read_file.h"
#include "source_map.h"

/* Room kept below QuickJS' stack limit for native code called from JS
 * (libc, our bindings) so deep recursion ends in a RangeError, not SIGSEGV. */
#define STACK_RESERVE (48 * 1024)
#define POLL_SLICE_MS 50
#define TRIM_AFTER_BYTES (8 << 20)
#define GC_THRESHOLD_BYTES (1 << 20)
/* A context with the daemon's modules holds ~940 atoms and a bundle adds
 * a few hundred: sized for that, the atom hash is neither rehashed (every
 * atom touched) in the middle of a job start nor walked in long chains. */
#define ATOMS_RESERVED 2048
/* After a cancel, each further call (closing files, end-of-job events) gets
 * this long before it is interrupted too. */
#define CANCEL_GRACE_S 5

struct QjsHost {
  QjsHostConfig config;
  void* opaque;
  QjsMemory mem; /* the runtime's allocator state: before rt, after it */
  JSRuntime* rt;
  JSContext* ctx;
  void* state;     /* the daemon modules' (config.state_new) */
  /* Native modules imported, for the next job's spare: their names. */
  const char* imported[8];
  int imported_count;
  JSValue ns;      /* the loaded module's namespace, or undefined */
  JSValue entries; /* where the entry points are: ns, or its default export */
  char* bundle;    /* the module's name in stack traces */
  char* map_path;  /* "<bundle file>.map" */
  SourceMap* source_map; /* read on the first error */
  bool source_map_tried;
  /* Names used on every file (entry points, stat members) as atoms, keyed
   * by the caller's string constant. */
  struct {
    const char* name;
    JSAtom atom;
  } atoms[64];
  int atom_count;
  struct {
    const char* const* names;
    QjsLayout layout;
  } layouts[4];
  int layout_count;
  pthread_mutex_t lock;
  /* A cancel interrupts the call it finds running and is sticky: a call
   * that starts canceled gets CANCEL_GRACE_S instead.  Whether the call
   * started canceled is all the interrupt handler needs, so there is no
   * moment at which a cancel could be missed by both. */
  atomic_bool canceled;
  atomic_bool cancel_reported;
  bool started_canceled; /* of the current call; job thread only */
  struct timespec deadline; /* tv_sec 0 = none */
  bool timed_out;
};

static bool deadline_passed(const struct timespec* deadline) {
  if (deadline->tv_sec == 0) return false;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec > deadline->tv_sec ||
         (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static int interrupt_handler(JSRuntime* rt, void* opaque) {
  (void)rt;
  QjsHost* host = opaque;
  if (!host->started_canceled && atomic_load(&host->canceled)) return 1;
  if (deadline_passed(&host->deadline)) {
    host->timed_out = true;
    return 1;
  }
  return 0;
}

/* prefix + text + a newline: the daemons print messages as they get them,
 * and a line without its newline runs into the next one. */
static void format_line(char* out, size_t size, const char* prefix, const char* fmt,
                        va_list ap) {
  int n = snprintf(out, size, "%s", prefix);
  vsnprintf(out + n, size - (size_t)n - 1, fmt, ap);
  size_t len = strlen(out);
  if (len == 0 || out[len - 1] != '\n') strcpy(out + len, "\n");
}

void qjs_host_message(QjsHost* host, int type, const char* fmt, ...) {
  char text[4096];
  va_list ap;
  va_start(ap, fmt);
  format_line(text, sizeof text, host->config.prefix, fmt, ap);
  va_end(ap);
  host->config.job_message(host->opaque, type, text);
}

void qjs_host_debug(QjsHost* host, int level, const char* fmt, ...) {
  char text[4096];
  va_list ap;
  va_start(ap, fmt);
  format_line(text, sizeof text, host->config.prefix, fmt, ap);
  va_end(ap);
  host->config.debug_message(host->opaque, level, text);
}

/* Native modules are found by exact name; everything else is a file
 * relative to the importing module.  Names starting with "qjs-raw:" are the
 * unrestricted quickjs-libc modules, importable only by their wrappers. */
static const QjsNativeModule* find_native(QjsHost* host, const char* name) {
  for (const QjsNativeModule* m = host->config.modules; m && m->name; m++)
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
  int max = (int)(sizeof host->imported / sizeof host->imported[0]);
  if (native->ahead && host->imported_count < max) host->imported[host->imported_count++] = native->name;
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

/* Positions in the bundle within text mapped to the plugin's sources:
 * malloc()ed, or NULL when there is nothing to map or no map. */
static char* map_positions(QjsHost* host, const char* text) {
  if (!host->bundle || !strstr(text, host->bundle)) return NULL;
  if (!host->source_map_tried && host->map_path) {
    host->source_map_tried = true;
    host->source_map = source_map_load(host->ctx, host->map_path);
  }
  return host->source_map ? source_map_rewrite(host->source_map, host->bundle, text) : NULL;
}

/* console.* goes to the daemon's debug output, a daemon has no terminal;
 * formatted as Node's console.log does (inspect.h). */
static JSValue console_log(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv, int level,
                           JSValueConst* data) {
  (void)this_val;
  QjsHost* host = qjs_host_from(ctx);
  size_t len;
  char* text = qjs_format(ctx, data[0], argc, argv, &len);
  if (!text) return JS_EXCEPTION;
  char* mapped = map_positions(host, text);
  const char* body = mapped ? mapped : text;
  size_t body_len = strlen(body);
  const char* newline = body_len && body[body_len - 1] == '\n' ? "" : "\n";
  char* line = NULL;
  if (asprintf(&line, "%s%s%s", host->config.prefix, body, newline) >= 0)
    host->config.debug_message(host->opaque, level, line);
  free(line);
  free(mapped);
  js_free(ctx, text);
  return line ? JS_UNDEFINED : JS_ThrowOutOfMemory(ctx);
}

static const struct {
  const char* name;
  int level;
} console_levels[] = {{"log", 100}, {"info", 100}, {"debug", 200}, {"warn", 50}, {"error", 10}};

static int add_console(JSContext* ctx, JSValueConst global) {
  JSValue builtins = qjs_builtins_capture(ctx);
  if (JS_IsException(builtins)) return -1;
  JSValue console = JS_NewObject(ctx);
  int rc = JS_IsException(console) ? -1 : 0;
  for (size_t i = 0; rc == 0 && i < sizeof console_levels / sizeof console_levels[0]; i++) {
    JSValue fn = JS_NewCFunctionData2(ctx, console_log, console_levels[i].name, 1, console_levels[i].level, 1,
                                      &builtins);
    int flags = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE;
    if (JS_DefinePropertyValueStr(ctx, console, console_levels[i].name, fn, flags) < 0) rc = -1;
  }
  JS_FreeValue(ctx, builtins);
  if (rc < 0) {
    JS_FreeValue(ctx, console);
    return -1;
  }
  return JS_SetPropertyStr(ctx, global, "console", console);
}

static int add_globals(JSContext* ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  int rc = add_console(ctx, global);
  if (rc >= 0) rc = qjs_add_text_codecs(ctx, global);
  JS_FreeValue(ctx, global);
  return rc < 0 ? -1 : 0;
}

/* A runtime with its context and globals, not yet any job's: NULL when out
 * of memory. */
static QjsHost* host_create(const QjsHostConfig* config) {
  QjsHost* host = calloc(1, sizeof *host);
  if (!host) return NULL;
  host->config = *config;
  host->ns = JS_UNDEFINED;
  host->entries = JS_UNDEFINED;
  pthread_mutex_init(&host->lock, NULL);
  host->rt = JS_NewRuntime2(&qjs_malloc_functions, &host->mem);
  if (!host->rt) goto fail;
  js_std_init_handlers(host->rt);
  JS_SetRuntimeInfo(host->rt, config->prefix);
  /* A loaded bundle holds ~330 KB, nearly all of it live: the default
   * threshold (256 KB) would run a cycle collection in the middle of every
   * job start for nothing. */
  JS_SetGCThreshold(host->rt, GC_THRESHOLD_BYTES);
  if (JS_ReserveAtoms(host->rt, ATOMS_RESERVED) < 0) goto fail;
  JS_SetInterruptHandler(host->rt, interrupt_handler, host);
  JS_SetModuleLoaderFunc2(host->rt, normalize_module, load_module, NULL, host);
  host->ctx = JS_NewContext(host->rt);
  if (!host->ctx) goto fail;
  JS_SetContextOpaque(host->ctx, host);
  if (add_globals(host->ctx) < 0) goto fail;
  if (config->state_new && !(host->state = config->state_new(host->ctx))) goto fail;
  return host;
fail:
  qjs_host_free(host);
  return NULL;
}

/* A fresh runtime made when a job that used the plugin ends, and taken by
 * the next job instead of making its own: creating the context is about a
 * third of a job start.  Each is given to one job only, and a daemon keeps
 * at most one, and only once a job has used the plugin. */
static struct {
  pthread_mutex_t lock;
  QjsHost* host;
} spare = {.lock = PTHREAD_MUTEX_INITIALIZER};

__attribute__((destructor)) static void free_spare(void) {
  qjs_host_free(spare.host);
  spare.host = NULL;
}

static QjsHost* take_spare(const QjsHostConfig* config) {
  pthread_mutex_lock(&spare.lock);
  QjsHost* host = spare.host;
  if (host && host->config.modules == config->modules && host->config.prefix == config->prefix)
    spare.host = NULL;
  else
    host = NULL;
  pthread_mutex_unlock(&spare.lock);
  return host;
}

/* Loads and evaluates the named native modules in a runtime no job has
 * yet: an import of them by the next job's bundle finds them done. */
static int load_ahead(QjsHost* host, const char* const* names, int count) {
  if (count == 0) return 0;
  char src[512];
  size_t used = 0;
  for (int i = 0; i < count; i++) {
    int n = snprintf(src + used, sizeof src - used, "import \"%s\";\n", names[i]);
    if (n < 0 || (size_t)n >= sizeof src - used) return -1;
    used += (size_t)n;
  }
  JS_UpdateStackTop(host->rt);
  JSValue promise = JS_Eval(host->ctx, src, used, "<ahead>", JS_EVAL_TYPE_MODULE);
  JSContext* job_ctx;
  while (JS_ExecutePendingJob(host->rt, &job_ctx) > 0) {
  }
  int rc = !JS_IsException(promise) && JS_PromiseState(host->ctx, promise) == JS_PROMISE_FULFILLED ? 0 : -1;
  JS_FreeValue(host->ctx, promise);
  if (rc < 0) {
    JS_FreeValue(host->ctx, JS_GetException(host->ctx));
    return -1;
  }
  /* Their job will not load them again: the spare after it needs them too. */
  memcpy(host->imported, names, (size_t)count * sizeof *names);
  host->imported_count = count;
  return 0;
}

static void make_spare(const QjsHostConfig* config, const char* const* imported, int count) {
  pthread_mutex_lock(&spare.lock);
  bool wanted = spare.host == NULL;
  pthread_mutex_unlock(&spare.lock);
  if (!wanted) return;
  QjsHost* host = host_create(config);
  if (host && load_ahead(host, imported, count) < 0) {
    qjs_host_free(host);
    host = NULL;
  }
  pthread_mutex_lock(&spare.lock);
  if (!spare.host) {
    spare.host = host;
    host = NULL;
  }
  pthread_mutex_unlock(&spare.lock);
  qjs_host_free(host);
}

QjsHost* qjs_host_new(const QjsHostConfig* config, void* opaque) {
  QjsHost* host = take_spare(config);
  if (!host) host = host_create(config);
  if (!host) {
    config->job_message(opaque, HOST_M_FATAL, "cannot create a JavaScript runtime (out of memory)");
    return NULL;
  }
  host->config = *config;
  host->opaque = opaque;
  host->mem.limit = config->memory_limit;
  host->mem.daemon_limit = config->daemon_memory_limit;
  for (int i = 0; i < host->imported_count; i++)
    qjs_host_debug(host, 200, "runtime made ahead with %s loaded", host->imported[i]);
  return host;
}

void qjs_host_release(QjsHost* host) {
  if (!host) return;
  QjsHostConfig config = host->config;
  const char* imported[sizeof host->imported / sizeof host->imported[0]];
  int count = host->imported_count;
  memcpy(imported, host->imported, sizeof imported);
  qjs_host_free(host);
  make_spare(&config, imported, count);
}

void qjs_host_free(QjsHost* host) {
  if (!host) return;
  if (host->ctx) {
    if (host->state) host->config.state_free(host->ctx, host->state);
    for (int i = 0; i < host->atom_count; i++) JS_FreeAtom(host->ctx, host->atoms[i].atom);
    for (int i = 0; i < host->layout_count; i++) qjs_layout_free(host->ctx, &host->layouts[i].layout);
    JS_FreeValue(host->ctx, host->entries);
    JS_FreeValue(host->ctx, host->ns);
    JS_FreeContext(host->ctx);
  }
  if (host->rt) {
    size_t used = host->mem.used;
    js_std_free_handlers(host->rt);
    JS_FreeRuntime(host->rt);
    /* A job that used a lot of memory gives it back to the system, so a
     * long-running daemon does not keep the peak of its largest job. */
    if (used > TRIM_AFTER_BYTES) malloc_trim(0);
  }
  source_map_free(host->source_map);
  free(host->bundle);
  free(host->map_path);
  pthread_mutex_destroy(&host->lock);
  free(host);
}

JSContext* qjs_host_context(QjsHost* host) { return host->ctx; }
QjsHost* qjs_host_from(JSContext* ctx) { return JS_GetContextOpaque(ctx); }
void* qjs_host_opaque(JSContext* ctx) { return qjs_host_from(ctx)->opaque; }
void* qjs_host_state(JSContext* ctx) { return qjs_host_from(ctx)->state; }
bool qjs_host_loaded(QjsHost* host) { return !JS_IsUndefined(host->ns); }

/* QuickJS measures its stack from the thread that calls it; daemons call
 * from many threads with stacks of their own size. */
static void fit_stack_limit(JSRuntime* rt) {
  static _Thread_local uintptr_t stack_low;
  if (!stack_low) {
    pthread_attr_t attr;
    void* addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &size);
      pthread_attr_destroy(&attr);
    }
    stack_low = (uintptr_t)addr;
  }
  char here;
  uintptr_t sp = (uintptr_t)&here;
  size_t room = stack_low && sp > stack_low ? sp - stack_low : 0;
  JS_UpdateStackTop(rt);
  JS_SetMaxStackSize(rt, room > 2 * STACK_RESERVE ? room - STACK_RESERVE
                                                  : room / 2);
}

void qjs_host_enter(QjsHost* host) {
  pthread_mutex_lock(&host->lock);
  fit_stack_limit(host->rt);
  host->timed_out = false;
  host->deadline.tv_sec = 0;
  qjs_memory_clear(&host->mem);
  unsigned budget = host->config.timeout_s;
  host->started_canceled = atomic_load(&host->canceled);
  if (host->started_canceled && (!budget || budget > CANCEL_GRACE_S)) budget = CANCEL_GRACE_S;
  if (budget) {
    clock_gettime(CLOCK_MONOTONIC, &host->deadline);
    host->deadline.tv_sec += budget;
  }
}

void qjs_host_leave(QjsHost* host) { pthread_mutex_unlock(&host->lock); }

void qjs_host_cancel(QjsHost* host) { atomic_store(&host->canceled, true); }

bool qjs_host_should_stop(QjsHost* host) {
  return atomic_load(&host->canceled) || deadline_passed(&host->deadline);
}

bool qjs_host_take_cancel(QjsHost* host) {
  if (!atomic_load(&host->canceled)) return false;
  return !atomic_exchange(&host->cancel_reported, true);
}

/* How many I/O handlers the script has set through qjs:os. */
static int64_t io_handlers(JSContext* ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue symbol_for = JS_Eval(ctx, "Symbol.for('qjs.ioHandlers')", 28, "<host>", 0);
  int64_t count = 0;
  if (!JS_IsException(symbol_for)) {
    JSAtom key = JS_ValueToAtom(ctx, symbol_for);
    JSValue v = JS_GetProperty(ctx, global, key);
    if (JS_IsNumber(v)) JS_ToInt64(ctx, &count, v);
    JS_FreeValue(ctx, v);
    JS_FreeAtom(ctx, key);
  } else {
    JS_FreeValue(ctx, JS_GetException(ctx));
  }
  JS_FreeValue(ctx, symbol_for);
  JS_FreeValue(ctx, global);
  return count;
}

/* Runs microtasks, timers and I/O handlers until `promise` settles.  Takes
 * ownership of promise; returns its value or JS_EXCEPTION. */
static JSValue await_promise(QjsHost* host, JSValue promise) {
  JSContext* ctx = host->ctx;
  for (;;) {
    JSContext* job_ctx;
    int err;
    while ((err = JS_ExecutePendingJob(host->rt, &job_ctx)) > 0) {}
    if (err < 0) {
      JS_FreeValue(ctx, promise);
      return JS_EXCEPTION;
    }
    switch (JS_PromiseState(ctx, promise)) {
      case JS_PROMISE_FULFILLED: {
        JSValue v = JS_PromiseResult(ctx, promise);
        JS_FreeValue(ctx, promise);
        return v;
      }
      case JS_PROMISE_REJECTED: {
        JSValue reason = JS_PromiseResult(ctx, promise);
        JS_FreeValue(ctx, promise);
        return JS_Throw(ctx, reason);
      }
      case JS_PROMISE_PENDING:
        break;
      default:
        return promise; /* not a promise */
    }
    int next = js_std_loop_once(ctx);
    if (next == -2) {
      JS_FreeValue(ctx, promise);
      return JS_EXCEPTION;
    }
    if (next == 0) continue;
    if (next == -1 && io_handlers(ctx) == 0) {
      /* No job, no timer, no I/O handler: nothing can settle it any more. */
      JS_FreeValue(ctx, promise);
      return JS_ThrowInternalError(ctx, "a promise that can never settle was awaited "
                                        "(nothing left to run: no pending job, timer or I/O handler)");
    }
    /* Nothing runnable: wait for I/O handlers or the next timer, in slices
     * so that cancel and timeouts are seen. */
    if (interrupt_handler(host->rt, host)) {
      JS_FreeValue(ctx, promise);
      JSValue interrupted = JS_NewError(ctx);
      JS_SetPropertyStr(ctx, interrupted, "message", JS_NewString(ctx, "interrupted"));
      JS_SetUncatchableError(ctx, interrupted);
      return JS_Throw(ctx, interrupted);
    }
    int slice = next > 0 && next < POLL_SLICE_MS ? next : POLL_SLICE_MS;
    if (js_std_poll_io(ctx, slice) == -2) {
      JS_FreeValue(ctx, promise);
      return JS_EXCEPTION;
    }
  }
}

static JSValue settle(QjsHost* host, JSValue v) {
  if (JS_IsException(v) || !JS_IsPromise(v)) return v;
  return await_promise(host, v);
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
  JSValue result = settle(host, JS_EvalFunction(ctx, fn));
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

JSAtom qjs_host_atom(QjsHost* host, const char* name) {
  for (int i = 0; i < host->atom_count; i++)
    if (host->atoms[i].name == name) return JS_DupAtom(host->ctx, host->atoms[i].atom);
  JSAtom atom = JS_NewAtom(host->ctx, name);
  int n = host->atom_count;
  if (atom != JS_ATOM_NULL && n < (int)(sizeof host->atoms / sizeof host->atoms[0])) {
    host->atoms[n].name = name;
    host->atoms[n].atom = JS_DupAtom(host->ctx, atom);
    host->atom_count++;
  }
  return atom;
}

QjsLayout* qjs_host_layout(QjsHost* host, const char* const* names, uint32_t count) {
  for (int i = 0; i < host->layout_count; i++)
    if (host->layouts[i].names == names) return &host->layouts[i].layout;
  if (host->layout_count == (int)(sizeof host->layouts / sizeof host->layouts[0]) || count > 32) {
    JS_ThrowInternalError(host->ctx, "no room for another object layout");
    return NULL;
  }
  JSAtom atoms[32];
  uint32_t made = 0;
  while (made < count && (atoms[made] = JS_NewAtom(host->ctx, names[made])) != JS_ATOM_NULL) made++;
  JSValue plain = JS_NewObject(host->ctx);
  JSValue proto = JS_GetPrototype(host->ctx, plain); /* Object.prototype */
  JS_FreeValue(host->ctx, plain);
  QjsLayout* layout = &host->layouts[host->layout_count].layout;
  int rc = made == count && !JS_IsException(proto) ? qjs_layout_init(host->ctx, layout, proto, atoms, count) : -1;
  JS_FreeValue(host->ctx, proto);
  for (uint32_t i = 0; i < made; i++) JS_FreeAtom(host->ctx, atoms[i]);
  if (rc < 0) {
    qjs_layout_free(host->ctx, layout);
    return NULL;
  }
  host->layouts[host->layout_count++].names = names;
  return layout;
}

static JSValue entry_function(QjsHost* host, const char* name) {
  JSAtom atom = qjs_host_atom(host, name);
  if (atom == JS_ATOM_NULL) return JS_EXCEPTION;
  JSValue fn = JS_GetProperty(host->ctx, host->entries, atom);
  JS_FreeAtom(host->ctx, atom);
  return fn;
}

bool qjs_host_exports(QjsHost* host, const char* name) {
  JSValue fn = entry_function(host, name);
  bool found = JS_IsFunction(host->ctx, fn);
  JS_FreeValue(host->ctx, fn);
  return found;
}

JSValue qjs_host_call(QjsHost* host, const char* name, int argc,
                      JSValueConst* argv) {
  JSContext* ctx = host->ctx;
  JSValue fn = entry_function(host, name);
  if (JS_IsException(fn)) return fn;
  if (!JS_IsFunction(ctx, fn)) {
    JS_FreeValue(ctx, fn);
    return JS_UNINITIALIZED;
  }
  JSValue v = JS_Call(ctx, fn, host->entries, argc, argv);
  JS_FreeValue(ctx, fn);
  return settle(host, v);
}

/* "Error: text\n    at f (file:1:2)\n..." for errors, the string value of
 * anything else a script throws; names in them as the bytes they stand for. */
static char* describe_exception(JSContext* ctx, JSValueConst exc) {
  size_t len;
  char* text = qjs_to_bytes(ctx, exc, &len);
  if (!text) JS_FreeValue(ctx, JS_GetException(ctx));
  char* stack = NULL;
  JSValue stack_val = JS_UNDEFINED;
  if (JS_IsError(exc)) {
    stack_val = JS_GetPropertyStr(ctx, exc, "stack");
    if (JS_IsString(stack_val) && !(stack = qjs_to_bytes(ctx, stack_val, &len)))
      JS_FreeValue(ctx, JS_GetException(ctx));
  }
  const char* t = text ? text : "(exception without a description)";
  len = strlen(t) + (stack ? strlen(stack) + 1 : 0) + 1;
  char* out = malloc(len);
  if (out) snprintf(out, len, "%s%s%s", t, stack ? "\n" : "", stack ? stack : "");
  if (stack) {
    size_t n = strlen(out);
    while (n && out[n - 1] == '\n') out[--n] = 0;
  }
  free(stack);
  JS_FreeValue(ctx, stack_val);
  free(text);
  return out;
}

/* Whatever a script threw after memory was refused (at a limit the engine
 * may not even manage to make its "out of memory" error and throws null),
 * the refusal is the cause: false when there was none. */
static bool report_out_of_memory(QjsHost* host, const char* where) {
  const QjsMemory* m = &host->mem;
  char limit[32], used[32], all[32];
  qjs_format_size(m->limit, limit, sizeof limit);
  qjs_format_size(m->used, used, sizeof used);
  switch (m->failure) {
    case QJS_MEM_LIMIT:
      qjs_host_message(host, HOST_M_FATAL, "%s failed: out of memory: the script reached memory_limit (%s)",
                       where, limit);
      return true;
    case QJS_MEM_DAEMON:
      qjs_host_message(host, HOST_M_FATAL,
                       "%s failed: out of memory: the JavaScript of all jobs of this daemon reached "
                       "daemon_memory_limit (%s; this job held %s)", where,
                       qjs_format_size(m->daemon_limit, all, sizeof all), used);
      return true;
    case QJS_MEM_SYSTEM:
      qjs_host_message(host, HOST_M_FATAL,
                       "%s failed: out of memory: the system refused %zu bytes while the script held "
                       "%s of its memory_limit (%s)", where, m->refused, used, limit);
      return true;
    default:
      return false;
  }
}

void qjs_host_report_exception(QjsHost* host, const char* where) {
  JSContext* ctx = host->ctx;
  JSValue exc = JS_GetException(ctx);
  /* Only the interrupt handler raises uncatchable errors. */
  bool interrupted = JS_IsUncatchableError(exc);
  if (interrupted && atomic_load(&host->canceled)) {
    qjs_host_message(host, HOST_M_INFO, "%s: interrupted by job cancel", where);
  } else if (interrupted && host->timed_out) {
    qjs_host_message(host, HOST_M_FATAL,
                     "%s: interrupted after the call timeout of %u s",
                     where, host->config.timeout_s);
  } else {
    if (report_out_of_memory(host, where)) {
      JS_FreeValue(ctx, exc);
      return;
    }
    char* text = describe_exception(ctx, exc);
    char* mapped = text ? map_positions(host, text) : NULL;
    if (mapped) {
      free(text);
      text = mapped;
    }
    qjs_host_message(host, HOST_M_FATAL, "%s failed: %s", where,
                     text ? text : "out of memory");
    free(text);
  }
  JS_FreeValue(ctx, exc);
}
