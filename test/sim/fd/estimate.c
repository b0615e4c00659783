/* Estimate job (reference §2.4): the backup prelude, then per plugin item
 * EstimateCommand and a startBackupFile loop that only counts; no I/O. */
#include <sys/stat.h>

#include "sim.h"

static void estimate_item(sim_job* j, char* cmd) {
  sim_ctx* c = job_find_ctx(j, cmd);
  if (!c || !ctx_wants(c, bEventEstimateCommand)) {
    job_msg(j, M_FATAL, "Command plugin \"%s\" not found.", cmd);
    return;
  }
  if (job_event(c, bEventEstimateCommand, cmd) != bRC_OK) return;
  while (!job_stopped(j)) {
    struct save_pkt sp;
    save_pkt_init(j, &sp, cmd);
    /* Unlike a backup, every answer but bRC_OK ends the item. */
    if (call_start_backup(c, &sp) != bRC_OK || job_stopped(j)) break;
    int64_t size = S_ISREG(sp.statp.st_mode) ? sp.statp.st_size : 0;
    j->nfiles++;
    j->bytes += size;
    job_add_file(j, sp.fname ? sp.fname : sp.object_name, sp.type, size);
    j->processed++;
    if (call_end_backup(c) != bRC_More) break;
  }
}

void estimate_run(sim_job* j) {
  backup_prelude(j);
  for (size_t i = 0; i < j->o->fileset.n && !job_stopped(j); i++)
    estimate_item(j, j->o->fileset.v[i]);
}
