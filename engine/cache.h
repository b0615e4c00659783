/* Names and object layouts kept for the runtime's life, for native
 * functions that use them on every file: hashed once per runtime instead of
 * once per call.  Each is keyed by the caller's constant (the address of
 * its string or array), which must live as long as the program. */
#ifndef QJS_CACHE_H
#define QJS_CACHE_H

#include <stdint.h>

#include "layout.h"
#include "runtime.h"

/* The atom for name, owned by the cache (do not free it); JS_ATOM_NULL
 * with an exception pending when out of memory. */
JSAtom qjs_host_atom(QjsHost* host, const char* name);

/* The layout (see layout.h) of plain objects with the members
 * names[0..count).  NULL with an exception pending. */
QjsLayout* qjs_host_layout(QjsHost* host, const char* const* names, uint32_t count);

#endif
