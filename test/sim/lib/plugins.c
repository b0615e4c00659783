/* Finding, loading, checking and describing plugin files the way the Bareos
 * daemons do; each daemon brings its suffix, magic and interface version. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lib/plugins.h"

/* NULL if the plugin may be used, else why not. */
static const char* reject_reason(const plugin_rules* rules, const PluginInformation* info,
                                 const void* fn) {
  if (!info) return "no PluginInformation";
  if (!fn) return "no PluginFunctions";
  if (!info->plugin_magic || strcmp(info->plugin_magic, rules->magic) != 0)
    return "wrong plugin magic";
  if (info->version != rules->version) return "wrong interface version";
  if (!info->plugin_license || (strcasecmp(info->plugin_license, "Bareos AGPLv3") != 0 &&
                                strcasecmp(info->plugin_license, "AGPLv3") != 0))
    return "license not compatible";
  if (info->size != sizeof(PluginInformation)) return "wrong PluginInformation size";
  return NULL;
}

static bool plugin_load(const plugin_rules* rules, const char* dir, const char* file,
                        loaded_plugin* out) {
  char* path = xasprintf("%s/%s", dir, file);
  struct stat st;
  void* handle = NULL;
  if (lstat(path, &st) != 0) {
    fprintf(stderr, "%s: plugin %s: %s\n", prog_name, path, strerror(errno));
    goto fail;
  }
  if (!S_ISREG(st.st_mode)) goto fail; /* symlinks are skipped silently */
  handle = dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
  if (!handle) {
    fprintf(stderr, "%s: cannot load plugin %s: %s\n", prog_name, path, dlerror());
    goto fail;
  }
  LoadPluginFn load = (LoadPluginFn)dlsym(handle, "loadPlugin");
  UnloadPluginFn unload = (UnloadPluginFn)dlsym(handle, "unloadPlugin");
  if (!load || !unload) {
    fprintf(stderr, "%s: plugin %s lacks loadPlugin/unloadPlugin\n", prog_name, path);
    goto fail;
  }
  void *info = NULL, *fn = NULL;
  bRC rc = load(rules->api, rules->core, &info, &fn);
  if (rc != bRC_OK) {
    fprintf(stderr, "%s: plugin %s: loadPlugin returned %d\n", prog_name, path, (int)rc);
    goto fail;
  }
  const char* why = reject_reason(rules, info, fn);
  if (why) {
    fprintf(stderr, "%s: plugin %s rejected: %s\n", prog_name, path, why);
    unload();
    goto fail;
  }
  *out = (loaded_plugin){0};
  out->name = xstrndup(file, strlen(file) - strlen(rules->suffix));
  out->path = path;
  out->pl.file = xstrdup(file);
  out->pl.file_len = (int32_t)strlen(out->name);
  out->pl.unloadPlugin = unload;
  out->pl.plugin_information = info;
  out->pl.plugin_functions = fn;
  out->pl.plugin_handle = handle;
  return true;
fail:
  if (handle) dlclose(handle);
  free(path);
  return false;
}

void plugin_unload(loaded_plugin* p) {
  p->pl.unloadPlugin();
  dlclose(p->pl.plugin_handle);
  free(p->name);
  free(p->path);
  free(p->pl.file);
  *p = (loaded_plugin){0};
}

static const char* scan_suffix; /* scandir's filter takes no argument */

static int has_suffix(const struct dirent* e) {
  size_t n = strlen(e->d_name), s = strlen(scan_suffix);
  return n > s && strcmp(e->d_name + n - s, scan_suffix) == 0;
}

/* The plugin files to load from dir, in order. */
static int plugin_files(const plugin_rules* rules, const char* dir, const strlist* names,
                        strlist* files) {
  if (names->n) {
    for (size_t i = 0; i < names->n; i++)
      strlist_add(files, xasprintf("%s%s", names->v[i], rules->suffix));
    return 0;
  }
  struct dirent** list;
  scan_suffix = rules->suffix;
  int n = scandir(dir, &list, has_suffix, alphasort);
  if (n < 0) {
    fprintf(stderr, "%s: cannot read plugin directory %s: %s\n", prog_name, dir,
            strerror(errno));
    return -1;
  }
  for (int i = 0; i < n; i++) {
    strlist_add(files, xstrdup(list[i]->d_name));
    free(list[i]);
  }
  free(list);
  return 0;
}

int plugins_load(const plugin_rules* rules, const char* dir, const strlist* names,
                 void (*take)(void* arg, const loaded_plugin* p), void* arg) {
  strlist files = {0};
  if (plugin_files(rules, dir, names, &files) < 0) return -1;
  for (size_t i = 0; i < files.n; i++) {
    loaded_plugin loaded;
    if (plugin_load(rules, dir, files.v[i], &loaded)) take(arg, &loaded);
  }
  strlist_free(&files);
  return 0;
}

#define S(x) ((x) ? (x) : "(null)")

void plugin_info(FILE* out, const char* type_text, const loaded_plugin* p, const void* fns,
                 const plugin_entry* entries, size_t n) {
  const PluginInformation* in = p->pl.plugin_information;
  uint32_t head[2]; /* every table starts with its size and version */
  memcpy(head, fns, sizeof head);
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
          p->name, p->path, type_text, S(in->plugin_magic), in->version, in->size,
          S(in->plugin_license), S(in->plugin_author), S(in->plugin_date),
          S(in->plugin_version), S(in->plugin_description), S(in->plugin_usage), head[0],
          head[1]);
  for (size_t k = 0; k < n; k++) {
    void* slot;
    memcpy(&slot, (const char*)fns + entries[k].off, sizeof slot);
    fprintf(out, "    %-18s %s\n", entries[k].name, slot ? "set" : "NULL");
  }
}
