/* make bench, row 5: resident memory per quickjs-fd instance with 100
 * instances alive, idle (newPlugin only) and with a bundle loaded.
 * usage: bench-instances <plugin .so> <module_path> <module_name> [options] */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd/fd_abi.h"
#include "lib/util.h"

#define INSTANCES 100

static const char* plugin_dir;

static bRC ok_events(PluginContext* ctx, int n, ...) { (void)ctx, (void)n; return bRC_OK; }
static bRC count(PluginContext* ctx, int* ret) { (void)ctx; *ret = INSTANCES; return bRC_OK; }
static bRC get_value(PluginContext* ctx, bVariable var, void* value) {
  (void)ctx;
  if (var == bVarPluginPath || var == bVarWorkingDir) *(const char**)value = plugin_dir;
  return bRC_OK;
}
static bRC set_value(PluginContext* ctx, bVariable var, const void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}
/* Only failures matter here. */
static bRC job_message(PluginContext* ctx, const char* file, int line, int type, utime_t mtime,
                       const char* fmt, ...) {
  (void)ctx, (void)file, (void)line, (void)mtime;
  if (type == M_FATAL || type == M_ERROR) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
  }
  return bRC_OK;
}
static bRC debug_message(PluginContext* ctx, const char* file, int line, int level,
                         const char* fmt, ...) {
  (void)ctx, (void)file, (void)line, (void)level, (void)fmt;
  return bRC_OK;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: bench-instances <plugin.so> <module_path> <module_name> [options]\n");
    return 2;
  }
  plugin_dir = argv[2];
  void* so = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
  LoadPluginFn load = so ? (LoadPluginFn)(uintptr_t)dlsym(so, "loadPlugin") : NULL;
  if (!load) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
    return 1;
  }
  CoreFunctions core = {.size = sizeof core, .version = FD_PLUGIN_INTERFACE_VERSION,
                        .registerBareosEvents = ok_events, .unregisterBareosEvents = ok_events,
                        .getInstanceCount = count, .getBareosValue = get_value,
                        .setBareosValue = set_value, .JobMessage = job_message,
                        .DebugMessage = debug_message};
  PluginApiDefinition api = {8, FD_PLUGIN_INTERFACE_VERSION};
  void *info, *funcs;
  if (load(&api, &core, &info, &funcs) != bRC_OK) return 1;
  PluginFunctions* fn = funcs;
  Plugin plugin = {.file = "quickjs-fd.so", .file_len = 7};
  PluginContext* ctx = calloc(INSTANCES, sizeof *ctx);
  char definition[4096];
  snprintf(definition, sizeof definition, "quickjs:module_path=%s:module_name=%s%s%s", argv[2],
           argv[3], argc > 4 ? ":" : "", argc > 4 ? argv[4] : "");

  long before = rss_kib();
  for (int i = 0; i < INSTANCES; i++) {
    ctx[i].plugin = &plugin;
    fn->newPlugin(&ctx[i]);
  }
  long idle = rss_kib();
  int failed = 0;
  bEvent ev = {bEventPluginCommand};
  for (int i = 0; i < INSTANCES; i++) failed += fn->handlePluginEvent(&ctx[i], &ev, definition) != bRC_OK;
  long loaded = rss_kib();
  for (int i = 0; i < INSTANCES; i++) fn->freePlugin(&ctx[i]);
  free(ctx);
  ((UnloadPluginFn)(uintptr_t)dlsym(so, "unloadPlugin"))();
  dlclose(so);
  printf("{\"instances\":%d,\"idle_kib\":%.1f,\"loaded_kib\":%.1f,\"failed\":%d}\n", INSTANCES,
         (double)(idle - before) / INSTANCES, (double)(loaded - before) / INSTANCES, failed);
  return failed ? 1 : 0;
}
