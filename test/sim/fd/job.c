/* One job: its plugin contexts, event dispatch, message log and the frame
 * every job type shares (newPlugin, JobStart, ..., JobEnd, freePlugin). */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "archive.h"
#include "sim.h"

static char* suffixed(const char* s, const char* sep, int copy) {
  return copy ? xasprintf("%s%s%d", s, sep, copy) : xstrdup(s);
}

static void suffix_all(strlist* dst, const strlist* src, int copy) {
  for (size_t i = 0; i < src->n; i++) strlist_add(dst, suffixed(src->v[i], ".", copy));
}

/* copy is 0 for a lone job, else 1..N for --jobs N. */
sim_job* job_new(const sim_env* env, int copy) {
  const sim_opts* o = &env->opts;
  sim_job* j = xcalloc(1, sizeof *j);
  j->env = env;
  j->o = o;
  j->kind = o->kind;
  j->jobid = o->jobid + (uint32_t)(copy ? copy - 1 : 0);
  j->name = xasprintf("%s.2026-11-26_00.00.00_%02d", o->job_name, copy ? copy : 1);
  j->level = o->level;
  j->since = o->since_set && o->level != 'F' ? o->since : 0;
  j->archive = o->archive ? suffixed(o->archive, ".", copy) : NULL;
  j->where = j->kind == JOB_RESTORE ? suffixed(o->where, "/", copy) : xstrdup("");
  j->prev_job = xstrdup("");
  suffix_all(&j->acc_archives, &o->accurate, copy);
  suffix_all(&j->prev_archives, &o->prev, copy);
  j->buf = xmalloc(SIM_IO_BUF);
  j->nctx = env->nplugins;
  j->ctx = xcalloc(j->nctx, sizeof *j->ctx);
  for (size_t i = 0; i < j->nctx; i++) {
    sim_ctx* c = &j->ctx[i];
    c->pc.plugin = &env->plugins[i]->loaded.pl;
    c->pc.core_private_context = c;
    c->job = j;
    c->plugin = env->plugins[i];
    atomic_init(&c->events, 0);
    atomic_init(&c->check_changes, true);
  }
  atomic_init(&j->canceled, false);
  atomic_init(&j->fatal, false);
  pthread_mutex_init(&j->lock, NULL);
  return j;
}

void job_free(sim_job* j) {
  free(j->name);
  free(j->archive);
  free(j->where);
  free(j->prev_job);
  strlist_free(&j->acc_archives);
  strlist_free(&j->prev_archives);
  acc_free(j->acc);
  for (size_t i = 0; i < j->robjs.n; i++) arc_robj_free(&VEC(j->robjs, arc_robj)[i]);
  free(j->robjs.v);
  free(j->ctx);
  free(j->buf);
  msgs_free(&j->msgs);
  for (size_t i = 0; i < j->files.n; i++) free(VEC(j->files, sim_file)[i].fname);
  free(j->files.v);
  strlist_free(&j->fileset);
  strlist_free(&j->trace);
  strlist_free(&j->deleted);
  pthread_mutex_destroy(&j->lock);
  free(j);
}

/* The FD's IsJobCanceled(): true once canceled or failed fatally. */
bool job_stopped(sim_job* j) { return atomic_load(&j->canceled) || atomic_load(&j->fatal); }

void job_vmsg(sim_job* j, int type, const char* fmt, va_list ap) {
  char* text = xvasprintf_line(fmt, ap);
  pthread_mutex_lock(&j->lock);
  msgs_add(&j->msgs, type, text);
  if (type == M_ERROR) j->errors++;
  pthread_mutex_unlock(&j->lock);
  if (type == M_FATAL || type == M_ABORT || type == M_ERROR_TERM) atomic_store(&j->fatal, true);
}

void job_msg(sim_job* j, int type, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  job_vmsg(j, type, fmt, ap);
  va_end(ap);
}

/* For failures the FD counts without an M_ERROR message (e.g. M_NOTSAVED). */
void job_count_error(sim_job* j) {
  pthread_mutex_lock(&j->lock);
  j->errors++;
  pthread_mutex_unlock(&j->lock);
}

void job_add_file(sim_job* j, const char* fname, int32_t type, int64_t size) {
  sim_file* f = vec_push(&j->files, sizeof *f);
  f->fname = xstrdup(fname ? fname : "");
  f->type = type;
  f->size = size;
}

bool ctx_wants(sim_ctx* c, int ev) {
  return !c->disabled && ev > 0 && ev <= FD_NR_EVENTS &&
         (atomic_load(&c->events) & (1u << ev)) != 0;
}

/* Events a canceled or failed job still delivers. */
static bool after_stop(int ev) {
  return ev == bEventEndBackupJob || ev == bEventEndRestoreJob || ev == bEventEndVerifyJob ||
         ev == bEventCancelCommand;
}

/* Not delivered (unregistered, disabled, job stopped) counts as bRC_OK. */
bRC job_event(sim_ctx* c, int ev, void* value) {
  if (!ctx_wants(c, ev) || (job_stopped(c->job) && !after_stop(ev))) return bRC_OK;
  bRC rc = call_event(c, ev, value);
  if (rc == bRC_Term) {
    c->disabled = true;
    job_msg(c->job, M_WARNING,
            "Plugin %s returned bRC_Term for event %d; disabled for this job "
            "(the real FD would unload it for all jobs)",
            c->plugin->loaded.name, ev);
  }
  return rc;
}

void job_event_all(sim_job* j, int ev, void* value) {
  for (size_t i = 0; i < j->nctx; i++) job_event(&j->ctx[i], ev, value);
}

/* The plugin a command string belongs to: the text before the first ':'
 * equals the plugin name, or the name minus its last character. */
sim_ctx* job_find_ctx(sim_job* j, const char* cmd) {
  if (!cmd) return NULL;
  const char* colon = strchr(cmd, ':');
  size_t len = colon ? (size_t)(colon - cmd) : strlen(cmd);
  for (size_t i = 0; i < j->nctx; i++) {
    const char* name = j->ctx[i].plugin->loaded.name;
    size_t nl = strlen(name);
    if ((len == nl || (nl > 1 && len == nl - 1)) && strncmp(cmd, name, len) == 0 &&
        !j->ctx[i].disabled)
      return &j->ctx[i];
  }
  return NULL;
}

void job_send_robjs(sim_job* j, const vec* robjs) {
  for (size_t i = 0; i < robjs->n && !job_stopped(j); i++) {
    arc_robj* o = &VEC(*robjs, arc_robj)[i];
    struct restore_object_pkt rop = {
        .pkt_size = sizeof rop, .object_name = o->name, .object = o->data,
        .plugin_name = o->plugin, .object_type = o->type, .object_len = (int32_t)o->len,
        .object_full_len = (int32_t)o->len, .object_index = o->index,
        .stream = ST_RESTORE_OBJECT, .JobId = o->jobid, .pkt_end = sizeof rop};
    if (!*o->plugin) {
      job_event_all(j, bEventRestoreObject, &rop);
    } else {
      sim_ctx* c = job_find_ctx(j, o->plugin);
      if (c) job_event(c, bEventRestoreObject, &rop);
    }
  }
  job_event_all(j, bEventRestoreObject, NULL);
}

typedef void (*runner)(sim_job*);
static const runner runners[] = {
    [JOB_BACKUP] = backup_run, [JOB_ESTIMATE] = estimate_run, [JOB_RESTORE] = restore_run,
    [JOB_NATIVE] = native_run};

/* Open descriptors of the process: a plugin must close all it opened. */
static int count_fds(void) {
  DIR* d = opendir("/proc/self/fd");
  if (!d) return -1;
  int n = 0;
  while (readdir(d)) n++;
  closedir(d);
  return n - 3; /* ".", ".." and the directory itself */
}

/* Child processes of the daemon (zombies included): a plugin that runs
 * programs must have waited for them by the end of its job. */
static int count_children(void) {
  DIR* d = opendir("/proc");
  if (!d) return -1;
  int n = 0;
  pid_t self = getpid();
  struct dirent* e;
  while ((e = readdir(d))) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    char path[300], buf[512];
    snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
    FILE* f = fopen(path, "r");
    if (!f) continue;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = 0;
    /* "pid (comm) state ppid ...": comm may hold spaces, so parse after ')'. */
    const char* close = strrchr(buf, ')');
    char state;
    int ppid;
    if (close && sscanf(close + 1, " %c %d", &state, &ppid) == 2 && ppid == self) n++;
  }
  closedir(d);
  return n;
}

void* job_thread(void* arg) {
  sim_job* j = arg;
  j->fds_before = count_fds();
  if (j->kind != JOB_RESTORE) prev_load(j);
  cancel_start(j);
  for (size_t i = 0; i < j->nctx; i++) {
    atomic_fetch_add(&j->ctx[i].plugin->instances, 1);
    j->ctx[i].disabled = call_new(&j->ctx[i]) != bRC_OK;
  }
  char* start = xasprintf("JobId=%u Job=%s", j->jobid, j->name);
  job_event_all(j, bEventJobStart, start);
  free(start);
  runners[j->kind](j);
  job_event_all(j, bEventJobEnd, NULL);
  cancel_stop(j);
  for (size_t i = 0; i < j->nctx; i++) {
    call_free(&j->ctx[i]);
    atomic_fetch_sub(&j->ctx[i].plugin->instances, 1);
  }
  j->fds_after = count_fds();
  j->children_after = count_children();
  j->status = atomic_load(&j->canceled) ? 'A'
              : atomic_load(&j->fatal)  ? 'f'
              : j->errors               ? 'E'
                                        : 'T';
  return NULL;
}
