/* The promise and I/O loop: what runs while an entry point's promise is
 * pending. */
#ifndef QJS_LOOP_H
#define QJS_LOOP_H

#include "runtime.h"

/* v itself, or for a promise its settled value (running microtasks, timers
 * and I/O handlers until it settles) or JS_EXCEPTION.  Takes v. */
JSValue qjs_host_settle(QjsHost* host, JSValue v);

/* "qjs-raw:loop": setIoHandlerCount(n), by which the qjs:os wrapper tells
 * the loop how many I/O handlers are set, so that an idle turn knows
 * without asking the script whether a pending promise can still settle. */
JSModuleDef* qjs_init_loop_module(JSContext* ctx, const char* name);

#endif
