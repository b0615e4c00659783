/* The CoreFunctions both daemons share.  The PluginContext's
 * core_private_context is the sim_ctx of (job, plugin, instance); sd.c and
 * dir.c wrap these into their own tables, whose variable numbers select a
 * row of the daemon's var_desc / wkind table. */
#include <stdlib.h>
#include <string.h>

#include "lib/core.h"
#include "sim.h"

static const sim_env* env;

void core_set_env(const sim_env* e) { env = e; }

static sim_ctx* sctx(PluginContext* ctx) {
  return ctx ? (sim_ctx*)ctx->core_private_context : NULL;
}

static bRC set_events(PluginContext* ctx, bool on, int nr, va_list ap) {
  sim_ctx* c = sctx(ctx);
  if (!c) return bRC_Error;
  pthread_mutex_lock(&c->job->lock);
  for (int i = 0; i < nr; i++) {
    int ev = va_arg(ap, int);
    if (ev < 1 || ev > env->d->nr_events) continue; /* the daemons ignore these too */
    if (on)
      c->events |= 1u << ev;
    else
      c->events &= ~(1u << ev);
  }
  pthread_mutex_unlock(&c->job->lock);
  return bRC_OK;
}

CORE_EVENTS_ENTRY(core_register, set_events, true)
CORE_EVENTS_ENTRY(core_unregister, set_events, false)

bRC core_instance_count(PluginContext* ctx, int* ret) {
  sim_ctx* c = sctx(ctx);
  if (!c || !ret) return bRC_Error;
  pthread_mutex_lock(&c->plugin->lock);
  *ret = c->plugin->instances;
  pthread_mutex_unlock(&c->plugin->lock);
  return bRC_OK;
}

static const void* field(const sim_job* j, size_t off) { return (const char*)j + off; }

bRC core_get_value(PluginContext* ctx, int var, void* value) {
  const daemon_desc* d = env->d;
  if (!value) return bRC_Error;
  /* Like 25.1: a variable the daemon does not know is left unwritten. */
  if (var < 1 || var >= d->nvars || d->vars[var].type == V_NONE) return bRC_OK;
  const var_desc* v = &d->vars[var];
  if (v->type == V_PLUGIN_DIR) {
    *(const char**)value = env->opts.plugin_dir ? env->opts.plugin_dir : "";
    return bRC_OK;
  }
  sim_ctx* c = sctx(ctx);
  if (!c || v->type == V_ERR) return bRC_Error;
  sim_job* j = c->job;
  bRC rc = bRC_OK;
  pthread_mutex_lock(&j->lock);
  if (v->device && !j->attached) {
    rc = bRC_Error;
  } else if (v->type == V_INT) {
    *(int*)value = *(const int*)field(j, v->off);
  } else if (v->type == V_U64) {
    *(uint64_t*)value = *(const uint64_t*)field(j, v->off);
  } else {
    const char* s = *(char* const*)field(j, v->off);
    if (s)
      *(const char**)value = s; /* stays valid until the job ends (old_strings) */
    else
      rc = bRC_Error;
  }
  pthread_mutex_unlock(&j->lock);
  return rc;
}

static bool valid_level(int level) { return level > 0 && level < 128 && strchr("FIDSCVOdABf", level); }

bRC core_set_value(PluginContext* ctx, int var, void* value) {
  const daemon_desc* d = env->d;
  sim_ctx* c = sctx(ctx);
  if (!c || !value) return bRC_Error;
  sim_job* j = c->job;
  wkind k = var >= 1 && var < d->nwvars ? d->wvars[var] : W_NONE;
  bRC rc = bRC_OK;
  pthread_mutex_lock(&j->lock);
  switch (k) {
    case W_VOLUME:
      job_set_string(j, &j->volume, value);
      j->set_volume = j->volume;
      break;
    case W_PRIORITY:
      if (*(int*)value <= 0) {
        rc = bRC_Error;
        break;
      }
      j->priority = j->set_priority = *(int*)value;
      break;
    case W_LEVEL:
      if (!valid_level(*(int*)value)) {
        rc = bRC_Error;
        break;
      }
      j->level = j->set_level = *(int*)value;
      break;
    case W_IGNORE:
    case W_NONE: break;
  }
  pthread_mutex_unlock(&j->lock);
  return rc;
}

static sim_job* ctx_job(PluginContext* ctx) {
  sim_ctx* c = sctx(ctx);
  return c ? c->job : NULL;
}

CORE_JOB_MESSAGE_ENTRY(core_job_message, ctx_job, job_vmsg)

bRC core_debug_message(PluginContext* ctx, const char* file, int line, int level,
                       const char* fmt, ...) {
  (void)file, (void)line;
  sim_ctx* c = sctx(ctx);
  if (!fmt) return bRC_Error;
  if (env->opts.debug < level) return bRC_OK;
  va_list ap;
  va_start(ap, fmt);
  char* text = xvasprintf_line(fmt, ap);
  va_end(ap);
  fprintf(stderr, "%s: %s\n", c ? c->plugin->loaded.pl.file : prog_name, text);
  if (c)
    job_debug(c->job, level, text);
  else
    free(text);
  return bRC_OK;
}
