/* Precompiled bundles: "<module>.qjsbc" next to "<module>.js", tagged with
 * the engine that wrote it and a hash of the source it was compiled from.
 * Bytecode is only ever run by the same engine build it came from. */
#ifndef QJS_BYTECODE_H
#define QJS_BYTECODE_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

struct stat;

#define QJS_BYTECODE_TAG_SIZE 64

/* The tag for bytecode compiled from src by this engine build. */
void qjs_bytecode_tag(const uint8_t* src, size_t len, char tag[QJS_BYTECODE_TAG_SIZE]);

/* Compiles the module source src (named `name` in stack traces) into a
 * .qjsbc file.  0 on success, -1 with a reason in err. */
int qjs_bytecode_write(JSContext* ctx, const uint8_t* src, size_t len, const char* name,
                       const char* out_path, char* err, size_t errlen);

/* The tag for the source file at path, whose status is st.  A file
 * unchanged since an earlier call (same identity, size and times) is not
 * read again: *src is NULL.  Otherwise *src is the source read
 * (js_malloc()ed, *len bytes) for the caller to use or free.  -1 with errno
 * set when it cannot be read. */
int qjs_source_tag(JSContext* ctx, const char* path, const struct stat* st,
                   char tag[QJS_BYTECODE_TAG_SIZE], uint8_t** src, size_t* len);

/* The compiled module from bc_path if it carries tag; JS_UNDEFINED with
 * *why set when it does not (missing, stale, another engine), JS_EXCEPTION
 * when it matched but could not be read. */
JSValue qjs_bytecode_read(JSContext* ctx, const char tag[QJS_BYTECODE_TAG_SIZE], const char* bc_path,
                          const char** why);

#endif
