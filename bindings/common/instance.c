#include "instance.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MEMORY_LIMIT_MIB 64

bool instance_loaded(const Instance* in) {
  return in->host && qjs_host_loaded(in->host);
}

void instance_message(Instance* in, int type, const char* fmt, ...) {
  char text[2048];
  int n = snprintf(text, sizeof text, "%s", in->front->prefix);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text + n, sizeof text - (size_t)n - 1, fmt, ap);
  va_end(ap);
  strcat(text, "\n");
  in->front->job_message(in->job, type, text);
}

/* "64", "64M", "512K", "1G": MiB unless a unit is given. */
static int parse_memory_limit(const char* text, size_t* bytes) {
  char* end;
  errno = 0;
  unsigned long long n = strtoull(text, &end, 10);
  size_t unit = 1024 * 1024;
  if (*end == 'K' || *end == 'k') unit = 1024, end++;
  else if (*end == 'M' || *end == 'm') end++;
  else if (*end == 'G' || *end == 'g') unit = 1024ull * 1024 * 1024, end++;
  if (errno || end == text || *end || n == 0 || n > SIZE_MAX / unit) return -1;
  *bytes = (size_t)n * unit;
  return *bytes < 1024 * 1024 ? -1 : 0;
}

static int parse_timeout(const char* text, unsigned* seconds) {
  char* end;
  errno = 0;
  unsigned long n = strtoul(text, &end, 10);
  if (errno || end == text || *end || n > 86400 * 7) return -1;
  *seconds = (unsigned)n;
  return 0;
}

/* Module names are plain names inside module_path, never paths. */
static bool valid_module_name(const char* name) {
  return name[0] && name[0] != '.' && !strchr(name, '/');
}

/* Entry points every plugin module must have. */
static const char* const required[] = {"load_bareos_plugin", "parse_plugin_definition"};

static bRC load_module(Instance* in) {
  QjsHostConfig config = {
      .prefix = in->front->prefix,
      .modules = in->front->modules,
      .job_message = in->front->job_message,
      .debug_message = in->front->debug_message,
      .memory_limit = (size_t)DEFAULT_MEMORY_LIMIT_MIB * 1024 * 1024,
      .state_new = in->front->state_new,
      .state_free = in->front->state_free,
  };
  const PluginDef* def = &in->def;
  if (!def->module_name) {
    instance_message(in, M_FATAL, "the plugin definition names no module_name");
    return bRC_Error;
  }
  if (!valid_module_name(def->module_name)) {
    instance_message(in, M_FATAL,
                     "module_name \"%s\" must be a plain file name without '/' or a leading '.'",
                     def->module_name);
    return bRC_Error;
  }
  if (def->memory_limit && parse_memory_limit(def->memory_limit, &config.memory_limit)) {
    instance_message(in, M_FATAL, "memory_limit=%s is not a size of at least 1M (e.g. 64M, 1G)",
                     def->memory_limit);
    return bRC_Error;
  }
  if (def->timeout && parse_timeout(def->timeout, &config.timeout_s)) {
    instance_message(in, M_FATAL, "timeout=%s is not a number of seconds", def->timeout);
    return bRC_Error;
  }
  const char* dir = def->module_path ? def->module_path : in->front->plugin_dir(in->job);
  if (!dir) {
    instance_message(in, M_FATAL, "no module_path given and the daemon has no plugin directory");
    return bRC_Error;
  }
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/%s.js", dir, def->module_name) >= sizeof path) {
    instance_message(in, M_FATAL, "module_path/module_name is too long");
    return bRC_Error;
  }
  struct stat st;
  if (stat(path, &st) != 0) {
    instance_message(in, M_FATAL, "cannot load module %s: %s", path, strerror(errno));
    return bRC_Error;
  }
  if (!S_ISREG(st.st_mode)) {
    instance_message(in, M_FATAL, "cannot load module %s: not a regular file", path);
    return bRC_Error;
  }
  /* Its source alone would not fit; don't read it to find out. */
  if ((uint64_t)st.st_size > config.memory_limit) {
    instance_message(in, M_FATAL, "cannot load module %s: its %lld bytes exceed memory_limit (%zu MiB)",
                     path, (long long)st.st_size, config.memory_limit >> 20);
    return bRC_Error;
  }
  in->host = qjs_host_new(&config, in->job);
  if (!in->host) return bRC_Error;
  qjs_host_debug(in->host, 100, "loading %s", path);
  qjs_host_enter(in->host);
  bRC rc = qjs_host_load(in->host, path, &st) == 0 ? bRC_OK : bRC_Error;
  for (size_t i = 0; rc == bRC_OK && i < sizeof required / sizeof required[0]; i++) {
    if (!qjs_host_exports(in->host, required[i])) {
      instance_message(in, M_FATAL, "%s exports no %s(); is it a plugin bundle?", path, required[i]);
      rc = bRC_Error;
    }
  }
  if (rc == bRC_OK) {
    JSContext* ctx = qjs_host_context(in->host);
    JSValue arg = JS_NewString(ctx, def->residual ? def->residual : "");
    rc = instance_call(in, "load_bareos_plugin", 1, &arg);
    JS_FreeValue(ctx, arg);
  }
  qjs_host_leave(in->host);
  return rc;
}

bRC instance_definition(Instance* in, const char* text, bool defer) {
  char err[512];
  bool loaded = instance_loaded(in);
  if (defer && !loaded) {
    PluginDef probe = {0};
    PluginDefResult r = plugin_def_parse(text, &probe, false, err, sizeof err);
    plugin_def_clear(&probe);
    if (r == PLUGIN_DEF_ERROR) {
      instance_message(in, M_FATAL, "%s", err);
      return bRC_Error;
    }
    free(in->pending_options);
    in->pending_options = text ? strdup(text) : NULL;
    return bRC_OK;
  }
  if (in->load_failed) return bRC_Error;
  PluginDef def = {0};
  PluginDefResult r = PLUGIN_DEF_OK;
  bool override = !loaded && in->pending_options;
  if (override) r = plugin_def_parse(in->pending_options, &def, false, err, sizeof err);
  if (r == PLUGIN_DEF_OK) r = plugin_def_parse(text, &def, override, err, sizeof err);
  if (r != PLUGIN_DEF_OK) {
    plugin_def_clear(&def);
    if (r == PLUGIN_DEF_SKIP) return bRC_Skip;
    instance_message(in, M_FATAL, "%s", err);
    return bRC_Error;
  }
  if (!loaded) {
    plugin_def_clear(&in->def);
    in->def = def;
    def = (PluginDef){0};
    if (load_module(in) != bRC_OK) {
      in->load_failed = true;
      return bRC_Error;
    }
  }
  const char* residual = loaded ? def.residual : in->def.residual;
  qjs_host_enter(in->host);
  JSContext* ctx = qjs_host_context(in->host);
  JSValue arg = JS_NewString(ctx, residual ? residual : "");
  bRC rc = instance_call(in, "parse_plugin_definition", 1, &arg);
  JS_FreeValue(ctx, arg);
  qjs_host_leave(in->host);
  plugin_def_clear(&def);
  return rc;
}

static const char* type_name(JSContext* ctx, JSValueConst v) {
  if (JS_IsUndefined(v)) return "undefined";
  if (JS_IsNull(v)) return "null";
  if (JS_IsString(v)) return "a string";
  if (JS_IsNumber(v)) return "a number that is not a bRC";
  if (JS_IsFunction(ctx, v)) return "a function";
  if (JS_IsArray(v)) return "an array";
  return "an object";
}

bRC instance_call(Instance* in, const char* name, int argc, JSValueConst* argv) {
  JSContext* ctx = qjs_host_context(in->host);
  JSValue v = qjs_host_call(in->host, name, argc, argv);
  if (JS_IsUninitialized(v)) {
    qjs_host_debug(in->host, 150, "Failed to find function named %s()", name);
    return bRC_Error;
  }
  if (JS_IsException(v)) {
    char where[64];
    snprintf(where, sizeof where, "%s()", name);
    qjs_host_report_exception(in->host, where);
    return bRC_Error;
  }
  int32_t rc;
  if (JS_IsBool(v)) {
    rc = JS_ToBool(ctx, v);
  } else if (!(JS_IsNumber(v) && JS_ToInt32(ctx, &rc, v) == 0 && rc >= bRC_OK &&
               rc <= bRC_Cancel)) {
    qjs_host_message(in->host, M_FATAL, "%s() returned %s; expected a bRC value such as bRC_OK",
                     name, type_name(ctx, v));
    rc = bRC_Error;
  }
  JS_FreeValue(ctx, v);
  return (bRC)rc;
}

bRC instance_conversion_failed(Instance* in, const char* name) {
  char where[64];
  snprintf(where, sizeof where, "%s()", name);
  qjs_host_report_exception(in->host, where);
  return bRC_Error;
}

void instance_free(Instance* in) {
  qjs_host_release(in->host);
  in->host = NULL;
  plugin_def_clear(&in->def);
  free(in->pending_options);
  in->pending_options = NULL;
}
