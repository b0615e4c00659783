/* Restore job (reference §2.5): restore objects, then the archive's plugin
 * sections: RestoreCommand, startRestoreFile, createFile, data through
 * pluginIO (or direct I/O), setFileAttributes, close, ACL/xattr,
 * endRestoreFile. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restore.h"

static void build_rp(rstate* s, struct restore_pkt* rp) {
  const rfile* f = &s->f;
  *rp = (struct restore_pkt){
      .pkt_size = sizeof *rp, .stream = ST_ATTR, .data_stream = f->a.data_stream,
      .type = f->a.type, .file_index = (int32_t)f->fi, .LinkFI = f->a.link_fi,
      .uid = f->a.st.st_uid, .statp = f->a.st, .attrEx = "", .ofname = f->ofname,
      .olname = f->olname, .where = s->j->where, .RegexWhere = "",
      .replace = s->j->o->replace, .create_status = CF_ERROR, .delta_seq = f->a.delta_seq,
      .filedes = -1, .pkt_end = sizeof *rp};
}

bool open_output(rstate* s) {
  rfile* f = &s->f;
  struct io_pkt io = io_pkt_new(IO_OPEN);
  io.fname = f->ofname;
  io.flags = O_WRONLY | O_CREAT | O_TRUNC;
  io.mode = S_IRUSR | S_IWUSR;
  bRC rc = call_io(s->c, &io);
  bool direct = io.status == IOSTAT_DO_IN_CORE;
  if (rc == bRC_Error || (direct && io.filedes < 0) || (!direct && io.status < 0)) {
    job_msg(s->j, M_ERROR, "Could not create %s: ERR=%s", f->ofname,
            io.io_errno ? strerror(io.io_errno) : "plugin open failed");
    return false;
  }
  f->open = true;
  f->direct = direct;
  f->handle = direct ? io.filedes : 0;
  return true;
}

static void close_output(rstate* s) {
  rfile* f = &s->f;
  if (!f->open) return;
  struct io_pkt io = io_pkt_new(IO_CLOSE);
  io.filedes = f->handle;
  call_io(s->c, &io);
  f->open = false;
  if (io.status < 0 && !job_stopped(s->j))
    job_msg(s->j, M_ERROR, "Error closing file %s: ERR=%s", f->ofname, strerror(io.io_errno));
}

/* setFileAttributes gets a fresh packet; answering CF_CORE hands owner,
 * mode and times back to the FD, which applies them after closing. */
static void set_attrs(rstate* s) {
  struct restore_pkt rp;
  s->f.attrs_done = true;
  build_rp(s, &rp);
  call_set_attrs(s->c, &rp);
  close_output(s);
  if (rp.create_status == CF_CORE) core_set_attrs(s);
}

static void create(rstate* s, const arc_rec* rec) {
  rfile* f = &s->f;
  sim_job* j = s->j;
  struct restore_pkt rp;
  if (!arc_get_attr(rec, &f->a)) {
    job_msg(j, M_FATAL, "Archive %s: damaged attribute record", j->archive);
    return;
  }
  f->active = true;
  f->fi = rec->file_index;
  f->ofname = path_join(j->where, f->a.fname);
  f->olname = f->a.type == FT_LNK        ? xstrdup(f->a.link)
              : f->a.type == FT_LNKSAVED ? path_join(j->where, f->a.link)
                                         : xstrdup("");
  build_rp(s, &rp);
  int cf = call_create(s->c, &rp) == bRC_OK ? rp.create_status : CF_ERROR;
  j->processed++;
  f->open = rp.filedes >= 0;
  f->handle = rp.filedes;
  f->extracted = cf != CF_SKIP && cf != CF_ERROR && cf != CF_CREATED;
  if (cf == CF_CORE) cf = core_create(s);
  else if (cf != CF_SKIP && cf != CF_ERROR && cf != CF_CREATED)
    cf = open_output(s) ? CF_EXTRACT : CF_ERROR;
  if (cf == CF_ERROR && !job_stopped(j))
    job_msg(j, M_ERROR, "Plugin createFile failed for %s", f->ofname);
  f->status = cf;
  f->extracted &= cf == CF_EXTRACT || cf == CF_CREATED;
  if (cf == CF_CREATED) set_attrs(s);
}

static bool write_all(int fd, const unsigned char* p, size_t len) {
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    p += n;
    len -= (size_t)n;
  }
  return true;
}

static void write_data(rstate* s, const arc_rec* rec) {
  rfile* f = &s->f;
  sim_job* j = s->j;
  if (f->status != CF_EXTRACT || !f->open || f->write_failed) return;
  if (f->direct) {
    f->write_failed = !write_all(f->handle, rec->data, rec->len);
    if (f->write_failed)
      job_msg(j, M_ERROR, "Write error on %s: ERR=%s", f->ofname, strerror(errno));
  } else {
    struct io_pkt io = io_pkt_new(IO_WRITE);
    io.count = (int32_t)rec->len;
    io.buf = (char*)rec->data;
    call_io(s->c, &io);
    if (job_stopped(j)) return;
    f->write_failed = io.status != io.count;
    if (f->write_failed)
      job_msg(j, M_ERROR, "Write error on %s: %s", f->ofname, strerror(io.io_errno));
  }
  if (!f->write_failed) {
    f->bytes += (int64_t)rec->len;
    j->bytes += (int64_t)rec->len;
  }
}

/* A stream boundary after the data: attributes and close, once per file.
 * A canceled or failed job only closes. */
static void data_done(rstate* s) {
  if (job_stopped(s->j))
    close_output(s);
  else if (s->f.active && !s->f.attrs_done && s->f.status == CF_EXTRACT)
    set_attrs(s);
}

static void restore_acl(rstate* s, const arc_rec* rec) {
  rfile* f = &s->f;
  data_done(s);
  if (!f->active || !f->extracted) return;
  struct acl_pkt ap = {.pkt_size = sizeof ap, .fname = f->ofname,
                       .content_length = (uint32_t)rec->len, .content = (char*)rec->data,
                       .pkt_end = sizeof ap};
  bRC rc = call_set_acl(s->c, &ap);
  if (rc != bRC_OK)
    job_msg(s->j, M_WARNING, "ACL restore error on %s (%s)", f->ofname,
            s->c->plugin->fn->setAcl ? "setAcl failed" : "plugin has no setAcl");
}

static void restore_xattr(rstate* s, const arc_rec* rec) {
  rfile* f = &s->f;
  data_done(s);
  if (!f->active || !f->extracted) return;
  const char *name, *value;
  uint32_t nlen, vlen;
  size_t off = 0;
  while (arc_xattr_next(rec, &off, &name, &nlen, &value, &vlen)) {
    struct xattr_pkt xp = {.pkt_size = sizeof xp, .fname = f->ofname, .name_length = nlen,
                           .name = (char*)name, .value_length = vlen, .value = (char*)value,
                           .pkt_end = sizeof xp};
    if (call_set_xattr(s->c, &xp) != bRC_OK) {
      job_msg(s->j, M_WARNING, "xattr restore error on %s (%s)", f->ofname,
              s->c->plugin->fn->setXattr ? "setXattr failed" : "plugin has no setXattr");
      return;
    }
  }
}

static void file_finish(rstate* s) {
  rfile* f = &s->f;
  if (!f->active) return;
  data_done(s);
  if ((f->status == CF_EXTRACT || f->status == CF_CREATED) && !job_stopped(s->j)) {
    s->j->nfiles++;
    job_add_file(s->j, f->a.fname, f->a.type, f->bytes);
  }
  arc_attr_free(&f->a);
  free(f->ofname);
  free(f->olname);
  *f = (rfile){0};
}

static void section_end(rstate* s) {
  file_finish(s);
  if (s->c && s->c->restore_started) {
    s->c->restore_started = false;
    if (call_end_restore(s->c) != bRC_OK)
      job_msg(s->j, M_FATAL, "Plugin %s: endRestoreFile failed", s->c->plugin->loaded.name);
  }
  s->c = NULL;
}

static void section_start(rstate* s, char* cmd) {
  sim_job* j = s->j;
  file_finish(s);
  s->c = NULL;
  sim_ctx* c = job_find_ctx(j, cmd);
  if (!c || !ctx_wants(c, bEventRestoreCommand)) {
    job_msg(j, M_FATAL, "Command plugin \"%s\" not found.", cmd);
  } else if (job_event(c, bEventRestoreCommand, cmd) != bRC_OK) {
    job_msg(j, M_ERROR, "Command plugin \"%s\": RestoreCommand failed.", cmd);
  } else if (c->restore_started) {
    job_msg(j, M_FATAL, "Second call to startRestoreFile. plugin=%s cmd=%s",
            c->plugin->loaded.name, cmd);
  } else if (call_start_restore(c, cmd) != bRC_OK) {
    job_msg(j, M_ERROR, "Command plugin \"%s\": startRestoreFile failed.", cmd);
  } else {
    c->restore_started = true;
    s->c = c;
  }
}

static void handle(rstate* s, const arc_rec* rec) {
  char* cmd;
  switch (rec->stream) {
    case ST_PLUGIN_NAME:
      if (!arc_get_plugin(rec, &cmd)) {
        job_msg(s->j, M_FATAL, "Archive %s: damaged plugin record", s->j->archive);
      } else if (cmd) {
        section_start(s, cmd);
        free(cmd);
      } else {
        section_end(s);
      }
      break;
    /* Outside a section (FT_DELETED, skipped plugin) attributes and data
     * belong to nobody. */
    case ST_ATTR:
      if (!s->c) break;
      file_finish(s);
      create(s, rec);
      break;
    case ST_DATA: if (s->c) write_data(s, rec); break;
    case ST_ACL: if (s->c) restore_acl(s, rec); break;
    case ST_XATTR: if (s->c) restore_xattr(s, rec); break;
    default: break;
  }
}

/* The director sends the restore objects of the jobs being restored first. */
static bool load_robjs(sim_job* j, arc_reader* r) {
  arc_rec rec;
  arc_robj o;
  int got;
  while ((got = arc_next(r, &rec)) == 1) {
    if (rec.stream != ST_RESTORE_OBJECT) continue;
    if (!arc_get_robj(&rec, &o)) {
      r->error = "damaged restore object";
      return false;
    }
    *(arc_robj*)vec_push(&j->robjs, sizeof o) = o;
  }
  return got == 0 && arc_rewind(r);
}

void restore_run(sim_job* j) {
  rstate s = {.j = j};
  arc_reader r;
  arc_job hdr;
  arc_rec rec;
  for (size_t i = 0; i < j->o->plugin_options.n; i++)
    job_event_all(j, bEventNewPluginOptions, j->o->plugin_options.v[i]);
  bool ok = arc_open(&r, j->archive, &hdr) && load_robjs(j, &r);
  if (!ok)
    job_msg(j, M_FATAL, "Cannot read archive %s: %s", j->archive,
            r.error ? r.error : strerror(errno));
  job_send_robjs(j, &j->robjs);
  job_event_all(j, bEventStartRestoreJob, NULL);
  int got = 0;
  while (ok && !job_stopped(j) && (got = arc_next(&r, &rec)) == 1) handle(&s, &rec);
  if (got < 0) job_msg(j, M_FATAL, "Cannot read archive %s: %s", j->archive, r.error);
  file_finish(&s);
  for (size_t i = 0; i < j->nctx; i++) {
    sim_ctx* c = &j->ctx[i];
    if (!c->restore_started || c->disabled) continue;
    c->restore_started = false;
    call_end_restore(c);
  }
  job_event_all(j, bEventEndRestoreJob, NULL);
  arc_job_free(&hdr);
  arc_close(&r);
}
