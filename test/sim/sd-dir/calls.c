/* Every call from the core into a plugin goes through here, so that --trace
 * sees them all in order, --thread-hop can move each one to another thread,
 * and a missing entry point becomes a job error instead of a crash. */
#include <stdlib.h>

#include "sim.h"

void trace_add(sim_job* j, const sim_ctx* c, const char* fmt, ...) {
  if (!j->env->opts.trace) return;
  va_list ap;
  va_start(ap, fmt);
  char* text = xvasprintf(fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&j->lock);
  sim_trace* t = vec_push(&j->trace, sizeof *t);
  t->ctx = c;
  t->text = text;
  pthread_mutex_unlock(&j->lock);
}

typedef enum { CALL_NEW, CALL_FREE, CALL_EVENT } call_kind;

typedef struct call {
  sim_ctx* c;
  call_kind kind;
  bEvent event;
  void* value;
  bRC rc;
} call;

static void run_call(void* arg) {
  call* k = arg;
  const sim_fns* f = &k->c->plugin->fn;
  PluginContext* pc = &k->c->pc;
  switch (k->kind) {
    case CALL_NEW: k->rc = f->newPlugin(pc); break;
    case CALL_FREE: k->rc = f->freePlugin(pc); break;
    case CALL_EVENT: k->rc = f->handlePluginEvent(pc, &k->event, k->value); break;
  }
}

static bRC perform(call* k) {
  sim_job* j = k->c->job;
  if (j->env->hop)
    hop_run(j->env->hop, &j->hop_last, run_call, k);
  else
    run_call(k);
  return k->rc;
}

static bool have(sim_ctx* c, bool present, const char* what) {
  if (!present)
    job_msg(c->job, M_FATAL, "Plugin %s has no %s entry point", c->plugin->loaded.name, what);
  return present;
}

bRC call_new(sim_ctx* c) {
  if (!have(c, c->plugin->fn.newPlugin, "newPlugin")) return bRC_Error;
  call k = {.c = c, .kind = CALL_NEW};
  bRC rc = perform(&k);
  if (rc == bRC_OK)
    trace_add(c->job, c, "newPlugin instance %u", c->pc.instance);
  else
    trace_add(c->job, c, "newPlugin instance %u -> %d", c->pc.instance, (int)rc);
  return rc;
}

void call_free(sim_ctx* c) {
  if (!c->plugin->fn.freePlugin) return;
  call k = {.c = c, .kind = CALL_FREE};
  perform(&k);
  trace_add(c->job, c, "freePlugin");
}

bRC call_event(sim_ctx* c, int ev, void* value) {
  if (!have(c, c->plugin->fn.handlePluginEvent, "handlePluginEvent")) return bRC_Error;
  call k = {.c = c, .kind = CALL_EVENT, .event = {(uint32_t)ev}, .value = value};
  bRC rc = perform(&k);
  trace_add(c->job, c, "handlePluginEvent %d -> %d", ev, (int)rc);
  return rc;
}
