/* CoreFunctions: the callbacks a plugin makes into the file daemon.  The
 * PluginContext's core_private_context is the sim_ctx of (job, plugin); a few
 * values are daemon-wide and also answer without a context, as in Bareos. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "lib/core.h"
#include "sim.h"

static const sim_env* env;

static sim_ctx* sctx(PluginContext* ctx) {
  return ctx ? (sim_ctx*)ctx->core_private_context : NULL;
}

static bRC set_events(PluginContext* ctx, bool on, int nr, va_list ap) {
  sim_ctx* c = sctx(ctx);
  if (!c) return bRC_Error;
  for (int i = 0; i < nr; i++) {
    unsigned ev = va_arg(ap, unsigned);
    if (ev < 1 || ev > FD_NR_EVENTS) continue;
    if (on)
      atomic_fetch_or(&c->events, 1u << ev);
    else
      atomic_fetch_and(&c->events, ~(1u << ev));
  }
  return bRC_OK;
}

static CORE_EVENTS_ENTRY(core_register, set_events, true)
static CORE_EVENTS_ENTRY(core_unregister, set_events, false)

static bRC core_instance_count(PluginContext* ctx, int* ret) {
  sim_ctx* c = sctx(ctx);
  if (!c || !ret) return bRC_Error;
  *ret = atomic_load(&c->plugin->instances);
  return bRC_OK;
}

/* String values; j is NULL when the plugin passed no context. */
static const char* var_str(sim_job* j, bVariable var) {
  switch (var) {
    case bVarFDName: return "sim-fd";
    case bVarWorkingDir: return env->opts.working_dir;
    case bVarExePath: return env->exe_dir;
    case bVarVersion: return SIM_VERSION;
    case bVarUsedConfig: return env->opts.config;
    case bVarPluginPath: return env->opts.plugin_dir ? env->opts.plugin_dir : "";
    default: break;
  }
  if (!j) return NULL;
  switch (var) {
    case bVarClient: return "sim-client";
    case bVarJobName: return j->name;
    case bVarWhere: return j->where;
    case bVarRegexWhere: return "";
    case bVarPrevJobName: return j->prev_job;
    default: return NULL;
  }
}

static bool var_int(sim_job* j, bVariable var, int* out) {
  switch (var) {
    case bVarJobId: *out = (int)j->jobid; return true;
    case bVarLevel: *out = j->level; return true;
    case bVarType: *out = j->kind == JOB_RESTORE ? 'R' : 'B'; return true;
    case bVarJobStatus:
      *out = atomic_load(&j->canceled) ? 'A' : atomic_load(&j->fatal) ? 'f' : 'R';
      return true;
    case bVarSinceTime: *out = (int)j->since; return true;
    case bVarAccurate: *out = j->accurate; return true;
    case bVarPrefixLinks: *out = 0; return true;
    default: return false;
  }
}

static bRC core_get_value(PluginContext* ctx, bVariable var, void* value) {
  sim_ctx* c = sctx(ctx);
  sim_job* j = c ? c->job : NULL;
  const char* s = var_str(j, var);
  if (!value) return bRC_Error;
  if (s) {
    *(const char**)value = s;
    return bRC_OK;
  }
  if (!j) return bRC_Error;
  if (var_int(j, var, value)) return bRC_OK;
  switch (var) {
    case bVarCheckChanges: *(bool*)value = atomic_load(&c->check_changes); return bRC_OK;
    case bVarDistName:
    case bVarVssClient: return bRC_Error;
    default: return bRC_OK; /* like 25.1: unknown values are left unwritten */
  }
}

static bRC core_set_value(PluginContext* ctx, bVariable var, const void* value) {
  sim_ctx* c = sctx(ctx);
  if (!c || !value) return bRC_Error;
  switch (var) {
    case bVarCheckChanges: atomic_store(&c->check_changes, *(const bool*)value); break;
    case bVarFileSeen: acc_mark(c->job->acc, value, true); break;
    default: job_msg(c->job, M_ERROR, "setBareosValue: variable %d not implemented", (int)var);
  }
  return bRC_OK;
}

static sim_job* ctx_job(PluginContext* ctx) {
  sim_ctx* c = sctx(ctx);
  return c ? c->job : NULL;
}

__attribute__((format(printf, 6, 7))) static CORE_JOB_MESSAGE_ENTRY(core_job_message, ctx_job,
                                                                     job_vmsg)

__attribute__((format(printf, 5, 6))) static bRC core_debug_message(
    PluginContext* ctx, const char* file, int line, int level, const char* fmt, ...) {
  (void)file, (void)line;
  sim_ctx* c = sctx(ctx);
  if (!fmt) return bRC_Error;
  if (env->opts.debug < level) return bRC_OK;
  char* text;
  va_list ap;
  va_start(ap, fmt);
  text = xvasprintf(fmt, ap);
  va_end(ap);
  size_t len = strlen(text);
  fprintf(stderr, "%s: %s%s", c ? c->plugin->loaded.pl.file : prog_name, text,
          len && text[len - 1] == '\n' ? "" : "\n");
  free(text);
  return bRC_OK;
}

static void* core_malloc(PluginContext* ctx, const char* file, int line, size_t size) {
  (void)ctx, (void)file, (void)line;
  return malloc(size);
}

static void core_free(PluginContext* ctx, const char* file, int line, void* mem) {
  (void)ctx, (void)file, (void)line;
  free(mem);
}

/* FileSet changes are recorded for the report; the FD accepts them only
 * while it parses the FileSet, i.e. during bEventPluginCommand. */
static bRC fileset_add(PluginContext* ctx, bool args_ok, char* entry) {
  sim_ctx* c = sctx(ctx);
  if (!c || !args_ok || !c->job->fileset_open) {
    free(entry);
    return bRC_Error;
  }
  pthread_mutex_lock(&c->job->lock);
  strlist_add(&c->job->fileset, entry);
  pthread_mutex_unlock(&c->job->lock);
  return bRC_OK;
}

#define ARG(s) ((s) ? (s) : "")

static bRC core_add_exclude(PluginContext* ctx, const char* file) {
  return fileset_add(ctx, file, xasprintf("AddExclude %s", ARG(file)));
}

static bRC core_add_include(PluginContext* ctx, const char* file) {
  return fileset_add(ctx, file, xasprintf("AddInclude %s", ARG(file)));
}

static bRC core_add_options(PluginContext* ctx, const char* opts) {
  return fileset_add(ctx, opts, xasprintf("AddOptions %s", ARG(opts)));
}

static bRC core_add_regex(PluginContext* ctx, const char* item, int type) {
  return fileset_add(ctx, item, xasprintf("AddRegex %s %d", ARG(item), type));
}

static bRC core_add_wild(PluginContext* ctx, const char* item, int type) {
  return fileset_add(ctx, item, xasprintf("AddWild %s %d", ARG(item), type));
}

static bRC core_new_options(PluginContext* ctx) {
  return fileset_add(ctx, true, xstrdup("NewOptions"));
}

static bRC core_new_include(PluginContext* ctx) {
  return fileset_add(ctx, true, xstrdup("NewInclude"));
}

static bRC core_new_pre_include(PluginContext* ctx) {
  return fileset_add(ctx, true, xstrdup("NewPreInclude"));
}

static bRC core_check_changes(PluginContext* ctx, struct save_pkt* sp) {
  sim_ctx* c = sctx(ctx);
  return c ? acc_check_changes(c->job, atomic_load(&c->check_changes), sp) : bRC_Error;
}

static bRC core_accept_file(PluginContext* ctx, struct save_pkt* sp) {
  if (!sctx(ctx) || !sp || !sp->fname) return bRC_Error;
  const strlist* ex = &env->opts.excludes;
  for (size_t i = 0; i < ex->n; i++)
    if (fnmatch(ex->v[i], sp->fname, 0) == 0) return bRC_Skip;
  return bRC_OK;
}

static bRC seen_bitmap(PluginContext* ctx, bool seen, bool all, char* fname) {
  sim_ctx* c = sctx(ctx);
  if (!c || all == (fname != NULL)) return bRC_Error;
  if (all)
    acc_mark_all(c->job->acc, seen);
  else
    acc_mark(c->job->acc, fname, seen);
  return bRC_OK;
}

static bRC core_set_seen(PluginContext* ctx, bool all, char* fname) {
  return seen_bitmap(ctx, true, all, fname);
}

static bRC core_clear_seen(PluginContext* ctx, bool all, char* fname) {
  return seen_bitmap(ctx, false, all, fname);
}

static CoreFunctions table = {
    sizeof(CoreFunctions), FD_PLUGIN_INTERFACE_VERSION, core_register, core_unregister,
    core_instance_count, core_get_value, core_set_value, core_job_message,
    core_debug_message, core_malloc, core_free, core_add_exclude, core_add_include,
    core_add_options, core_add_regex, core_add_wild, core_new_options, core_new_include,
    core_new_pre_include, core_check_changes, core_accept_file, core_set_seen,
    core_clear_seen};

CoreFunctions* core_functions(const sim_env* e) {
  env = e;
  return &table;
}
