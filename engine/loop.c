/* The promise and I/O loop: microtasks, timers and I/O handlers run until
 * the promise an entry point returned settles, in slices short enough for
 * cancel and timeouts to be seen. */
#include "host_internal.h"
#include "loop.h"
#include "quickjs-libc.h"

#define POLL_SLICE_MS 50

static JSValue interrupted(JSContext* ctx) {
  JSValue error = JS_NewError(ctx);
  JS_SetPropertyStr(ctx, error, "message", JS_NewString(ctx, "interrupted"));
  JS_SetUncatchableError(ctx, error);
  return JS_Throw(ctx, error);
}

/* Takes ownership of promise; returns its value or JS_EXCEPTION. */
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
    if (next == -1 && host->io_handlers == 0) {
      /* No job, no timer, no I/O handler: nothing can settle it any more. */
      JS_FreeValue(ctx, promise);
      return JS_ThrowInternalError(ctx, "a promise that can never settle was awaited "
                                        "(nothing left to run: no pending job, timer or I/O handler)");
    }
    /* Nothing runnable: wait for I/O handlers or the next timer. */
    if (qjs_host_interrupted(host)) {
      JS_FreeValue(ctx, promise);
      return interrupted(ctx);
    }
    int slice = next > 0 && next < POLL_SLICE_MS ? next : POLL_SLICE_MS;
    if (js_std_poll_io(ctx, slice) == -2) {
      JS_FreeValue(ctx, promise);
      return JS_EXCEPTION;
    }
  }
}

JSValue qjs_host_settle(QjsHost* host, JSValue v) {
  if (JS_IsException(v) || !JS_IsPromise(v)) return v;
  return await_promise(host, v);
}

static JSValue set_io_handler_count(JSContext* ctx, JSValueConst this_val, int argc,
                                    JSValueConst* argv) {
  (void)this_val, (void)argc;
  int count;
  if (JS_ToInt32(ctx, &count, argv[0])) return JS_EXCEPTION;
  qjs_host_from(ctx)->io_handlers = count;
  return JS_UNDEFINED;
}

static const JSCFunctionListEntry loop_funcs[] = {
    JS_CFUNC_DEF("setIoHandlerCount", 1, set_io_handler_count),
};

static int loop_define(JSContext* ctx, JSModuleDef* m) {
  return JS_SetModuleExportList(ctx, m, loop_funcs, 1);
}

JSModuleDef* qjs_init_loop_module(JSContext* ctx, const char* name) {
  JSModuleDef* m = JS_NewCModule(ctx, name, loop_define);
  if (!m || JS_AddModuleExportList(ctx, m, loop_funcs, 1) < 0) return NULL;
  return m;
}
