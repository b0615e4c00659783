/* Finding, loading and checking plugins the way bareos-fd does at startup. */
#include <stddef.h>
#include <stdlib.h>

#include "sim.h"

/* The FD passes these quirky values; they live as long as the plugin. */
static PluginApiDefinition api = {sizeof(PluginApiDefinition), FD_PLUGIN_INTERFACE_VERSION};

static void take(void* arg, const loaded_plugin* loaded) {
  sim_env* env = arg;
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->loaded = *loaded;
  p->fn = loaded->pl.plugin_functions;
  atomic_init(&p->instances, 0);
  env->plugins = xrealloc(env->plugins, (env->nplugins + 1) * sizeof *env->plugins);
  env->plugins[env->nplugins++] = p;
}

/* -1 if the plugin directory cannot be read. */
int loader_load(sim_env* env) {
  const sim_opts* o = &env->opts;
  if (!o->plugin_dir) return 0;
  const plugin_rules rules = {.suffix = "-fd.so", .magic = FD_PLUGIN_MAGIC,
                              .version = FD_PLUGIN_INTERFACE_VERSION, .api = &api,
                              .core = core_functions(env)};
  return plugins_load(&rules, o->plugin_dir, &o->plugin_names, take, env);
}

static const plugin_entry entry_points[] = {
#define EP(m) PLUGIN_ENTRY(PluginFunctions, m)
    EP(newPlugin),      EP(freePlugin),     EP(getPluginValue),   EP(setPluginValue),
    EP(handlePluginEvent), EP(startBackupFile), EP(endBackupFile), EP(startRestoreFile),
    EP(endRestoreFile), EP(pluginIO),       EP(createFile),       EP(setFileAttributes),
    EP(checkFile),      EP(getAcl),         EP(setAcl),           EP(getXattr),
    EP(setXattr)
#undef EP
};

void loader_info(const sim_env* env, FILE* out) {
  for (size_t i = 0; i < env->nplugins; i++)
    plugin_info(out, "File Daemon plugin", &env->plugins[i]->loaded, env->plugins[i]->fn,
                entry_points, sizeof entry_points / sizeof *entry_points);
}

void loader_unload(sim_env* env) {
  for (size_t i = 0; i < env->nplugins; i++) {
    plugin_unload(&env->plugins[i]->loaded);
    free(env->plugins[i]);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
