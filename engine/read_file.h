/* A whole regular file in one read, for modules, bytecode and source maps:
 * stdio's loader reads them 4 KiB at a time, a system call each. */
#ifndef QJS_READ_FILE_H
#define QJS_READ_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

struct stat;

/* js_malloc()ed and NUL-terminated; NULL with errno set when the file
 * cannot be read or is not a regular file.  st, if not NULL, receives the
 * file's status as it was opened. */
uint8_t* qjs_read_file(JSContext* ctx, size_t* len, const char* path, struct stat* st);

#endif
