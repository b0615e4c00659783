/* --cancel-after N: the director's cancel arrives on another FD thread and
 * reaches the plugin while the job thread is inside a plugin call.  Once the
 * plugin has handed over N files (startBackupFile/createFile), the job thread
 * wakes the canceler right before its next startBackupFile or IO_READ/
 * IO_WRITE call - so N=1 cancels inside the first file's I/O - and, once its
 * own call has returned, waits for the canceler to finish so that what
 * follows (and the trace) does not depend on scheduling.  --cancel-early
 * instead lets the cancel complete just before the call: the race in which
 * the director's cancel wins. */
#include <stdlib.h>

#include "sim.h"

typedef struct cancel_state {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool requested, done, quit, pending;
  strlist lines; /* trace entries of the canceler, added by the job thread */
} cancel_state;

static void* canceler(void* arg) {
  sim_job* j = arg;
  cancel_state* s = j->cancel;
  pthread_mutex_lock(&s->mu);
  while (!s->requested && !s->quit) pthread_cond_wait(&s->cv, &s->mu);
  bool run = s->requested;
  pthread_mutex_unlock(&s->mu);
  if (!run) return NULL;
  for (size_t i = 0; i < j->nctx; i++) {
    sim_ctx* c = &j->ctx[i];
    if (!ctx_wants(c, bEventCancelCommand) || !c->plugin->fn->handlePluginEvent) continue;
    bEvent ev = {bEventCancelCommand};
    bRC rc = c->plugin->fn->handlePluginEvent(&c->pc, &ev, NULL);
    char* line = j->env->nplugins > 1
                     ? xasprintf("%s: handlePluginEvent %d -> %d", c->plugin->loaded.name,
                                 bEventCancelCommand, (int)rc)
                     : xasprintf("handlePluginEvent %d -> %d", bEventCancelCommand, (int)rc);
    strlist_add(&s->lines, line);
  }
  atomic_store(&j->canceled, true);
  pthread_mutex_lock(&s->mu);
  s->done = true;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

void cancel_start(sim_job* j) {
  if (j->o->cancel_after < 0) return;
  cancel_state* s = xcalloc(1, sizeof *s);
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->cv, NULL);
  j->cancel = s;
  if (pthread_create(&s->thread, NULL, canceler, j) != 0) {
    job_msg(j, M_FATAL, "cannot start the cancel thread");
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
    j->cancel = NULL;
  }
}

void cancel_before_call(sim_job* j) {
  cancel_state* s = j->cancel;
  if (!s || s->requested || j->processed < j->o->cancel_after) return;
  pthread_mutex_lock(&s->mu);
  s->requested = true;
  pthread_cond_broadcast(&s->cv);
  while (j->o->cancel_early && !s->done) pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  s->pending = true;
}

void cancel_after_call(sim_job* j) {
  cancel_state* s = j->cancel;
  if (!s || !s->pending) return;
  s->pending = false;
  pthread_mutex_lock(&s->mu);
  while (!s->done) pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  for (size_t i = 0; i < s->lines.n; i++) trace_add(j, NULL, false, "%s", s->lines.v[i]);
}

void cancel_stop(sim_job* j) {
  cancel_state* s = j->cancel;
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  s->quit = true;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->thread, NULL);
  strlist_free(&s->lines);
  pthread_cond_destroy(&s->cv);
  pthread_mutex_destroy(&s->mu);
  free(s);
  j->cancel = NULL;
}
