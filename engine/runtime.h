/* One QuickJS runtime and context per plugin instance: what the daemon
 * side describes once (QjsHostDesc), the limits of one instance, and the
 * gate every daemon thread passes to use the runtime. */
#ifndef QJS_RUNTIME_H
#define QJS_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>

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

/* What a daemon's bindings tell the host, the same for every instance. */
typedef struct QjsHostDesc {
  const char* prefix;             /* "quickjs-fd: ", for every message */
  const QjsNativeModule* modules; /* the daemon's own, NULL-terminated */
  /* opaque is the one given to qjs_host_new. */
  void (*job_message)(void* opaque, int type, const char* text);
  void (*debug_message)(void* opaque, int level, const char* text);
  /* The daemon modules' own state in each runtime (packet classes and the
   * like), made with the runtime and freed with it; qjs_host_state()
   * finds it.  Both may be NULL. */
  void* (*state_new)(JSContext* ctx);
  void (*state_free)(JSContext* ctx, void* state);
} QjsHostDesc;

/* One instance's limits, from its plugin definition. */
typedef struct QjsLimits {
  size_t memory;        /* bytes, 0 = unlimited */
  size_t daemon_memory; /* all runtimes together, bytes, 0 = unlimited */
  unsigned timeout_s;   /* per entry-point call, 0 = none */
} QjsLimits;

typedef struct QjsHost QjsHost;

void qjs_host_free(QjsHost* host);

JSContext* qjs_host_context(QjsHost* host);
QjsHost* qjs_host_from(JSContext* ctx);
/* The daemon's opaque pointer, for native module functions. */
void* qjs_host_opaque(JSContext* ctx);
/* The daemon modules' state in this runtime (QjsHostDesc.state_new). */
void* qjs_host_state(JSContext* ctx);

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

/* Printf-style job and debug messages with the host's prefix. */
void qjs_host_message(QjsHost* host, int type, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
void qjs_host_debug(QjsHost* host, int level, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
