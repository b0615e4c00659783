/* The sim's archive: what the storage daemon would keep for one job. */
#ifndef SIM_ARCHIVE_H
#define SIM_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

/* Record streams; Bareos' own stream numbers where one exists. */
enum {
  ST_JOB = 0, /* sim only: job header */
  ST_ATTR = 1,
  ST_DATA = 2,
  ST_PLUGIN_NAME = 26,
  ST_RESTORE_OBJECT = 28,
  ST_ACL = 1020,
  ST_XATTR = 1988
};

typedef struct arc_job {
  uint32_t jobid;
  char level;
  int64_t since, start;
  char* name;
} arc_job;

typedef struct arc_attr {
  int32_t type, data_stream, link_fi;
  uint32_t delta_seq;
  bool no_read;
  struct stat st;
  char* fname; /* catalog name: for FT_DIREND the link ("dir/") */
  char* link;
} arc_attr;

typedef struct arc_robj {
  int32_t type, index;
  uint32_t jobid, len;
  char *name, *plugin;
  char* data;
} arc_robj;

typedef struct arc_rec {
  uint32_t stream, file_index;
  const unsigned char* data;
  size_t len;
} arc_rec;

/* Growable encoding buffer; also how callers build the xattr payload. */
typedef struct arc_buf {
  unsigned char* p;
  size_t len, cap;
} arc_buf;

void arc_buf_bytes(arc_buf* b, const void* data, uint32_t len); /* u32 length + bytes */
void arc_buf_free(arc_buf* b);

/* A writer whose f is NULL discards everything (backup without --archive). */
typedef struct arc_writer {
  FILE* f;
  bool failed;
  int err;
} arc_writer;

typedef struct arc_reader {
  FILE* f;
  long body; /* offset of the first record after the job header */
  unsigned char* buf;
  size_t cap;
  const char* error;
} arc_reader;

bool arc_create(arc_writer* w, const char* path, const arc_job* job);
void arc_put(arc_writer* w, uint32_t stream, uint32_t fi, const void* data, size_t len);
void arc_put_plugin(arc_writer* w, uint32_t fi, const char* cmd); /* cmd NULL: end */
void arc_put_attr(arc_writer* w, uint32_t fi, const arc_attr* a);
void arc_put_robj(arc_writer* w, uint32_t fi, const arc_robj* o);
/* Close; false (errno = w->err) if any write failed. */
bool arc_finish(arc_writer* w);

bool arc_open(arc_reader* r, const char* path, arc_job* job);
int arc_next(arc_reader* r, arc_rec* rec); /* 1 record, 0 end, -1 r->error */
bool arc_rewind(arc_reader* r);
void arc_close(arc_reader* r);

bool arc_get_plugin(const arc_rec* rec, char** cmd); /* *cmd NULL: end record */
bool arc_get_attr(const arc_rec* rec, arc_attr* a);
bool arc_get_robj(const arc_rec* rec, arc_robj* o);
/* Iterate xattr pairs; *off starts at 0.  Returns false at the end or on damage. */
bool arc_xattr_next(const arc_rec* rec, size_t* off, const char** name, uint32_t* nlen,
                    const char** value, uint32_t* vlen);

void arc_job_free(arc_job* j);
void arc_attr_free(arc_attr* a);
void arc_robj_free(arc_robj* o);

#endif
