/* The spare runtime: a fresh runtime made when a job that used the plugin
 * ends, and taken by the next job instead of making its own: creating the
 * context is about a third of a job start.  Each is given to one job only,
 * and a daemon keeps at most one, and only once a job has used the plugin. */
#include <stdio.h>
#include <string.h>

#include "host_internal.h"
#include "spare.h"

static struct {
  pthread_mutex_t lock;
  QjsHost* host;
} spare = {.lock = PTHREAD_MUTEX_INITIALIZER};

__attribute__((destructor)) static void free_spare(void) {
  qjs_host_free(spare.host);
  spare.host = NULL;
}

static QjsHost* take_spare(const QjsHostDesc* desc) {
  pthread_mutex_lock(&spare.lock);
  QjsHost* host = spare.host;
  if (host && host->desc.modules == desc->modules && host->desc.prefix == desc->prefix)
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

static void make_spare(const QjsHostDesc* desc, const char* const* imported, int count) {
  pthread_mutex_lock(&spare.lock);
  bool wanted = spare.host == NULL;
  pthread_mutex_unlock(&spare.lock);
  if (!wanted) return;
  QjsHost* host = qjs_host_create(desc);
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

QjsHost* qjs_host_new(const QjsHostDesc* desc, const QjsLimits* limits, void* opaque) {
  QjsHost* host = take_spare(desc);
  if (!host) host = qjs_host_create(desc);
  if (!host) {
    desc->job_message(opaque, HOST_M_FATAL, "cannot create a JavaScript runtime (out of memory)");
    return NULL;
  }
  host->desc = *desc;
  host->limits = *limits;
  host->opaque = opaque;
  host->mem.limit = limits->memory;
  host->mem.daemon_limit = limits->daemon_memory;
  for (int i = 0; i < host->imported_count; i++)
    qjs_host_debug(host, 200, "runtime made ahead with %s loaded", host->imported[i]);
  return host;
}

void qjs_host_release(QjsHost* host) {
  if (!host) return;
  QjsHostDesc desc = host->desc;
  const char* imported[QJS_IMPORTED_MAX];
  int count = host->imported_count;
  memcpy(imported, host->imported, sizeof imported);
  qjs_host_free(host);
  make_spare(&desc, imported, count);
}
