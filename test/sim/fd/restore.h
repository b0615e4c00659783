/* State of a restore job shared by restore.c and create.c. */
#ifndef SIM_RESTORE_H
#define SIM_RESTORE_H

#include "archive.h"
#include "sim.h"

/* The file between its attribute record and the next stream boundary. */
typedef struct rfile {
  bool active;
  arc_attr a;
  uint32_t fi;
  char *ofname, *olname;
  int status;       /* CF_SKIP, CF_ERROR, CF_CREATED or CF_EXTRACT */
  bool extracted;   /* CF_EXTRACT or CF_CORE: ACL/xattr streams apply */
  bool attrs_done;  /* setFileAttributes (and close) happened */
  bool open, direct, write_failed;
  int handle;       /* io_pkt.filedes for IO_CLOSE */
  int64_t bytes;
} rfile;

typedef struct rstate {
  sim_job* j;
  sim_ctx* c; /* plugin of the current section; NULL outside one */
  rfile f;
} rstate;

bool open_output(rstate* s);
/* CF_CORE: the FD creates the file; CF_EXTRACT means opened for data. */
int core_create(rstate* s);
void core_set_attrs(rstate* s);

#endif
