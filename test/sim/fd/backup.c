/* Backup job (reference §2.3): FileSet events, then per plugin item the
 * startBackupFile / pluginIO / endBackupFile loop, then the accurate
 * deleted-file check. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accurate.h"
#include "archive.h"
#include "sim.h"

#define MAX_XATTR_STREAM (1u << 20) /* the FD's limit on one file's xattrs */

typedef struct hardlink {
  dev_t dev;
  ino_t ino;
  uint32_t fi;
  char* fname;
} hardlink;

typedef struct bstate {
  sim_job* j;
  sim_ctx* c;
  char* cmd;
  arc_writer w;
  vec links; /* hardlink */
} bstate;

static void set_bit(char* flags, int bit) { flags[bit >> 3] |= (char)(1 << (bit & 7)); }

static bool bit_set(const char* flags, int bit) { return flags[bit >> 3] & (1 << (bit & 7)); }

void save_pkt_init(sim_job* j, struct save_pkt* sp, char* cmd) {
  memset(sp, 0, sizeof *sp);
  sp->pkt_size = sp->pkt_end = sizeof *sp;
  sp->portable = true;
  sp->cmd = cmd;
  set_bit(sp->flags, FO_PLUGIN);
  if (j->o->noatime) set_bit(sp->flags, FO_NOATIME);
  if (j->o->acl) set_bit(sp->flags, SIM_FO_ACL);
  if (j->o->xattr) set_bit(sp->flags, SIM_FO_XATTR);
}

/* Since/Level, the FileSet's plugin lines and the FD Plugin Options. */
void backup_prelude(sim_job* j) {
  const sim_opts* o = j->o;
  if (o->fileset.n && !o->plugin_dir) job_msg(j, M_FATAL, "Plugin Directory not defined");
  if (j->level != 'F') job_event_all(j, bEventSince, (void*)(intptr_t)j->since);
  job_event_all(j, bEventLevel, (void*)(intptr_t)j->level);
  j->fileset_open = true;
  for (size_t i = 0; i < o->fileset.n; i++) {
    sim_ctx* c = job_find_ctx(j, o->fileset.v[i]);
    if (c) job_event(c, bEventPluginCommand, o->fileset.v[i]);
  }
  j->fileset_open = false;
  job_event_all(j, bEventEndFileSet, NULL);
  for (size_t i = 0; i < o->plugin_options.n; i++)
    job_event_all(j, bEventNewPluginOptions, o->plugin_options.v[i]);
}

/* read() until count bytes or EOF, as the FD's own bread does. */
static ssize_t read_full(int fd, char* buf, size_t count) {
  size_t got = 0;
  while (got < count) {
    ssize_t n = read(fd, buf + got, count - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += (size_t)n;
  }
  return (ssize_t)got;
}

/* One read of SIM_IO_BUF bytes at most, by the plugin or (direct I/O) by us. */
static ssize_t read_block(bstate* b, int fd, const char* fname) {
  sim_job* j = b->j;
  if (fd >= 0) {
    ssize_t n = read_full(fd, j->buf, SIM_IO_BUF);
    if (n < 0 && !job_stopped(j))
      job_msg(j, M_ERROR, "Read error on file %s. ERR=%s", fname, strerror(errno));
    return n;
  }
  struct io_pkt io = io_pkt_new(IO_READ);
  io.count = SIM_IO_BUF;
  io.buf = j->buf;
  call_io(b->c, &io);
  if (job_stopped(j)) return -1;
  if (io.status > io.count) {
    job_msg(j, M_ERROR, "Read error on file %s. ERR=read returned more than count (%d > %d)",
            fname, io.status, io.count);
    return -1;
  }
  if (io.status < 0)
    job_msg(j, M_ERROR, "Read error on file %s. ERR=%s", fname, strerror(io.io_errno));
  return io.status;
}

static void save_data(bstate* b, uint32_t fi, char* fname, int64_t* bytes) {
  sim_job* j = b->j;
  struct io_pkt io = io_pkt_new(IO_OPEN);
  io.fname = fname;
  io.flags = O_RDONLY | (j->o->noatime ? O_NOATIME : 0);
  bRC rc = call_io(b->c, &io);
  bool direct = io.status == IOSTAT_DO_IN_CORE;
  if (rc == bRC_Error || (direct && io.filedes < 0) || (!direct && io.status < 0)) {
    job_msg(j, M_NOTSAVED, "Cannot open \"%s\": ERR=%s.", fname,
            io.io_errno ? strerror(io.io_errno) : "plugin open failed");
    job_count_error(j);
    return;
  }
  int fd = direct ? io.filedes : -1;
  ssize_t n;
  while (!job_stopped(j) && (n = read_block(b, fd, fname)) > 0) {
    arc_put(&b->w, ST_DATA, fi, j->buf, (size_t)n);
    *bytes += n;
  }
  io = io_pkt_new(IO_CLOSE);
  io.filedes = direct ? fd : 0;
  call_io(b->c, &io);
}

static void save_acl(bstate* b, uint32_t fi, const char* fname) {
  struct acl_pkt ap = {.pkt_size = sizeof ap, .fname = fname, .pkt_end = sizeof ap};
  bRC rc = call_get_acl(b->c, &ap);
  if (rc != bRC_OK)
    job_msg(b->j, M_WARNING, "getAcl failed for %s (rc %d)", fname, (int)rc);
  else if (ap.content && ap.content_length)
    arc_put(&b->w, ST_ACL, fi, ap.content, ap.content_length);
  free(ap.content);
}

static void save_xattr(bstate* b, uint32_t fi, const char* fname) {
  arc_buf x = {0};
  size_t budget = 0; /* also ends a plugin that answers bRC_More forever */
  bRC rc;
  do {
    struct xattr_pkt xp = {.pkt_size = sizeof xp, .fname = fname, .pkt_end = sizeof xp};
    rc = call_get_xattr(b->c, &xp);
    bool filled = (rc == bRC_OK || rc == bRC_More) && xp.name && xp.name_length;
    budget += 8 + (filled ? xp.name_length + (xp.value ? xp.value_length : 0) : 0);
    if (filled) {
      arc_buf_bytes(&x, xp.name, xp.name_length);
      arc_buf_bytes(&x, xp.value ? xp.value : "", xp.value ? xp.value_length : 0);
    }
    free(xp.name);
    if (xp.value_length) free(xp.value);
    if (budget > MAX_XATTR_STREAM) {
      job_msg(b->j, M_WARNING, "xattr stream of %s exceeds %u bytes; not saved", fname,
              MAX_XATTR_STREAM);
      arc_buf_free(&x);
      return;
    }
  } while (rc == bRC_More && !job_stopped(b->j));
  if (rc != bRC_OK && rc != bRC_More)
    job_msg(b->j, M_WARNING, "getXattr failed for %s (rc %d)", fname, (int)rc);
  if (x.len) arc_put(&b->w, ST_XATTR, fi, x.p, x.len);
  arc_buf_free(&x);
}

static bool is_object(int type) {
  return type == FT_RESTORE_FIRST || type == FT_PLUGIN_CONFIG || type == FT_PLUGIN_CONFIG_FILLED;
}

static bool is_dir(int type) {
  return type == FT_DIREND || type == FT_DIRBEGIN || type == FT_DIRNOCHG;
}

/* Duplicates of an (st_dev, st_ino) already saved become FT_LNKSAVED. */
static void check_hardlink(bstate* b, arc_attr* a, uint32_t fi) {
  if (a->st.st_nlink <= 1 || is_dir(a->type)) return;
  for (size_t i = 0; i < b->links.n; i++) {
    hardlink* h = &VEC(b->links, hardlink)[i];
    if (h->dev == a->st.st_dev && h->ino == a->st.st_ino) {
      a->type = FT_LNKSAVED;
      free(a->link);
      a->link = xstrdup(h->fname);
      a->link_fi = (int32_t)h->fi;
      a->no_read = true;
      return;
    }
  }
  hardlink* h = vec_push(&b->links, sizeof *h);
  *h = (hardlink){a->st.st_dev, a->st.st_ino, fi, xstrdup(a->fname)};
}

static void save_object(bstate* b, struct save_pkt* sp) {
  sim_job* j = b->j;
  uint32_t fi = (uint32_t)++j->nfiles;
  arc_robj o = {.type = sp->type, .index = sp->index, .jobid = j->jobid,
                .len = (uint32_t)sp->object_len, .name = sp->object_name,
                .plugin = b->cmd, .data = sp->object};
  arc_put_robj(&b->w, fi, &o);
  job_add_file(j, sp->object_name, sp->type, sp->object_len);
}

static const char* packet_problem(const struct save_pkt* sp) {
  if (!sp->type) return "no type";
  if (!is_object(sp->type)) return sp->fname ? NULL : "no filename";
  if (!sp->object_name) return "no object_name";
  if (sp->object_len < 0 || (sp->object_len && !sp->object)) return "bad object/object_len";
  return NULL;
}

/* What the FD's SaveFile does with a packet from startBackupFile.  False if
 * the packet is unusable (a fatal job error).  *seen gets the catalog name. */
static bool save_file(bstate* b, struct save_pkt* sp, char** seen) {
  sim_job* j = b->j;
  const char* bad = packet_problem(sp);
  if (bad) {
    job_msg(j, M_FATAL, "Command plugin \"%s\": %s in startBackupFile packet.", b->cmd, bad);
    return false;
  }
  if (is_object(sp->type)) {
    save_object(b, sp);
    return true;
  }
  arc_attr a = {.type = sp->type, .no_read = sp->no_read, .st = sp->statp};
  a.delta_seq = bit_set(sp->flags, FO_DELTA) ? sp->delta_seq + 1 : 0;
  a.fname = xstrdup(sp->type == FT_DIREND && sp->link ? sp->link : sp->fname);
  a.link = xstrdup(sp->link ? sp->link : "");
  *seen = xstrdup(a.fname);
  if (a.type == FT_NOCHG || a.type == FT_DIRNOCHG) {
    job_msg(j, M_SKIPPED, "Unchanged file skipped: %s", a.fname);
    arc_attr_free(&a);
    return true;
  }
  uint32_t fi = (uint32_t)++j->nfiles;
  int64_t bytes = 0;
  if (a.type == FT_DELETED) {
    arc_put_attr(&b->w, fi, &a);
  } else {
    char* fname = xstrdup(sp->fname);
    check_hardlink(b, &a, fi);
    a.data_stream = a.no_read ? 0 : ST_DATA;
    arc_put_plugin(&b->w, fi, b->cmd);
    arc_put_attr(&b->w, fi, &a);
    if (!a.no_read) {
      uint64_t start = now_ns();
      save_data(b, fi, fname, &bytes);
      j->data_ns += now_ns() - start;
    }
    if (j->o->acl && a.type != FT_LNK && b->c->plugin->fn->getAcl && !job_stopped(j))
      save_acl(b, fi, fname);
    if (j->o->xattr && b->c->plugin->fn->getXattr && !job_stopped(j)) save_xattr(b, fi, fname);
    arc_put_plugin(&b->w, fi, NULL);
    free(fname);
  }
  j->bytes += bytes;
  job_add_file(j, a.fname, a.type, bytes);
  arc_attr_free(&a);
  return true;
}

/* startBackupFile returns: OK = a file, Stop = item done, Skip = ask again,
 * Error = fatal, anything else ends the item with an error. */
static void save_item(bstate* b, char* cmd) {
  sim_job* j = b->j;
  b->cmd = cmd;
  b->c = job_find_ctx(j, cmd);
  if (!b->c || !ctx_wants(b->c, bEventBackupCommand)) {
    job_msg(j, M_FATAL, "Command plugin \"%s\" not found.", cmd);
    return;
  }
  if (job_event(b->c, bEventBackupCommand, cmd) != bRC_OK) {
    job_msg(j, M_ERROR, "Command plugin \"%s\": BackupCommand failed.", cmd);
    return;
  }
  while (!job_stopped(j)) {
    struct save_pkt sp;
    save_pkt_init(j, &sp, cmd);
    bRC rc = call_start_backup(b->c, &sp);
    if (job_stopped(j) || rc == bRC_Stop) break;
    if (rc == bRC_Skip) continue;
    if (rc == bRC_Error) {
      job_msg(j, M_FATAL, "Command plugin \"%s\": startBackupFile failed.", cmd);
      break;
    }
    if (rc != bRC_OK) {
      job_msg(j, M_ERROR, "Command plugin \"%s\": unhandled returncode %d from startBackupFile.",
              cmd, (int)rc);
      break;
    }
    char* seen = NULL;
    j->processed++;
    bool ok = save_file(b, &sp, &seen);
    rc = ok ? call_end_backup(b->c) : bRC_Error;
    if (seen && (rc == bRC_OK || rc == bRC_More)) acc_mark(j->acc, seen, true);
    free(seen);
    if (rc != bRC_More) break;
  }
}

/* Accurate: what the previous jobs had and this one did not see is deleted,
 * unless some plugin's checkFile claims it. */
static void find_deleted(bstate* b) {
  sim_job* j = b->j;
  strlist names = {0};
  acc_unseen(j->acc, &names);
  for (size_t i = 0; i < names.n; i++) {
    bool keep = false;
    for (size_t k = 0; k < j->nctx && !keep; k++)
      keep = !j->ctx[k].disabled && call_check_file(&j->ctx[k], names.v[i]) == bRC_Seen;
    if (keep) continue;
    arc_attr a = {.type = FT_DELETED, .fname = names.v[i], .link = ""};
    arc_put_attr(&b->w, 0, &a);
    strlist_add(&j->deleted, xstrdup(names.v[i]));
  }
  strlist_free(&names);
}

void backup_run(sim_job* j) {
  bstate b = {.j = j};
  backup_prelude(j);
  if (j->level != 'F') job_send_robjs(j, &j->robjs);
  if (j->archive) {
    arc_job hdr = {j->jobid, j->level, j->since, time(NULL), j->name};
    if (!arc_create(&b.w, j->archive, &hdr))
      job_msg(j, M_FATAL, "Cannot create archive %s: %s", j->archive, strerror(errno));
  }
  job_event_all(j, bEventStartBackupJob, NULL);
  for (size_t i = 0; i < j->o->fileset.n && !job_stopped(j); i++)
    save_item(&b, j->o->fileset.v[i]);
  if (j->acc && !job_stopped(j)) find_deleted(&b);
  job_event_all(j, bEventEndBackupJob, NULL);
  if (!arc_finish(&b.w))
    job_msg(j, M_FATAL, "Error writing archive %s: %s", j->archive, strerror(errno));
  for (size_t i = 0; i < b.links.n; i++) free(VEC(b.links, hardlink)[i].fname);
  free(b.links.v);
}
