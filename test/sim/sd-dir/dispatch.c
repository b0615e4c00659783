/* Which context gets what: instance creation, the "SD/Dir Plugin Options"
 * lines with their instance= selector, and event delivery in plugin order. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim.h"

sim_ctx* ctx_new(sim_job* j, sim_plugin* p, uint32_t instance) {
  sim_ctx* c = xcalloc(1, sizeof *c);
  c->pc.instance = instance;
  c->pc.plugin = &p->loaded.pl;
  c->pc.core_private_context = c;
  c->job = j;
  c->plugin = p;
  c->label = xasprintf("%s[%u]", p->loaded.name, instance);
  /* Contexts are appended, so later instances follow every instance 0. */
  sim_ctx** v = xmalloc((j->nctx + 1) * sizeof *v);
  if (j->nctx) memcpy(v, j->ctx, j->nctx * sizeof *v);
  free(j->ctx);
  j->ctx = v;
  j->ctx[j->nctx++] = c;
  pthread_mutex_lock(&p->lock);
  p->instances++;
  pthread_mutex_unlock(&p->lock);
  c->disabled = call_new(c) != bRC_OK; /* never called again in this job */
  return c;
}

static bool ctx_wants(sim_ctx* c, int ev) {
  if (c->disabled || ev < 1 || ev > c->job->d->nr_events) return false;
  pthread_mutex_lock(&c->job->lock);
  bool on = (c->events & (1u << ev)) != 0;
  pthread_mutex_unlock(&c->job->lock);
  return on;
}

/* Not delivered (unregistered, disabled) counts as bRC_OK. */
static bRC event_to(sim_ctx* c, int ev, void* value) {
  if (!ctx_wants(c, ev)) return bRC_OK;
  bRC rc = call_event(c, ev, value);
  if (rc == bRC_Term) {
    c->disabled = true;
    job_msg(c->job, M_WARNING,
            "Plugin %s returned bRC_Term for event %d; disabled for this job "
            "(the real daemon would unload it for all jobs)",
            c->label, ev);
  }
  return rc;
}

static bool ends_dispatch(bRC rc) { return rc == bRC_Stop || rc == bRC_Error || rc == bRC_Skip; }

/* Returns the first non-OK result and, in *who, the context that gave it. */
bRC event_all(sim_job* j, int ev, void* value, const sim_ctx** who) {
  bool reverse = ev == j->d->reverse_event;
  size_t n = j->nctx;
  bRC first = bRC_OK;
  for (size_t i = 0; i < n; i++) {
    sim_ctx* c = j->ctx[reverse ? n - 1 - i : i];
    bRC rc = event_to(c, ev, value);
    if (rc == bRC_OK) continue;
    if (first == bRC_OK) {
      first = rc;
      *who = c;
    }
    if (j->d->stop_on_failure && ends_dispatch(rc)) break;
  }
  return first;
}

/* The instance= item of an options line: 0 if there is none, -1 if bad. */
static long instance_of(const char* items) {
  char *copy = xstrdup(items), *save = NULL;
  long instance = 0;
  for (char* t = strtok_r(copy, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
    if (strncasecmp(t, "instance=", 9) != 0) continue;
    char* end;
    instance = strtol(t + 9, &end, 10);
    if (end == t + 9 || *end || instance < PLUGIN_INSTANCE_MIN || instance > PLUGIN_INSTANCE_MAX)
      instance = -1;
    break;
  }
  free(copy);
  return instance;
}

static sim_ctx* find_ctx(sim_job* j, const sim_plugin* p, uint32_t instance) {
  for (size_t i = 0; i < j->nctx; i++)
    if (j->ctx[i]->plugin == p && j->ctx[i]->pc.instance == instance) return j->ctx[i];
  return NULL;
}

/* One "Plugin Options" line goes to the plugin it names, to the instance
 * its instance= item selects (created on first use). */
void options_dispatch(sim_job* j, const char* line) {
  const char* colon = strchr(line, ':');
  size_t len = colon ? (size_t)(colon - line) : strlen(line);
  for (size_t i = 0; i < j->env->nplugins; i++) {
    sim_plugin* p = j->env->plugins[i];
    const char* name = p->loaded.name;
    if (strlen(name) != len || strncasecmp(line, name, len) != 0) continue;
    long instance = instance_of(colon ? colon + 1 : "");
    if (instance < 0) {
      job_msg(j, M_ERROR, "Illegal instance in plugin options \"%s\" (allowed %d..%d)", line,
              PLUGIN_INSTANCE_MIN, PLUGIN_INSTANCE_MAX);
      continue;
    }
    sim_ctx* c = find_ctx(j, p, (uint32_t)instance);
    if (!c) c = ctx_new(j, p, (uint32_t)instance);
    /* Each delivery gets its own copy: a plugin may tokenize it in place. */
    char* value = xstrdup(line);
    event_to(c, j->d->ev_options, value);
    free(value);
  }
}
