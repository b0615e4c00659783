/* The runtime's life and the gate to it.  One QuickJS runtime per plugin
 * instance, used by one daemon thread at a time.  Cancel arrives on
 * another thread and only flips atomics that the interrupt handler reads,
 * so the runtime is never touched concurrently. */
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_internal.h"
#include "native_modules.h"
#include "quickjs-libc.h"

/* Room kept below QuickJS' stack limit for native code called from JS
 * (libc, our bindings) so deep recursion ends in a RangeError, not SIGSEGV. */
#define STACK_RESERVE (48 * 1024)
#define TRIM_AFTER_BYTES (8 << 20)
#define GC_THRESHOLD_BYTES (1 << 20)
/* A context with the daemon's modules holds ~940 atoms and a bundle adds
 * a few hundred: sized for that, the atom hash is neither rehashed (every
 * atom touched) in the middle of a job start nor walked in long chains. */
#define ATOMS_RESERVED 2048
/* After a cancel, each further call (closing files, end-of-job events) gets
 * this long before it is interrupted too. */
#define CANCEL_GRACE_S 5

static bool deadline_passed(const struct timespec* deadline) {
  if (deadline->tv_sec == 0) return false;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec > deadline->tv_sec ||
         (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

bool qjs_host_interrupted(QjsHost* host) {
  if (!host->started_canceled && atomic_load(&host->canceled)) return true;
  if (deadline_passed(&host->deadline)) {
    host->timed_out = true;
    return true;
  }
  return false;
}

static int interrupt_handler(JSRuntime* rt, void* opaque) {
  (void)rt;
  return qjs_host_interrupted(opaque);
}

/* prefix + text + a newline to sink: the daemons print messages as they
 * get them, and a line without its newline runs into the next one. */
static void send_line(QjsHost* host, void (*sink)(void*, int, const char*), int type,
                      const char* fmt, va_list ap) {
  char text[4096];
  int n = snprintf(text, sizeof text, "%s", host->desc.prefix);
  vsnprintf(text + n, sizeof text - (size_t)n - 1, fmt, ap);
  size_t len = strlen(text);
  if (len == 0 || text[len - 1] != '\n') strcpy(text + len, "\n");
  sink(host->opaque, type, text);
}

void qjs_host_message(QjsHost* host, int type, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  send_line(host, host->desc.job_message, type, fmt, ap);
  va_end(ap);
}

void qjs_host_debug(QjsHost* host, int level, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  send_line(host, host->desc.debug_message, level, fmt, ap);
  va_end(ap);
}

QjsHost* qjs_host_create(const QjsHostDesc* desc) {
  QjsHost* host = calloc(1, sizeof *host);
  if (!host) return NULL;
  host->desc = *desc;
  host->ns = JS_UNDEFINED;
  host->entries = JS_UNDEFINED;
  pthread_mutex_init(&host->lock, NULL);
  host->rt = JS_NewRuntime2(&qjs_malloc_functions, &host->mem);
  if (!host->rt) goto fail;
  js_std_init_handlers(host->rt);
  JS_SetRuntimeInfo(host->rt, desc->prefix);
  /* A loaded bundle holds ~330 KB, nearly all of it live: the default
   * threshold (256 KB) would run a cycle collection in the middle of every
   * job start for nothing. */
  JS_SetGCThreshold(host->rt, GC_THRESHOLD_BYTES);
  if (JS_ReserveAtoms(host->rt, ATOMS_RESERVED) < 0) goto fail;
  JS_SetInterruptHandler(host->rt, interrupt_handler, host);
  qjs_modules_install(host);
  host->ctx = JS_NewContext(host->rt);
  if (!host->ctx) goto fail;
  JS_SetContextOpaque(host->ctx, host);
  if (qjs_add_globals(host->ctx) < 0) goto fail;
  if (desc->state_new && !(host->state = desc->state_new(host->ctx))) goto fail;
  return host;
fail:
  qjs_host_free(host);
  return NULL;
}

void qjs_host_free(QjsHost* host) {
  if (!host) return;
  if (host->ctx) {
    if (host->state) host->desc.state_free(host->ctx, host->state);
    qjs_cache_free(host);
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
  unsigned budget = host->limits.timeout_s;
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
