/* One job: its variables, its message log, and the run of its event
 * sequence (newPlugin, plugin options, the daemon's steps, freePlugin). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static char* dup_or_null(const char* s) { return s ? xstrdup(s) : NULL; }

/* copy is 1..--jobs; the system job is 0. */
sim_job* job_new(const sim_env* env, job_kind kind, int copy) {
  const sim_opts* o = &env->opts;
  sim_job* j = xcalloc(1, sizeof *j);
  j->env = env;
  j->d = env->d;
  j->kind = kind;
  j->copy = copy;
  j->hop_last = -1;
  pthread_mutex_init(&j->lock, NULL);
  const char* device = o->devices.v[copy ? (size_t)(copy - 1) % o->devices.n : 0];
  j->device = xstrdup(device);
  j->media_type = xstrdup("File");
  j->catalog = xstrdup("MyCatalog");
  j->status = j->fd_status = j->sd_status = 'R';
  j->priority = 10;
  j->num_vols = 1;
  snprintf(j->dcr.tag, sizeof j->dcr.tag, "sim-device");
  if (kind == JOB_SYSTEM) {
    /* The SD's own job for device initialisation: no client, no volume. */
    j->job = xstrdup("*System*");
    j->name = xstrdup("*System*");
    j->type = 'I';
    j->level = ' ';
    j->pool = xstrdup("");
    j->pool_type = xstrdup("");
    j->volume = xstrdup("");
    return j;
  }
  j->job = o->jobs > 1 ? xasprintf("%s-%d", o->job_name, copy) : xstrdup(o->job_name);
  j->name = xasprintf("%s.2026-11-26_00.00.00_%02d", j->job, copy);
  j->jobid = (int)o->jobid + copy - 1;
  j->type = kind == JOB_RESTORE ? 'R' : 'B';
  j->level = o->level;
  j->client = xstrdup(o->client);
  j->pool = xstrdup(o->pool);
  j->pool_type = xstrdup("Backup");
  j->volume = xstrdup(o->volume);
  j->write_storage = dup_or_null(kind == JOB_BACKUP ? device : NULL);
  j->read_storage = dup_or_null(kind == JOB_RESTORE ? device : NULL);
  return j;
}

void job_free(sim_job* j) {
  char* strings[] = {j->job,    j->name,          j->client,       j->pool,
                     j->pool_type, j->device,     j->write_storage, j->read_storage,
                     j->media_type, j->catalog,   j->volume};
  for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) free(strings[i]);
  strlist_free(&j->old_strings);
  for (size_t i = 0; i < j->nctx; i++) {
    free(j->ctx[i]->label);
    free(j->ctx[i]);
  }
  free(j->ctx);
  msgs_free(&j->msgs);
  msgs_free(&j->debug);
  for (size_t i = 0; i < j->trace.n; i++) free(VEC(j->trace, sim_trace)[i].text);
  free(j->trace.v);
  pthread_mutex_destroy(&j->lock);
  free(j);
}

/* Caller holds j->lock.  The old value stays allocated: a plugin on another
 * thread may still be reading the pointer getBareosValue gave it. */
void job_set_string(sim_job* j, char** field, const char* value) {
  if (*field) strlist_add(&j->old_strings, *field);
  *field = xstrdup(value);
}

static void sync_errors(sim_job* j) {
  j->errors = j->env->opts.errors * j->progress / 100 + j->extra_errors;
}

void job_vmsg(sim_job* j, int type, const char* fmt, va_list ap) {
  char* text = xvasprintf_line(fmt, ap);
  pthread_mutex_lock(&j->lock);
  msgs_add(&j->msgs, type, text);
  if (type == M_ERROR) j->extra_errors++;
  if (type == M_FATAL || type == M_ABORT || type == M_ERROR_TERM) j->fatal = true;
  sync_errors(j);
  pthread_mutex_unlock(&j->lock);
}

void job_msg(sim_job* j, int type, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  job_vmsg(j, type, fmt, ap);
  va_end(ap);
}

void job_debug(sim_job* j, int level, char* owned) {
  pthread_mutex_lock(&j->lock);
  msgs_add(&j->debug, level, owned);
  pthread_mutex_unlock(&j->lock);
}

static bool job_failed(sim_job* j) {
  pthread_mutex_lock(&j->lock);
  bool failed = j->fatal;
  pthread_mutex_unlock(&j->lock);
  return failed;
}

/* The counters grow towards --files/--bytes/--errors as the job advances. */
static void job_progress(sim_job* j, int pct) {
  const sim_opts* o = &j->env->opts;
  pthread_mutex_lock(&j->lock);
  if (pct > j->progress && !j->fatal) {
    j->progress = pct;
    j->files = j->sd_files = (int)((int64_t)o->files * pct / 100);
    j->bytes = j->read_bytes = o->bytes / 100 * (uint64_t)pct + o->bytes % 100 * (uint64_t)pct / 100;
    /* The rate of a job that took ten seconds, known once it is done. */
    uint64_t rate = j->bytes / 10;
    j->last_rate = pct < 100 ? 0 : rate > INT_MAX ? INT_MAX : (int)rate;
    sync_errors(j);
  }
  pthread_mutex_unlock(&j->lock);
}

static void job_final_status(sim_job* j) {
  pthread_mutex_lock(&j->lock);
  j->status = j->fatal ? 'f' : j->errors ? 'E' : 'T';
  j->fd_status = j->sd_status = j->status;
  pthread_mutex_unlock(&j->lock);
}

static int repeat_count(const sim_job* j, repeat_src r) {
  const sim_opts* o = &j->env->opts;
  switch (r) {
    case R_RECORDS: return o->records;
    case R_WRITE_ERRORS: return o->write_errors;
    case R_READ_ERRORS: return o->read_errors;
    case R_LABEL: return o->label;
    case R_NEW_VOLUME: return o->new_volume;
    case R_PURGE: return o->purge;
    case R_DEVICES: return (int)o->devices.n;
    case R_ONCE: break;
  }
  return 1;
}

/* Attaches the device (the real daemons hand plugins a DCR from the first
 * device event on); the system job moves from device to device. */
static void attach(sim_job* j, const step* s, int k) {
  pthread_mutex_lock(&j->lock);
  if (s->repeat == R_DEVICES) job_set_string(j, &j->device, j->env->opts.devices.v[k]);
  j->attached = true;
  pthread_mutex_unlock(&j->lock);
}

static void run_step(sim_job* j, const step* s, int k, int times) {
  job_progress(j, s->flags & S_GRADUAL ? s->progress * (k + 1) / times : s->progress);
  if (s->flags & S_DEVICE) attach(j, s, k);
  if (s->flags & S_FINAL) job_final_status(j);
  const char* name = j->d->event_names[s->ev];
  void* value = s->flags & S_DEVICE ? (void*)&j->dcr : s->flags & S_NAME ? (void*)name : NULL;
  const sim_ctx* who = NULL;
  bRC rc = event_all(j, s->ev, value, &who);
  if (rc != bRC_OK && (s->flags & S_CRITICAL))
    job_msg(j, M_FATAL, "Plugin %s failed event %s (rc %d); job aborted", who->label, name,
            (int)rc);
  if (s->after) s->after(j, rc);
}

void job_run(sim_job* j, const step_list* steps) {
  for (size_t i = 0; i < steps->n; i++) {
    const step* s = &steps->v[i];
    int times = repeat_count(j, s->repeat);
    for (int k = 0; k < times; k++) {
      if (!(s->flags & S_TEARDOWN) && job_failed(j)) break;
      run_step(j, s, k, times);
    }
  }
}

/* newPlugin for instance 0 of every plugin, then the Plugin Options lines. */
void job_open(sim_job* j) {
  for (size_t i = 0; i < j->env->nplugins; i++) ctx_new(j, j->env->plugins[i], 0);
  if (j->kind == JOB_SYSTEM) return;
  const strlist* lines = &j->env->opts.plugin_options;
  for (size_t i = 0; i < lines->n; i++) options_dispatch(j, lines->v[i]);
}

void job_close(sim_job* j) {
  for (size_t i = 0; i < j->nctx; i++) {
    sim_ctx* c = j->ctx[i];
    call_free(c);
    pthread_mutex_lock(&c->plugin->lock);
    c->plugin->instances--;
    pthread_mutex_unlock(&c->plugin->lock);
  }
  /* Messages a plugin sent during JobEnd or freePlugin still count. */
  job_final_status(j);
}

void* job_thread(void* arg) {
  sim_job* j = arg;
  job_open(j);
  job_run(j, &j->d->seq[j->kind]);
  job_close(j);
  return NULL;
}
