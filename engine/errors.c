/* Script errors as job messages, in the words a job log reader needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes_string.h"
#include "errors.h"
#include "host_internal.h"

char* qjs_map_positions(QjsHost* host, const char* text) {
  if (!host->bundle || !strstr(text, host->bundle)) return NULL;
  if (!host->source_map_tried && host->map_path) {
    host->source_map_tried = true;
    host->source_map = source_map_load(host->ctx, host->map_path);
  }
  return host->source_map ? source_map_rewrite(host->source_map, host->bundle, text) : NULL;
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
                     where, host->limits.timeout_s);
  } else {
    if (report_out_of_memory(host, where)) {
      JS_FreeValue(ctx, exc);
      return;
    }
    char* text = describe_exception(ctx, exc);
    char* mapped = text ? qjs_map_positions(host, text) : NULL;
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
