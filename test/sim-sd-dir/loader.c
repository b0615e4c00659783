/* Finding, loading and checking plugins the way bareos-sd and bareos-dir do
 * at startup (same rules as the file daemon, other suffix/magic/version). */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sim.h"

static void add_plugin(sim_env* env, sim_plugin* p) {
  sim_plugin** v = xmalloc((env->nplugins + 1) * sizeof *v);
  if (env->nplugins) memcpy(v, env->plugins, env->nplugins * sizeof *v);
  free(env->plugins);
  env->plugins = v;
  env->plugins[env->nplugins++] = p;
}

/* NULL if the plugin may be used, else why not. */
static const char* reject_reason(const daemon_desc* d, const PluginInformation* info,
                                 const void* fn) {
  if (!info) return "no PluginInformation";
  if (!fn) return "no PluginFunctions";
  if (!info->plugin_magic || strcmp(info->plugin_magic, d->magic) != 0)
    return "wrong plugin magic";
  if (info->version != d->version) return "wrong interface version";
  if (!info->plugin_license || (strcasecmp(info->plugin_license, "Bareos AGPLv3") != 0 &&
                                strcasecmp(info->plugin_license, "AGPLv3") != 0))
    return "license not compatible";
  if (info->size != sizeof(PluginInformation)) return "wrong PluginInformation size";
  return NULL;
}

static void load_one(sim_env* env, const char* dir, const char* file) {
  const daemon_desc* d = env->d;
  char* path = xasprintf("%s/%s", dir, file);
  struct stat st;
  void* handle = NULL;
  if (lstat(path, &st) != 0) {
    fprintf(stderr, "%s: plugin %s: %s\n", prog_name, path, strerror(errno));
    goto out;
  }
  if (!S_ISREG(st.st_mode)) goto out; /* symlinks are skipped silently */
  handle = dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
  if (!handle) {
    fprintf(stderr, "%s: cannot load plugin %s: %s\n", prog_name, path, dlerror());
    goto out;
  }
  LoadPluginFn load = (LoadPluginFn)dlsym(handle, "loadPlugin");
  UnloadPluginFn unload = (UnloadPluginFn)dlsym(handle, "unloadPlugin");
  if (!load || !unload) {
    fprintf(stderr, "%s: plugin %s lacks loadPlugin/unloadPlugin\n", prog_name, path);
    goto out;
  }
  void *info = NULL, *fn = NULL;
  bRC rc = load(d->api, d->core, &info, &fn);
  if (rc != bRC_OK) {
    fprintf(stderr, "%s: plugin %s: loadPlugin returned %d\n", prog_name, path, (int)rc);
    goto out;
  }
  const char* why = reject_reason(d, info, fn);
  if (why) {
    fprintf(stderr, "%s: plugin %s rejected: %s\n", prog_name, path, why);
    unload();
    goto out;
  }
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->name = xstrndup(file, strlen(file) - strlen(d->suffix));
  p->path = path;
  p->pl.file = xstrdup(file);
  p->pl.file_len = (int32_t)strlen(p->name);
  p->pl.unloadPlugin = unload;
  p->pl.plugin_information = info;
  p->pl.plugin_functions = fn;
  p->pl.plugin_handle = handle;
  p->info = info;
  d->copy_fns(fn, &p->fn);
  pthread_mutex_init(&p->lock, NULL);
  add_plugin(env, p);
  return;
out:
  if (handle) dlclose(handle);
  free(path);
}

static const char* scan_suffix; /* scandir's filter takes no argument */

static int filter(const struct dirent* e) {
  size_t n = strlen(e->d_name), s = strlen(scan_suffix);
  return n > s && strcmp(e->d_name + n - s, scan_suffix) == 0;
}

/* -1 if the plugin directory cannot be read. */
int loader_load(sim_env* env) {
  const sim_opts* o = &env->opts;
  if (!o->plugin_dir) return 0;
  /* With Plugin Names the daemon loads exactly those, in the given order. */
  if (o->plugin_names.n) {
    for (size_t i = 0; i < o->plugin_names.n; i++) {
      char* file = xasprintf("%s%s", o->plugin_names.v[i], env->d->suffix);
      load_one(env, o->plugin_dir, file);
      free(file);
    }
    return 0;
  }
  struct dirent** list;
  scan_suffix = env->d->suffix;
  int n = scandir(o->plugin_dir, &list, filter, alphasort);
  if (n < 0) {
    fprintf(stderr, "%s: cannot read plugin directory %s: %s\n", prog_name, o->plugin_dir,
            strerror(errno));
    return -1;
  }
  for (int i = 0; i < n; i++) {
    load_one(env, o->plugin_dir, list[i]->d_name);
    free(list[i]);
  }
  free(list);
  return 0;
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
    p->pl.unloadPlugin();
    dlclose(p->pl.plugin_handle);
    pthread_mutex_destroy(&p->lock);
    free(p->name);
    free(p->path);
    free(p->pl.file);
    free(p);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
