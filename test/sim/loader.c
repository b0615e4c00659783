/* Finding, loading and checking plugins the way bareos-fd does at startup. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sim.h"

#define SUFFIX "-fd.so"

/* The FD passes these quirky values; they live as long as the plugin. */
static PluginApiDefinition api = {sizeof(PluginApiDefinition), FD_PLUGIN_INTERFACE_VERSION};

static void add_plugin(sim_env* env, sim_plugin* p) {
  sim_plugin** v = xmalloc((env->nplugins + 1) * sizeof *v);
  if (env->nplugins) memcpy(v, env->plugins, env->nplugins * sizeof *v);
  free(env->plugins);
  env->plugins = v;
  env->plugins[env->nplugins++] = p;
}

/* NULL if the plugin may be used, else why not. */
static const char* reject_reason(const PluginInformation* info, const PluginFunctions* fn) {
  if (!info) return "no PluginInformation";
  if (!fn) return "no PluginFunctions";
  if (!info->plugin_magic || strcmp(info->plugin_magic, FD_PLUGIN_MAGIC) != 0)
    return "wrong plugin magic";
  if (info->version != FD_PLUGIN_INTERFACE_VERSION) return "wrong interface version";
  if (!info->plugin_license || (strcasecmp(info->plugin_license, "Bareos AGPLv3") != 0 &&
                                strcasecmp(info->plugin_license, "AGPLv3") != 0))
    return "license not compatible";
  if (info->size != sizeof(PluginInformation)) return "wrong PluginInformation size";
  return NULL;
}

static void load_one(sim_env* env, const char* dir, const char* file) {
  char* path = xasprintf("%s/%s", dir, file);
  struct stat st;
  void* handle = NULL;
  if (lstat(path, &st) != 0) {
    fprintf(stderr, "bareos-fd-sim: plugin %s: %s\n", path, strerror(errno));
    goto out;
  }
  if (!S_ISREG(st.st_mode)) goto out; /* symlinks are skipped silently */
  handle = dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
  if (!handle) {
    fprintf(stderr, "bareos-fd-sim: cannot load plugin %s: %s\n", path, dlerror());
    goto out;
  }
  LoadPluginFn load = (LoadPluginFn)dlsym(handle, "loadPlugin");
  UnloadPluginFn unload = (UnloadPluginFn)dlsym(handle, "unloadPlugin");
  if (!load || !unload) {
    fprintf(stderr, "bareos-fd-sim: plugin %s lacks loadPlugin/unloadPlugin\n", path);
    goto out;
  }
  void *info = NULL, *fn = NULL;
  bRC rc = load(&api, core_functions(env), &info, &fn);
  if (rc != bRC_OK) {
    fprintf(stderr, "bareos-fd-sim: plugin %s: loadPlugin returned %d\n", path, (int)rc);
    goto out;
  }
  const char* why = reject_reason(info, fn);
  if (why) {
    fprintf(stderr, "bareos-fd-sim: plugin %s rejected: %s\n", path, why);
    unload();
    goto out;
  }
  sim_plugin* p = xcalloc(1, sizeof *p);
  p->name = xstrndup(file, strlen(file) - strlen(SUFFIX));
  p->path = path;
  p->pl.file = xstrdup(file);
  p->pl.file_len = (int32_t)strlen(p->name);
  p->pl.unloadPlugin = unload;
  p->pl.plugin_information = info;
  p->pl.plugin_functions = fn;
  p->pl.plugin_handle = handle;
  p->info = info;
  p->fn = fn;
  atomic_init(&p->instances, 0);
  add_plugin(env, p);
  return;
out:
  if (handle) dlclose(handle);
  free(path);
}

static bool is_plugin_file(const struct dirent* d) {
  size_t n = strlen(d->d_name), s = strlen(SUFFIX);
  return n > s && strcmp(d->d_name + n - s, SUFFIX) == 0;
}

static int filter(const struct dirent* d) { return is_plugin_file(d); }

/* -1 if the plugin directory cannot be read. */
int loader_load(sim_env* env) {
  const sim_opts* o = &env->opts;
  if (!o->plugin_dir) return 0;
  /* With Plugin Names the FD loads exactly those, in the given order. */
  if (o->plugin_names.n) {
    for (size_t i = 0; i < o->plugin_names.n; i++) {
      char* file = xasprintf("%s%s", o->plugin_names.v[i], SUFFIX);
      load_one(env, o->plugin_dir, file);
      free(file);
    }
    return 0;
  }
  struct dirent** list;
  int n = scandir(o->plugin_dir, &list, filter, alphasort);
  if (n < 0) {
    fprintf(stderr, "bareos-fd-sim: cannot read plugin directory %s: %s\n", o->plugin_dir,
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
    p->pl.unloadPlugin();
    dlclose(p->pl.plugin_handle);
    free(p->name);
    free(p->path);
    free(p->pl.file);
    free(p);
  }
  free(env->plugins);
  env->plugins = NULL;
  env->nplugins = 0;
}
