/* Names of the simulated daemons' own. */
#include "sim.h"

const char* const job_kind_names[] = {
    [JOB_BACKUP] = "backup", [JOB_RESTORE] = "restore", [JOB_SYSTEM] = "system"};
