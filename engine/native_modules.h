/* What the engine offers every script besides the daemon's own module:
 * qjs:std, qjs:os (without what would harm the daemon), bareos:os, and the
 * globals console, TextEncoder and TextDecoder. */
#ifndef QJS_NATIVE_MODULES_H
#define QJS_NATIVE_MODULES_H

#include "runtime.h"

/* NULL-terminated; searched after the daemon's own modules. */
extern const QjsNativeModule qjs_engine_modules[];
JSModuleDef* qjs_init_bareos_os(JSContext* ctx, const char* name);

/* console.* (to the daemon's debug output) and the text codecs. */
int qjs_add_globals(JSContext* ctx);
/* Globals TextEncoder and TextDecoder (UTF-8). */
int qjs_add_text_codecs(JSContext* ctx, JSValueConst global);

#endif
