/* The file daemon's per-job state: the shared Instance and what only the
 * file daemon keeps (level, since time, the current file's names). */
#ifndef FD_JOB_H
#define FD_JOB_H

#include <stdint.h>

#include "../common/instance.h"
#include "../common/packet.h"
#include "fd_abi.h"

typedef struct FdJob {
  Instance inst;          /* first: the shared code makes and frees the job */
  char level;             /* from bEventLevel: 'F', 'I', 'D', ... */
  int64_t since;          /* plugin-local since time */
  PacketArena file_arena; /* fname/link/object of the current backup file */
} FdJob;

static inline CoreFunctions* fd_core(void) { return (CoreFunctions*)daemon_core; }
static inline FdJob* fd_job_of(JSContext* ctx) { return (FdJob*)instance_of(ctx); }

#endif
