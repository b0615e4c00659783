/* Archive format of bareos-fd-sim (stands in for the storage daemon's
 * volume; only this program reads it).  All integers little endian.
 *
 *   file    := "BFDSIM01" record*            first record is ST_JOB
 *   record  := u32 stream, u32 file_index, u64 length, length bytes
 *   str     := u32 length, bytes             (names are bytes, no NUL)
 *
 *   ST_JOB (0)             u32 jobid, u8 level, i64 since, i64 start, str name
 *   ST_PLUGIN_NAME (26)    u8 1, str cmd  = start of a plugin file
 *                          u8 0           = its end
 *   ST_ATTR (1)            i32 type, u32 delta_seq, u8 no_read, i32 data_stream,
 *                          i32 LinkFI, 16 x i64 stat (dev ino mode nlink uid gid
 *                          rdev size blksize blocks atime atime_ns mtime
 *                          mtime_ns ctime ctime_ns), str fname, str link
 *   ST_DATA (2)            raw file data, one record per read
 *   ST_RESTORE_OBJECT (28) i32 object_type, i32 index, u32 jobid, str name,
 *                          str plugin (the saving job's plugin string), str data
 *   ST_ACL (1020)          raw ACL content
 *   ST_XATTR (1988)        (str name, str value)*
 *
 * A plugin file is PLUGIN_NAME start, ATTR, DATA*, ACL?, XATTR?, PLUGIN_NAME
 * end.  ATTR records outside such a section (FT_DELETED) only feed the
 * accurate list of a later job; restore objects stand alone. */
#include "archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define ARC_MAGIC "BFDSIM01"
#define ARC_MAX_REC (64u << 20) /* larger lengths mean a damaged archive */

/* ---- encoding ---- */

static void buf_put(arc_buf* b, const void* data, size_t len) {
  if (b->len + len > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + len) cap *= 2;
    unsigned char* p = xmalloc(cap);
    if (b->len) memcpy(p, b->p, b->len);
    free(b->p);
    b->p = p;
    b->cap = cap;
  }
  if (len) memcpy(b->p + b->len, data, len);
  b->len += len;
}

static void buf_le(arc_buf* b, uint64_t v, int bytes) {
  unsigned char t[8];
  for (int i = 0; i < bytes; i++) t[i] = (unsigned char)(v >> (8 * i));
  buf_put(b, t, (size_t)bytes);
}

void arc_buf_bytes(arc_buf* b, const void* data, uint32_t len) {
  buf_le(b, len, 4);
  buf_put(b, data, len);
}

static void buf_str(arc_buf* b, const char* s) {
  s = s ? s : "";
  arc_buf_bytes(b, s, (uint32_t)strlen(s));
}

void arc_buf_free(arc_buf* b) {
  free(b->p);
  *b = (arc_buf){0};
}

/* ---- decoding: a bounds-checked cursor; any overrun marks it bad ---- */

typedef struct {
  const unsigned char* p;
  size_t len, off;
  bool bad;
} cursor;

static uint64_t cur_le(cursor* c, int bytes) {
  if (c->bad || c->len - c->off < (size_t)bytes) {
    c->bad = true;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++) v |= (uint64_t)c->p[c->off + (size_t)i] << (8 * i);
  c->off += (size_t)bytes;
  return v;
}

/* Returns a pointer into the record and its length. */
static const char* cur_bytes(cursor* c, uint32_t* len) {
  *len = (uint32_t)cur_le(c, 4);
  if (c->bad || c->len - c->off < *len) {
    c->bad = true;
    *len = 0;
    return NULL;
  }
  const char* s = (const char*)c->p + c->off;
  c->off += *len;
  return s;
}

static char* cur_str(cursor* c) {
  uint32_t len;
  const char* s = cur_bytes(c, &len);
  return s ? xstrndup(s, len) : NULL;
}

/* ---- writer ---- */

static void put_raw(arc_writer* w, const void* p, size_t len) {
  if (w->f && !w->failed && len && fwrite(p, 1, len, w->f) != len) {
    w->failed = true;
    w->err = errno;
  }
}

void arc_put(arc_writer* w, uint32_t stream, uint32_t fi, const void* data, size_t len) {
  arc_buf h = {0};
  buf_le(&h, stream, 4);
  buf_le(&h, fi, 4);
  buf_le(&h, len, 8);
  put_raw(w, h.p, h.len);
  put_raw(w, data, len);
  arc_buf_free(&h);
}

static void put_buf(arc_writer* w, uint32_t stream, uint32_t fi, arc_buf* b) {
  arc_put(w, stream, fi, b->p, b->len);
  arc_buf_free(b);
}

bool arc_create(arc_writer* w, const char* path, const arc_job* job) {
  *w = (arc_writer){0};
  w->f = fopen(path, "wb");
  if (!w->f) return false;
  put_raw(w, ARC_MAGIC, 8);
  arc_buf b = {0};
  buf_le(&b, job->jobid, 4);
  buf_le(&b, (unsigned char)job->level, 1);
  buf_le(&b, (uint64_t)job->since, 8);
  buf_le(&b, (uint64_t)job->start, 8);
  buf_str(&b, job->name);
  put_buf(w, ST_JOB, 0, &b);
  return true;
}

void arc_put_plugin(arc_writer* w, uint32_t fi, const char* cmd) {
  arc_buf b = {0};
  buf_le(&b, cmd != NULL, 1);
  if (cmd) buf_str(&b, cmd);
  put_buf(w, ST_PLUGIN_NAME, fi, &b);
}

enum { NSTAT = 16 };

static void stat_to(const struct stat* s, int64_t v[NSTAT]) {
  const int64_t t[NSTAT] = {
      (int64_t)s->st_dev,     (int64_t)s->st_ino,       (int64_t)s->st_mode,
      (int64_t)s->st_nlink,   (int64_t)s->st_uid,       (int64_t)s->st_gid,
      (int64_t)s->st_rdev,    (int64_t)s->st_size,      (int64_t)s->st_blksize,
      (int64_t)s->st_blocks,  (int64_t)s->st_atim.tv_sec, (int64_t)s->st_atim.tv_nsec,
      (int64_t)s->st_mtim.tv_sec, (int64_t)s->st_mtim.tv_nsec,
      (int64_t)s->st_ctim.tv_sec, (int64_t)s->st_ctim.tv_nsec};
  memcpy(v, t, sizeof t);
}

static void stat_from(struct stat* s, const int64_t v[NSTAT]) {
  memset(s, 0, sizeof *s);
  s->st_dev = (dev_t)v[0];
  s->st_ino = (ino_t)v[1];
  s->st_mode = (mode_t)v[2];
  s->st_nlink = (nlink_t)v[3];
  s->st_uid = (uid_t)v[4];
  s->st_gid = (gid_t)v[5];
  s->st_rdev = (dev_t)v[6];
  s->st_size = (off_t)v[7];
  s->st_blksize = (blksize_t)v[8];
  s->st_blocks = (blkcnt_t)v[9];
  s->st_atim = (struct timespec){(time_t)v[10], (long)v[11]};
  s->st_mtim = (struct timespec){(time_t)v[12], (long)v[13]};
  s->st_ctim = (struct timespec){(time_t)v[14], (long)v[15]};
}

void arc_put_attr(arc_writer* w, uint32_t fi, const arc_attr* a) {
  arc_buf b = {0};
  int64_t st[NSTAT];
  buf_le(&b, (uint32_t)a->type, 4);
  buf_le(&b, a->delta_seq, 4);
  buf_le(&b, a->no_read, 1);
  buf_le(&b, (uint32_t)a->data_stream, 4);
  buf_le(&b, (uint32_t)a->link_fi, 4);
  stat_to(&a->st, st);
  for (int i = 0; i < NSTAT; i++) buf_le(&b, (uint64_t)st[i], 8);
  buf_str(&b, a->fname);
  buf_str(&b, a->link);
  put_buf(w, ST_ATTR, fi, &b);
}

void arc_put_robj(arc_writer* w, uint32_t fi, const arc_robj* o) {
  arc_buf b = {0};
  buf_le(&b, (uint32_t)o->type, 4);
  buf_le(&b, (uint32_t)o->index, 4);
  buf_le(&b, o->jobid, 4);
  buf_str(&b, o->name);
  buf_str(&b, o->plugin);
  arc_buf_bytes(&b, o->data, o->len);
  put_buf(w, ST_RESTORE_OBJECT, fi, &b);
}

bool arc_finish(arc_writer* w) {
  if (w->f && fclose(w->f) != 0 && !w->failed) {
    w->failed = true;
    w->err = errno;
  }
  w->f = NULL;
  if (w->failed) errno = w->err;
  return !w->failed;
}

/* ---- reader ---- */

int arc_next(arc_reader* r, arc_rec* rec) {
  unsigned char h[16];
  size_t got = fread(h, 1, sizeof h, r->f);
  if (got == 0 && feof(r->f)) return 0;
  if (got != sizeof h) {
    r->error = "truncated record header";
    return -1;
  }
  cursor c = {h, sizeof h, 0, false};
  rec->stream = (uint32_t)cur_le(&c, 4);
  rec->file_index = (uint32_t)cur_le(&c, 4);
  uint64_t len = cur_le(&c, 8);
  if (len > ARC_MAX_REC) {
    r->error = "record too large";
    return -1;
  }
  if (len > r->cap) {
    free(r->buf);
    r->cap = (size_t)len;
    r->buf = xmalloc(r->cap);
  }
  if (fread(r->buf, 1, (size_t)len, r->f) != len) {
    r->error = "truncated record";
    return -1;
  }
  rec->data = r->buf;
  rec->len = (size_t)len;
  return 1;
}

bool arc_open(arc_reader* r, const char* path, arc_job* job) {
  char magic[8];
  arc_rec rec;
  *r = (arc_reader){0};
  *job = (arc_job){0};
  r->f = fopen(path, "rb");
  if (!r->f) {
    r->error = strerror(errno);
    return false;
  }
  if (fread(magic, 1, 8, r->f) != 8 || memcmp(magic, ARC_MAGIC, 8) != 0) {
    r->error = "not a bareos-fd-sim archive";
    return false;
  }
  if (arc_next(r, &rec) != 1 || rec.stream != ST_JOB) {
    if (!r->error) r->error = "missing job header";
    return false;
  }
  cursor c = {rec.data, rec.len, 0, false};
  job->jobid = (uint32_t)cur_le(&c, 4);
  job->level = (char)cur_le(&c, 1);
  job->since = (int64_t)cur_le(&c, 8);
  job->start = (int64_t)cur_le(&c, 8);
  job->name = cur_str(&c);
  if (c.bad) r->error = "damaged job header";
  r->body = ftell(r->f);
  return !c.bad;
}

bool arc_rewind(arc_reader* r) { return fseek(r->f, r->body, SEEK_SET) == 0; }

void arc_close(arc_reader* r) {
  if (r->f) fclose(r->f);
  free(r->buf);
  *r = (arc_reader){0};
}

bool arc_get_plugin(const arc_rec* rec, char** cmd) {
  cursor c = {rec->data, rec->len, 0, false};
  *cmd = cur_le(&c, 1) ? cur_str(&c) : NULL;
  return !c.bad;
}

bool arc_get_attr(const arc_rec* rec, arc_attr* a) {
  cursor c = {rec->data, rec->len, 0, false};
  int64_t st[NSTAT];
  *a = (arc_attr){0};
  a->type = (int32_t)cur_le(&c, 4);
  a->delta_seq = (uint32_t)cur_le(&c, 4);
  a->no_read = cur_le(&c, 1) != 0;
  a->data_stream = (int32_t)cur_le(&c, 4);
  a->link_fi = (int32_t)cur_le(&c, 4);
  for (int i = 0; i < NSTAT; i++) st[i] = (int64_t)cur_le(&c, 8);
  stat_from(&a->st, st);
  a->fname = cur_str(&c);
  a->link = cur_str(&c);
  if (!c.bad) return true;
  arc_attr_free(a);
  return false;
}

bool arc_get_robj(const arc_rec* rec, arc_robj* o) {
  cursor c = {rec->data, rec->len, 0, false};
  uint32_t len;
  *o = (arc_robj){0};
  o->type = (int32_t)cur_le(&c, 4);
  o->index = (int32_t)cur_le(&c, 4);
  o->jobid = (uint32_t)cur_le(&c, 4);
  o->name = cur_str(&c);
  o->plugin = cur_str(&c);
  const char* data = cur_bytes(&c, &len);
  if (c.bad) {
    arc_robj_free(o);
    return false;
  }
  o->data = xmalloc(len);
  memcpy(o->data, data, len);
  o->len = len;
  return true;
}

bool arc_xattr_next(const arc_rec* rec, size_t* off, const char** name, uint32_t* nlen,
                    const char** value, uint32_t* vlen) {
  cursor c = {rec->data, rec->len, *off, false};
  if (c.off >= c.len) return false;
  *name = cur_bytes(&c, nlen);
  *value = cur_bytes(&c, vlen);
  *off = c.off;
  return !c.bad;
}

void arc_job_free(arc_job* j) {
  free(j->name);
  j->name = NULL;
}

void arc_attr_free(arc_attr* a) {
  free(a->fname);
  free(a->link);
  a->fname = a->link = NULL;
}

void arc_robj_free(arc_robj* o) {
  free(o->name);
  free(o->plugin);
  free(o->data);
  *o = (arc_robj){0};
}
