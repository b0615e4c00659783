#include "instance.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../engine/memory.h"

#define DEFAULT_MEMORY_LIMIT_MIB 64

bool instance_loaded(const Instance* in) {
  return in->host && qjs_host_loaded(in->host);
}

static void to_daemon(Instance* in, int type, const char* text) {
  daemon_core->JobMessage(in->ctx, __FILE__, __LINE__, type, 0, "%s", text);
}

void instance_job_message(Instance* in, int type, const char* text) {
  if (type != M_FATAL || in->fatal_released || !in->desc->fatal_from) {
    to_daemon(in, type, text);
    return;
  }
  char** grown = realloc(in->held_fatal, (in->held_count + 1) * sizeof *grown);
  char* copy = grown ? strdup(text) : NULL;
  if (grown) in->held_fatal = grown;
  if (!copy) {
    to_daemon(in, type, text);
    return;
  }
  in->held_fatal[in->held_count++] = copy;
}

static void release_fatal(Instance* in) {
  in->fatal_released = true;
  for (size_t i = 0; i < in->held_count; i++) {
    to_daemon(in, M_FATAL, in->held_fatal[i]);
    free(in->held_fatal[i]);
  }
  free(in->held_fatal);
  in->held_fatal = NULL;
  in->held_count = 0;
}

bool instance_host_event(const Instance* in, int event) {
  return event_in(in->desc->fatal_from, event);
}

void instance_event(Instance* in, int event) {
  if (!in->fatal_released && instance_host_event(in, event)) release_fatal(in);
}

void instance_host_job_message(void* opaque, int type, const char* text) {
  instance_job_message(opaque, type, text);
}

void instance_host_debug_message(void* opaque, int level, const char* text) {
  Instance* in = opaque;
  daemon_core->DebugMessage(in->ctx, __FILE__, __LINE__, level, "%s", text);
}

static const char* plugin_dir(Instance* in) {
  const char* dir = NULL;
  return daemon_core->getBareosValue(in->ctx, in->desc->plugin_dir_var, &dir) == bRC_OK ? dir : NULL;
}

void instance_message(Instance* in, int type, const char* fmt, ...) {
  char text[2048];
  int n = snprintf(text, sizeof text, "%s", in->desc->host.prefix);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text + n, sizeof text - (size_t)n - 1, fmt, ap);
  va_end(ap);
  strcat(text, "\n");
  instance_job_message(in, type, text);
}

/* The least a runtime needs to load a bundle: its context and native
 * modules take about 0.5 MiB, a small bundle as much again. */
#define MIN_MEMORY_LIMIT ((size_t)2 << 20)

/* A size option (see qjs_parse_size) between min and what the machine has:
 * false after a message saying what was read and what is allowed. */
static bool size_option(Instance* in, const char* key, const char* text, size_t min, size_t* bytes) {
  if (qjs_parse_size(text, bytes)) {
    instance_message(in, M_FATAL, "%s=%s is not a size: give MiB as a plain number, or a number "
                     "with K, M, G or T (KiB, MiB, GiB, TiB), e.g. 64M, 512K, 2G", key, text);
    return false;
  }
  char got[32], limit[32];
  qjs_format_size(*bytes, got, sizeof got);
  size_t machine = qjs_memory_available();
  if (*bytes > machine) {
    instance_message(in, M_FATAL, "%s=%s is %s%s, more than this machine's memory (%s)", key, text, got,
                     strspn(text, "0123456789") == strlen(text) ? " (a plain number is MiB)" : "",
                     qjs_format_size(machine, limit, sizeof limit));
    return false;
  }
  if (*bytes < min) {
    instance_message(in, M_FATAL, "%s=%s is %s, less than the %s a runtime needs to load a bundle", key,
                     text, got, qjs_format_size(min, limit, sizeof limit));
    return false;
  }
  return true;
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

/* The entry point every plugin module must have. */
static const char* const required[] = {"load_bareos_plugin"};
static bool in_list(const char* const* list, const char* name) {
  for (; list && *list; list++)
    if (!strcmp(*list, name)) return true;
  return false;
}

static void append(char* buf, size_t size, const char* name) {
  size_t used = strlen(buf);
  snprintf(buf + used, size - used, "%s%s", used ? ", " : "", name);
}

typedef struct {
  const DaemonDesc* desc;
  char unknown[512];
} ExportCheck;

static void check_export(const char* name, void* opaque) {
  ExportCheck* check = opaque;
  if (!in_list(daemon_entry_points, name) && !in_list(check->desc->surface->entry_points, name))
    append(check->unknown, sizeof check->unknown, name);
}

/* A function the daemon never calls is most often a misspelt entry point,
 * which would otherwise do nothing without a word. */
static void warn_unknown_exports(Instance* in, const char* path) {
  ExportCheck check = {.desc = in->desc};
  qjs_host_each_export(in->host, check_export, &check);
  if (!check.unknown[0]) return;
  char known[512] = "";
  for (const char* const* list = daemon_entry_points; *list; list++) append(known, sizeof known, *list);
  for (const char* const* list = in->desc->surface->entry_points; list && *list; list++)
    append(known, sizeof known, *list);
  instance_message(in, M_WARNING, "%s exports %s, which this daemon never calls; its entry points are %s",
                   path, check.unknown, known);
}

static bRC load_module(Instance* in) {
  QjsLimits limits = {
      .memory = (size_t)DEFAULT_MEMORY_LIMIT_MIB * 1024 * 1024,
      /* Jobs with legal limits must not together exhaust the daemon: half
       * of the machine's memory for all their JavaScript. */
      .daemon_memory = qjs_memory_available() / 2,
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
  if (def->memory_limit && !size_option(in, "memory_limit", def->memory_limit, MIN_MEMORY_LIMIT,
                                         &limits.memory))
    return bRC_Error;
  if (def->daemon_memory_limit && !size_option(in, "daemon_memory_limit", def->daemon_memory_limit,
                                                MIN_MEMORY_LIMIT, &limits.daemon_memory))
    return bRC_Error;
  if (def->timeout && parse_timeout(def->timeout, &limits.timeout_s)) {
    instance_message(in, M_FATAL, "timeout=%s is not a number of seconds", def->timeout);
    return bRC_Error;
  }
  const char* dir = def->module_path ? def->module_path : plugin_dir(in);
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
  if ((uint64_t)st.st_size > limits.memory) {
    char limit[32];
    instance_message(in, M_FATAL, "cannot load module %s: its %lld bytes exceed memory_limit (%s)",
                     path, (long long)st.st_size, qjs_format_size(limits.memory, limit, sizeof limit));
    return bRC_Error;
  }
  in->host = qjs_host_new(&in->desc->host, &limits, in);
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
  if (rc == bRC_OK) warn_unknown_exports(in, path);
  if (rc == bRC_OK) {
    JSContext* ctx = qjs_host_context(in->host);
    const char* residual = def->residual ? def->residual : "";
    JSValue arg = qjs_new_bytes_string(ctx, residual, strlen(residual));
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
    bool names_module = r == PLUGIN_DEF_OK && probe.module_name;
    plugin_def_clear(&probe);
    if (r == PLUGIN_DEF_ERROR) {
      instance_message(in, M_FATAL, "%s", err);
      return bRC_Error;
    }
    /* As in python-fd: options that name a module load it at once, with
     * them; others wait for the next definition, whose keys they override
     * (the daemons take no notice of the event's result). */
    if (!names_module) {
      free(in->pending_options);
      in->pending_options = text ? strdup(text) : NULL;
      return r == PLUGIN_DEF_SKIP ? bRC_Skip : bRC_Error;
    }
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
  /* Only load_bareos_plugin is required, as in python-fd. */
  if (!qjs_host_exports(in->host, "parse_plugin_definition")) {
    plugin_def_clear(&def);
    return bRC_OK;
  }
  qjs_host_enter(in->host);
  JSContext* ctx = qjs_host_context(in->host);
  JSValue arg = residual ? qjs_new_bytes_string(ctx, residual, strlen(residual)) : JS_NewString(ctx, "");
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

Instance* instance_enter(PluginContext* ctx) {
  Instance* in = ctx->plugin_private_context;
  if (!in || !instance_loaded(in)) return NULL;
  qjs_host_enter(in->host);
  int cancel = in->desc->cancel_event;
  if (qjs_host_take_cancel(in->host) && event_in(in->script_events, cancel)) {
    JSContext* jctx = qjs_host_context(in->host);
    JSValue args[2] = {JS_NewInt32(jctx, cancel), JS_NULL};
    instance_call(in, "handle_plugin_event", 2, args);
  }
  return in;
}

void instance_leave(Instance* in) { qjs_host_leave(in->host); }

static JSValue event_value(Instance* in, JSContext* ctx, int event, void* value) {
  if (event_in(in->desc->string_events, event))
    return value ? qjs_new_bytes_string(ctx, value, strlen(value)) : JS_NULL;
  return in->desc->event_value ? in->desc->event_value(ctx, event, value) : JS_NULL;
}

bRC instance_forward_event(Instance* in, int event, void* value) {
  qjs_host_enter(in->host);
  JSContext* ctx = qjs_host_context(in->host);
  JSValue args[2] = {JS_NewInt32(ctx, event), event_value(in, ctx, event, value)};
  bRC rc = JS_IsException(args[1]) ? instance_conversion_failed(in, "handle_plugin_event")
                                   : instance_call(in, "handle_plugin_event", 2, args);
  JS_FreeValue(ctx, args[1]);
  qjs_host_leave(in->host);
  return rc;
}

void instance_free(Instance* in) {
  /* A job that never came to a fatal_from event still reports its failure. */
  if (in->held_fatal) release_fatal(in);
  qjs_host_release(in->host);
  in->host = NULL;
  plugin_def_clear(&in->def);
  free(in->pending_options);
  in->pending_options = NULL;
}
