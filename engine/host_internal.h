/* The host's state, shared by the engine files that each handle one part
 * of it (runtime.c, spare.c, module.c, loop.c, errors.c, console.c,
 * cache.c); nothing outside engine/ includes this. */
#ifndef QJS_HOST_INTERNAL_H
#define QJS_HOST_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "layout.h"
#include "memory.h"
#include "runtime.h"
#include "source_map.h"

#define QJS_CACHE_ATOMS 64
/* Twice the atoms a runtime may cache, so that probes stay short. */
#define QJS_CACHE_ATOM_SLOTS 128
#define QJS_CACHE_LAYOUTS 4
#define QJS_IMPORTED_MAX 8

struct QjsHost {
  QjsHostDesc desc;
  QjsLimits limits;
  void* opaque;
  QjsMemory mem; /* the runtime's allocator state: before rt, after it */
  JSRuntime* rt;
  JSContext* ctx;
  void* state; /* the daemon modules' (desc.state_new) */
  /* Native modules imported, for the next job's spare: their names. */
  const char* imported[QJS_IMPORTED_MAX];
  int imported_count;
  /* The module (module.c) */
  JSValue ns;      /* the loaded module's namespace, or undefined */
  JSValue entries; /* where the entry points are: ns, or its default export */
  char* bundle;    /* the module's name in stack traces */
  char* map_path;  /* "<bundle file>.map" */
  SourceMap* source_map; /* read on the first error */
  bool source_map_tried;
  /* I/O handlers the script has set through qjs:os (loop.c). */
  int io_handlers;
  /* The cache (cache.c): atoms hashed by their name's address. */
  struct {
    const char* name;
    JSAtom atom;
  } atoms[QJS_CACHE_ATOM_SLOTS];
  int atom_count;
  struct {
    const char* const* names;
    QjsLayout layout;
  } layouts[QJS_CACHE_LAYOUTS];
  int layout_count;
  /* The gate (runtime.c).  A cancel interrupts the call it finds running
   * and is sticky: a call that starts canceled gets a short grace instead.
   * Whether the call started canceled is all the interrupt handler needs,
   * so there is no moment at which a cancel could be missed by both. */
  pthread_mutex_t lock;
  atomic_bool canceled;
  atomic_bool cancel_reported;
  bool started_canceled; /* of the current call; job thread only */
  struct timespec deadline; /* tv_sec 0 = none */
  bool timed_out;
};

/* runtime.c: a runtime with its context and globals, not yet any job's;
 * NULL when out of memory. */
QjsHost* qjs_host_create(const QjsHostDesc* desc);
/* Whether the current call must stop now (cancel or timeout): the
 * interrupt handler's answer, also for the loop's idle turns. */
bool qjs_host_interrupted(QjsHost* host);

/* module.c: installs the module loader in a new runtime. */
void qjs_modules_install(QjsHost* host);

/* errors.c: positions in the bundle within text mapped to the plugin's
 * sources: malloc()ed, or NULL when there is nothing to map or no map. */
char* qjs_map_positions(QjsHost* host, const char* text);

/* cache.c: frees what the cache holds. */
void qjs_cache_free(QjsHost* host);

#endif
