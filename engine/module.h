/* The plugin's module: loading it (from its bytecode when that was built
 * from exactly its source) and calling the entry points it exports. */
#ifndef QJS_MODULE_H
#define QJS_MODULE_H

#include <stdbool.h>

#include "runtime.h"

struct stat;

/* Loads and evaluates the ES module at path (awaiting top-level await),
 * whose status the caller found to be st.  On failure reports an M_FATAL
 * job message and returns -1. */
int qjs_host_load(QjsHost* host, const char* path, const struct stat* st);
bool qjs_host_loaded(QjsHost* host);

/* Whether the module exports the entry point `name`. */
bool qjs_host_exports(QjsHost* host, const char* name);

/* Calls fn with the name of every function the module exports as an entry
 * point (must be inside enter/leave). */
void qjs_host_each_export(QjsHost* host, void (*fn)(const char* name, void* opaque), void* opaque);

/* Calls the exported function `name` (must be inside enter/leave).  Returns
 * its settled value (promises are awaited), JS_EXCEPTION with the exception
 * pending, or JS_UNINITIALIZED when the module does not export it. */
JSValue qjs_host_call(QjsHost* host, const char* name, int argc, JSValueConst* argv);

#endif
