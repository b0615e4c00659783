/* Finding, loading and checking plugins the way bareos-sd and bareos-dir do
 * at startup (same rules as the file daemon, other suffix/magic/version). */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static void take(void* arg, const loaded_plugin* loaded) {
  sim_env* env = arg;
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->loaded = *loaded;
  memcpy(&p->fn, loaded->pl.plugin_functions, sizeof p->fn);
  pthread_mutex_init(&p->lock, NULL);
  env->plugins = xrealloc(env->plugins, (env->nplugins + 1) * sizeof *env->plugins);
  env->plugins[env->nplugins++] = p;
}

/* -1 if the plugin directory cannot be read. */
int loader_load(sim_env* env) {
  const sim_opts* o = &env->opts;
  const daemon_desc* d = env->d;
  if (!o->plugin_dir) return 0;
  const plugin_rules rules = {.suffix = d->suffix, .magic = d->magic, .version = d->version,
                              .api = d->api, .core = d->core};
  return plugins_load(&rules, o->plugin_dir, &o->plugin_names, take, env);
}

static const plugin_entry entry_points[] = {
    PLUGIN_ENTRY(sim_fns, newPlugin), PLUGIN_ENTRY(sim_fns, freePlugin),
    PLUGIN_ENTRY(sim_fns, getPluginValue), PLUGIN_ENTRY(sim_fns, setPluginValue),
    PLUGIN_ENTRY(sim_fns, handlePluginEvent)};

void loader_info(const sim_env* env, FILE* out) {
  for (size_t i = 0; i < env->nplugins; i++)
    plugin_info(out, env->d->type_text, &env->plugins[i]->loaded, &env->plugins[i]->fn,
                entry_points, sizeof entry_points / sizeof *entry_points);
}

void loader_unload(sim_env* env) {
  for (size_t i = 0; i < env->nplugins; i++) {
    sim_plugin* p = env->plugins[i];
    plugin_unload(&p->loaded);
    pthread_mutex_destroy(&p->lock);
    free(p);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
