/* Getting a runtime for an instance and giving it back: a runtime made
 * when one job ends waits, ready, for the next job of the same daemon. */
#ifndef QJS_SPARE_H
#define QJS_SPARE_H

#include "runtime.h"

/* The spare runtime if it was made for desc, else a new one; NULL if none
 * can be created (reported as a job message).  desc is copied. */
QjsHost* qjs_host_new(const QjsHostDesc* desc, const QjsLimits* limits, void* opaque);
/* Frees the job's runtime and makes a fresh one ready for the next job,
 * with the native modules this job imported already loaded: a job start
 * then skips creating the context and them. */
void qjs_host_release(QjsHost* host);

#endif
