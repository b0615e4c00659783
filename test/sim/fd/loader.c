/* Finding, loading and checking plugins the way bareos-fd does at startup. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* The FD passes these quirky values; they live as long as the plugin. */
static PluginApiDefinition api = {sizeof(PluginApiDefinition), FD_PLUGIN_INTERFACE_VERSION};

static void take(void* arg, const loaded_plugin* loaded) {
  sim_env* env = arg;
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->pl = loaded->pl;
  p->name = loaded->name;
  p->path = loaded->path;
  p->info = loaded->pl.plugin_information;
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

#define S(x) ((x) ? (x) : "(null)")

static const struct {
  const char* name;
  size_t off;
} entry_points[] = {
#define EP(m) {#m, offsetof(PluginFunctions, m)}
    EP(newPlugin),      EP(freePlugin),     EP(getPluginValue),   EP(setPluginValue),
    EP(handlePluginEvent), EP(startBackupFile), EP(endBackupFile), EP(startRestoreFile),
    EP(endRestoreFile), EP(pluginIO),       EP(createFile),       EP(setFileAttributes),
    EP(checkFile),      EP(getAcl),         EP(setAcl),           EP(getXattr),
    EP(setXattr)
#undef EP
};

/* Like bpluginfo -v. */
void loader_info(const sim_env* env, FILE* out) {
  for (size_t i = 0; i < env->nplugins; i++) {
    const sim_plugin* p = env->plugins[i];
    const PluginInformation* in = p->info;
    fprintf(out,
            "Plugin: %s (%s)\n"
            "  Plugin type:          File Daemon plugin\n"
            "  Plugin magic:         %s\n"
            "  Plugin version:       %u\n"
            "  Plugin info size:     %u\n"
            "  Plugin license:       %s\n"
            "  Plugin author:        %s\n"
            "  Plugin date:          %s\n"
            "  Plugin release:       %s\n"
            "  Plugin description:   %s\n"
            "  Plugin usage:         %s\n"
            "  Plugin functions:     size %u, version %u\n",
            p->name, p->path, S(in->plugin_magic), in->version, in->size,
            S(in->plugin_license), S(in->plugin_author), S(in->plugin_date),
            S(in->plugin_version), S(in->plugin_description), S(in->plugin_usage),
            p->fn->size, p->fn->version);
    for (size_t k = 0; k < sizeof entry_points / sizeof *entry_points; k++) {
      void* slot;
      memcpy(&slot, (const char*)p->fn + entry_points[k].off, sizeof slot);
      fprintf(out, "    %-18s %s\n", entry_points[k].name, slot ? "set" : "NULL");
    }
  }
}

void loader_unload(sim_env* env) {
  for (size_t i = 0; i < env->nplugins; i++) {
    sim_plugin* p = env->plugins[i];
    loaded_plugin loaded = {.pl = p->pl, .name = p->name, .path = p->path};
    plugin_unload(&loaded);
    free(p);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
