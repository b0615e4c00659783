/* The accurate file list: what the previous jobs saved, and what this job has
 * seen of it so far. */
#ifndef SIM_ACCURATE_H
#define SIM_ACCURATE_H

#include "archive.h"
#include "sim.h"

typedef struct acc_entry {
  char* name;
  int32_t type;
  uint32_t delta_seq;
  struct stat st;
  bool removed; /* an FT_DELETED record of a later job */
  bool seen;
} acc_entry;

/* Load the --accurate and --prev-archive archives of a backup/estimate job:
 * accurate list, restore objects, PrevJobName and the default since time.
 * Failures are job messages (M_FATAL). */
void prev_load(sim_job* j);
void acc_free(struct accurate* a);
/* Marks that name exists; false if it is not in the list. */
bool acc_mark(struct accurate* a, const char* name, bool seen);
void acc_mark_all(struct accurate* a, bool seen);
/* Copies of the names not seen, in list order; caller frees. */
void acc_unseen(struct accurate* a, strlist* out);
bRC acc_check_changes(sim_job* j, bool check, struct save_pkt* sp);

#endif
