/* The runtime glue every daemon plugin shares: one QuickJS runtime and
 * context per plugin instance, its limits, module loading, calls into the
 * script's exported entry points and the formatting of script errors. */
#ifndef QJS_HOST_H
#define QJS_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "quickjs.h"

/* Job message types the host raises itself (the daemons' M_* values). */
enum { HOST_M_FATAL = 3, HOST_M_ERROR = 4, HOST_M_WARNING = 5, HOST_M_INFO = 6 };

typedef JSModuleDef* QjsModuleInit(JSContext* ctx, const char* name);

typedef struct QjsNativeModule {
  const char* name;
  QjsModuleInit* init;
  /* Its init and definition need no job (only the runtime's state), so a
   * spare runtime may load it ahead of the job that will import it. */
  bool ahead;
} QjsNativeModule;

typedef struct QjsHostConfig {
  const char* prefix;                   /* "quickjs-fd: ", for every message */
  const QjsNativeModule* modules;       /* the daemon's own, NULL-terminated */
  void (*job_message)(void* opaque, int type, const char* text);
  void (*debug_message)(void* opaque, int level, const char* text);
  size_t memory_limit;                  /* bytes, 0 = unlimited */
  size_t daemon_memory_limit;           /* all runtimes together, bytes, 0 = unlimited */
  unsigned timeout_s;                   /* per entry-point call, 0 = none */
  /* The daemon modules' own state in each runtime (packet classes and the
   * like), made with the runtime and freed with it; qjs_host_state()
   * finds it.  Both may be NULL. */
  void* (*state_new)(JSContext* ctx);
  void (*state_free)(JSContext* ctx, void* state);
} QjsHostConfig;

typedef struct QjsHost QjsHost;
struct stat;

/* NULL if the runtime cannot be created (reported as a job message). */
QjsHost* qjs_host_new(const QjsHostConfig* config, void* opaque);
void qjs_host_free(QjsHost* host);
/* Frees the job's runtime and makes a fresh one ready for the next job
 * (qjs_host_new takes it), with the native modules this job imported
 * already loaded: a job start then skips creating the context and them. */
void qjs_host_release(QjsHost* host);

JSContext* qjs_host_context(QjsHost* host);
/* The daemon's opaque pointer, for native module functions. */
void* qjs_host_opaque(JSContext* ctx);
/* The daemon modules' state in this runtime (QjsHostConfig.state_new). */
void* qjs_host_state(JSContext* ctx);
QjsHost* qjs_host_from(JSContext* ctx);

/* Loads and evaluates the ES module at path (awaiting top-level await),
 * whose status the caller found to be st.  On failure reports an M_FATAL
 * job message and returns -1. */
int qjs_host_load(QjsHost* host, const char* path, const struct stat* st);
bool qjs_host_loaded(QjsHost* host);

/* Every use of the runtime from a daemon thread is bracketed by enter/leave:
 * it serialises threads, moves the stack limit to the calling thread and
 * arms the per-call timeout. */
void qjs_host_enter(QjsHost* host);
void qjs_host_leave(QjsHost* host);

/* Interrupts the call running now, if any.  Safe from any thread, never
 * touches the runtime. */
void qjs_host_cancel(QjsHost* host);
/* True when the job was canceled or the current call ran out of time: for
 * native functions that block (reads from pipes) and must give up. */
bool qjs_host_should_stop(QjsHost* host);
/* True once and only once after a cancel arrived; lets the daemon tell the
 * script about it on the job's own thread. */
bool qjs_host_take_cancel(QjsHost* host);

/* Calls the exported function `name` (must be inside enter/leave).  Returns
 * its settled value (promises are awaited), JS_EXCEPTION with the exception
 * pending, or JS_UNINITIALIZED when the module does not export it. */
JSValue qjs_host_call(QjsHost* host, const char* name, int argc,
                      JSValueConst* argv);

/* A new reference to the atom for name, a string constant: the host caches
 * the atoms of names used for every file so they are hashed once per job. */
JSAtom qjs_host_atom(QjsHost* host, const char* name);

/* The layout (see layout.h) of plain objects with the members
 * names[0..count), for native functions that make such objects on every
 * file; kept for the job, keyed by the caller's constant array.  NULL with
 * an exception pending. */
QjsLayout* qjs_host_layout(QjsHost* host, const char* const* names, uint32_t count);

/* Whether the module exports the entry point `name`. */
bool qjs_host_exports(QjsHost* host, const char* name);

/* Reports the pending exception as an M_FATAL job message naming `where`. */
void qjs_host_report_exception(QjsHost* host, const char* where);

/* Printf-style job and debug messages with the host's prefix. */
void qjs_host_message(QjsHost* host, int type, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
void qjs_host_debug(QjsHost* host, int level, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Byte strings (file names) <-> JS strings, losslessly: bytes that are not
 * valid UTF-8 become lone surrogates U+DC80..U+DCFF and back. */
JSValue qjs_new_bytes_string(JSContext* ctx, const char* bytes, size_t len);
/* malloc()ed, NUL-terminated; NULL with a pending exception on failure
 * (including strings with an embedded NUL). */
char* qjs_to_bytes_string(JSContext* ctx, JSValueConst val, size_t* len);
/* The same for data, which may hold NULs: *len bytes (plus a NUL after them). */
char* qjs_to_bytes(JSContext* ctx, JSValueConst val, size_t* len);
/* The bytes of the len bytes at s, which QuickJS made of a string (lone
 * surrogates as 3-byte sequences), written to out (may be s): their count. */
size_t qjs_bytes_from_wtf8(char* out, const char* s, size_t len);

/* Engine-provided modules: qjs:std, qjs:os (without what would harm the
 * daemon) and bareos:os. */
extern const QjsNativeModule qjs_engine_modules[];
JSModuleDef* qjs_init_bareos_os(JSContext* ctx, const char* name);
/* Globals TextEncoder and TextDecoder (UTF-8). */
int qjs_add_text_codecs(JSContext* ctx, JSValueConst global);

#endif
