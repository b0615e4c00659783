/* Finding, loading and checking plugins the way bareos-sd and bareos-dir do
 * at startup (same rules as the file daemon, other suffix/magic/version). */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static void take(void* arg, const loaded_plugin* loaded) {
  sim_env* env = arg;
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->pl = loaded->pl;
  p->name = loaded->name;
  p->path = loaded->path;
  p->info = loaded->pl.plugin_information;
  env->d->copy_fns(loaded->pl.plugin_functions, &p->fn);
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

#define S(x) ((x) ? (x) : "(null)")

/* Like bpluginfo -v. */
void loader_info(const sim_env* env, FILE* out) {
  for (size_t i = 0; i < env->nplugins; i++) {
    const sim_plugin* p = env->plugins[i];
    const PluginInformation* in = p->info;
    fprintf(out,
            "Plugin: %s (%s)\n"
            "  Plugin type:          %s\n"
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
            p->name, p->path, env->d->type_text, S(in->plugin_magic), in->version, in->size,
            S(in->plugin_license), S(in->plugin_author), S(in->plugin_date),
            S(in->plugin_version), S(in->plugin_description), S(in->plugin_usage),
            p->fn.size, p->fn.version);
    const struct {
      const char* name;
      bool set;
    } eps[] = {{"newPlugin", p->fn.newPlugin},
               {"freePlugin", p->fn.freePlugin},
               {"getPluginValue", p->fn.getPluginValue},
               {"setPluginValue", p->fn.setPluginValue},
               {"handlePluginEvent", p->fn.handlePluginEvent}};
    for (size_t k = 0; k < sizeof eps / sizeof *eps; k++)
      fprintf(out, "    %-18s %s\n", eps[k].name, eps[k].set ? "set" : "NULL");
  }
}

void loader_unload(sim_env* env) {
  for (size_t i = 0; i < env->nplugins; i++) {
    sim_plugin* p = env->plugins[i];
    loaded_plugin loaded = {.pl = p->pl, .name = p->name, .path = p->path};
    plugin_unload(&loaded);
    pthread_mutex_destroy(&p->lock);
    free(p);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
