/* Byte strings (file names) <-> JS strings, losslessly: bytes that are not
 * valid UTF-8 become lone surrogates U+DC80..U+DCFF and back. */
#ifndef QJS_BYTES_STRING_H
#define QJS_BYTES_STRING_H

#include <stddef.h>

#include "quickjs.h"

JSValue qjs_new_bytes_string(JSContext* ctx, const char* bytes, size_t len);
/* malloc()ed, NUL-terminated; NULL with a pending exception on failure
 * (including strings with an embedded NUL). */
char* qjs_to_bytes_string(JSContext* ctx, JSValueConst val, size_t* len);
/* The same for data, which may hold NULs: *len bytes (plus a NUL after them). */
char* qjs_to_bytes(JSContext* ctx, JSValueConst val, size_t* len);
/* The bytes of the len bytes at s, which QuickJS made of a string (lone
 * surrogates as 3-byte sequences), written to out (may be s): their count. */
size_t qjs_bytes_from_wtf8(char* out, const char* s, size_t len);

#endif
