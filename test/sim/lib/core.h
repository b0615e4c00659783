/* Pieces of the CoreFunctions every simulated daemon hands its plugins. */
#ifndef SIM_LIB_CORE_H
#define SIM_LIB_CORE_H

#include <stdarg.h>

#include "common/bareos_abi.h"

/* registerBareosEvents and unregisterBareosEvents are two variadic entry
 * points that differ only in on/off: this defines one of them over the
 * daemon's set(ctx, on, nr, ap). */
#define CORE_EVENTS_ENTRY(name, set, on)       \
  bRC name(PluginContext* ctx, int nr, ...) {  \
    va_list ap;                                \
    va_start(ap, nr);                          \
    bRC rc = set(ctx, on, nr, ap);             \
    va_end(ap);                                \
    return rc;                                 \
  }

/* A JobMessage without a job context: said on stderr, as the daemons log it. */
void core_message_no_job(int type, const char* fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* JobMessage, the same in every daemon: to the job job_of(ctx) finds
 * through the daemon's vmsg(job, type, fmt, ap), or without one to stderr. */
#define CORE_JOB_MESSAGE_ENTRY(name, job_of, vmsg)                                  \
  bRC name(PluginContext* ctx, const char* file, int line, int type, utime_t mtime, \
           const char* fmt, ...) {                                                  \
    (void)file, (void)line, (void)mtime;                                            \
    if (!fmt) return bRC_Error;                                                     \
    va_list ap;                                                                     \
    va_start(ap, fmt);                                                              \
    if (job_of(ctx))                                                                \
      vmsg(job_of(ctx), type, fmt, ap);                                             \
    else                                                                            \
      core_message_no_job(type, fmt, ap);                                           \
    va_end(ap);                                                                     \
    return bRC_OK;                                                                  \
  }

#endif
