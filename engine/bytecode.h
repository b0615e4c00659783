/* Precompiled bundles: "<module>.qjsbc" next to "<module>.js", tagged with
 * the engine that wrote it and a hash of the source it was compiled from.
 * Bytecode is only ever run by the same engine build it came from. */
#ifndef QJS_BYTECODE_H
#define QJS_BYTECODE_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

#define QJS_BYTECODE_TAG_SIZE 64

/* The tag for bytecode compiled from src by this engine build. */
void qjs_bytecode_tag(const uint8_t* src, size_t len, char tag[QJS_BYTECODE_TAG_SIZE]);

/* Compiles the module source src (named `name` in stack traces) into a
 * .qjsbc file.  0 on success, -1 with a reason in err. */
int qjs_bytecode_write(JSContext* ctx, const uint8_t* src, size_t len, const char* name,
                       const char* out_path, char* err, size_t errlen);

/* The compiled module from bc_path if its tag matches src; JS_UNDEFINED with
 * *why set when it does not (missing, stale, another engine), JS_EXCEPTION
 * when it matched but could not be read. */
JSValue qjs_bytecode_read(JSContext* ctx, const uint8_t* src, size_t len, const char* bc_path,
                          const char** why);

#endif
