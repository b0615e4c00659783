/* The memory of the JavaScript runtimes, counted where it comes from the
 * system: each runtime against its job's memory_limit, all of them in the
 * daemon together against a daemon-wide limit, and every refusal kept with
 * its cause, so that a job that ran out of memory says which limit it hit
 * (or that the system refused), whatever the script was doing. */
#ifndef QJS_MEMORY_H
#define QJS_MEMORY_H

#include <stddef.h>

#include "quickjs.h"

typedef enum {
  QJS_MEM_OK,
  QJS_MEM_LIMIT,  /* the runtime's own limit */
  QJS_MEM_DAEMON, /* the limit of all runtimes of the daemon together */
  QJS_MEM_SYSTEM, /* malloc() itself failed */
} QjsMemFailure;

typedef struct {
  size_t used;           /* bytes this runtime holds from the system */
  size_t limit;          /* 0: none (a runtime made ahead, not yet a job's) */
  size_t daemon_limit;   /* 0: none */
  QjsMemFailure failure; /* the first refusal since qjs_memory_clear() */
  size_t refused;        /* the size asked for then */
} QjsMemory;

/* For JS_NewRuntime2(&qjs_malloc_functions, memory): memory must outlive
 * the runtime. */
extern const JSMallocFunctions qjs_malloc_functions;

static inline void qjs_memory_clear(QjsMemory* m) {
  m->failure = QJS_MEM_OK;
  m->refused = 0;
}

/* Bytes all runtimes of this process hold. */
size_t qjs_memory_daemon_used(void);
/* The machine's memory, or the control group's limit when that is less. */
size_t qjs_memory_available(void);

/* "64", "64M", "64MiB", "512K", "2G", "1T": MiB unless a unit is given;
 * 0 on success, -1 for anything else (no trailing garbage, no zero, no
 * overflow). */
int qjs_parse_size(const char* text, size_t* bytes);
/* "512 KiB", "64 MiB", "1.5 GiB" into buf. */
const char* qjs_format_size(size_t bytes, char* buf, size_t size);

#endif
