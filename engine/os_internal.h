/* What the files of bareos:os share: the errno error every call throws,
 * and the function lists each file adds to the module. */
#ifndef QJS_OS_INTERNAL_H
#define QJS_OS_INTERNAL_H

#include <stddef.h>

#include "quickjs.h"

/* Throws an Error for err: message "<syscall> [<path>]: <reason or
 * strerror>", code ("ENOENT"), errno, syscall and (unless undefined) path. */
JSValue qjs_os_throw(JSContext* ctx, const char* syscall, JSValueConst path, int err, const char* reason);

/* os_data.c: readFile, decode, encode. */
extern const JSCFunctionListEntry qjs_os_data_funcs[];
extern const size_t qjs_os_data_count;
/* os_process.c: getenv, environ, exec. */
extern const JSCFunctionListEntry qjs_os_process_funcs[];
extern const size_t qjs_os_process_count;

#endif
