/* quickjs-fd.so: the file daemon's entry points.  A job that never names
 * the plugin costs one small allocation; the first definition event of a
 * job that does creates its runtime and loads its module. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/plugin_entry.h"
#include "fd_module.h"

#define DEFAULT_MEMORY_LIMIT_MIB 64

CoreFunctions* fd_core;

static bRC new_plugin(PluginContext* ctx);
static bRC free_plugin(PluginContext* ctx);
static bRC get_plugin_value(PluginContext* ctx, pVariable var, void* value);
static bRC set_plugin_value(PluginContext* ctx, pVariable var, void* value);
static bRC handle_plugin_event(PluginContext* ctx, bEvent* event, void* value);

static PluginInformation plugin_info = {
    .size = sizeof(PluginInformation),
    .version = FD_PLUGIN_INTERFACE_VERSION,
    .plugin_magic = FD_PLUGIN_MAGIC,
    .plugin_license = "Bareos AGPLv3",
    .plugin_author = "The bareos-quickjs authors",
    .plugin_date = "November 2026",
    .plugin_version = "0.1.0",
    .plugin_description = "Runs file daemon plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage =
        "Plugin = \"quickjs:module_name=<name>[:module_path=<dir>][:key=value...]\"\n"
        "  module_name   the plugin bundle <module_path>/<module_name>.js (required)\n"
        "  module_path   directory of the bundle (default: the Plugin Directory)\n"
        "  memory_limit  JavaScript heap limit of the job, in MiB or with K/M/G\n"
        "                (default 64M)\n"
        "  timeout       seconds one call into the script may take (default: none)\n"
        "  key=value     every other option is passed to the script; write ':' in\n"
        "                a value as '\\:'",
};

static PluginFunctions plugin_funcs = {
    .size = sizeof(PluginFunctions),
    .version = FD_PLUGIN_INTERFACE_VERSION,
    .newPlugin = new_plugin,
    .freePlugin = free_plugin,
    .getPluginValue = get_plugin_value,
    .setPluginValue = set_plugin_value,
    .handlePluginEvent = handle_plugin_event,
    .startBackupFile = fd_start_backup_file,
    .endBackupFile = fd_end_backup_file,
    .startRestoreFile = fd_start_restore_file,
    .endRestoreFile = fd_end_restore_file,
    .pluginIO = fd_plugin_io,
    .createFile = fd_create_file,
    .setFileAttributes = fd_set_file_attributes,
    .checkFile = fd_check_file,
    .getAcl = fd_get_acl,
    .setAcl = fd_set_acl,
    .getXattr = fd_get_xattr,
    .setXattr = fd_set_xattr,
};

bRC loadPlugin(void* api, void* core, void** info, void** funcs) {
  (void)api;
  fd_core = core;
  *info = &plugin_info;
  *funcs = &plugin_funcs;
  return bRC_OK;
}

bRC unloadPlugin(void) { return bRC_OK; }

static FdJob* job_of(PluginContext* ctx) { return ctx->plugin_private_context; }

static void job_message(void* opaque, int type, const char* text) {
  FdJob* job = opaque;
  fd_core->JobMessage(job->ctx, __FILE__, __LINE__, type, 0, "%s", text);
}

static void debug_message(void* opaque, int level, const char* text) {
  FdJob* job = opaque;
  fd_core->DebugMessage(job->ctx, __FILE__, __LINE__, level, "%s", text);
}

static const QjsNativeModule fd_modules[] = {
    {"bareosfd", fd_module_init},
    {NULL, NULL},
};

/* The events python-fd registers, plus cancel, which must reach us to
 * interrupt a running script. */
static const int registered_events[] = {
    bEventLevel,         bEventSince,           bEventNewPluginOptions,
    bEventPluginCommand, bEventJobStart,        bEventRestoreCommand,
    bEventEstimateCommand, bEventBackupCommand, bEventRestoreObject,
    bEventCancelCommand,
};

static bRC new_plugin(PluginContext* ctx) {
  FdJob* job = calloc(1, sizeof *job);
  if (!job) return bRC_Error;
  job->ctx = ctx;
  for (int k = 0; k < PKT_COUNT; k++) job->ctors[k] = JS_UNDEFINED;
  ctx->plugin_private_context = job;
  for (size_t i = 0; i < sizeof registered_events / sizeof registered_events[0]; i++)
    fd_core->registerBareosEvents(ctx, 1, registered_events[i]);
  return bRC_OK;
}

static bRC free_plugin(PluginContext* ctx) {
  FdJob* job = job_of(ctx);
  if (!job) return bRC_OK;
  if (job->host) {
    qjs_host_enter(job->host);
    fd_packets_free(job);
    qjs_host_leave(job->host);
    qjs_host_free(job->host);
  }
  packet_arena_reset(&job->file_arena);
  plugin_def_clear(&job->def);
  free(job->pending_options);
  free(job);
  ctx->plugin_private_context = NULL;
  return bRC_OK;
}

static bRC get_plugin_value(PluginContext* ctx, pVariable var, void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}

static bRC set_plugin_value(PluginContext* ctx, pVariable var, void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}

static void fatal(FdJob* job, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
static void fatal(FdJob* job, const char* fmt, ...) {
  char text[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  fd_core->JobMessage(job->ctx, __FILE__, __LINE__, M_FATAL, 0, FD_PREFIX "%s", text);
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

static bRC load_module(FdJob* job) {
  QjsHostConfig config = {
      .prefix = FD_PREFIX,
      .modules = fd_modules,
      .job_message = job_message,
      .debug_message = debug_message,
      .memory_limit = (size_t)DEFAULT_MEMORY_LIMIT_MIB * 1024 * 1024,
  };
  const PluginDef* def = &job->def;
  if (!def->module_name) {
    fatal(job, "%s", "the plugin definition names no module_name");
    return bRC_Error;
  }
  if (!valid_module_name(def->module_name)) {
    fatal(job, "module_name \"%s\" must be a plain file name without '/' or a leading '.'",
          def->module_name);
    return bRC_Error;
  }
  if (def->memory_limit && parse_memory_limit(def->memory_limit, &config.memory_limit)) {
    fatal(job, "memory_limit=%s is not a size of at least 1M (e.g. 64M, 1G)",
          def->memory_limit);
    return bRC_Error;
  }
  if (def->timeout && parse_timeout(def->timeout, &config.timeout_s)) {
    fatal(job, "timeout=%s is not a number of seconds", def->timeout);
    return bRC_Error;
  }
  const char* dir = def->module_path;
  if (!dir && (fd_core->getBareosValue(job->ctx, bVarPluginPath, &dir) != bRC_OK || !dir)) {
    fatal(job, "%s", "no module_path given and the daemon has no plugin directory");
    return bRC_Error;
  }
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/%s.js", dir, def->module_name) >= sizeof path) {
    fatal(job, "%s", "module_path/module_name is too long");
    return bRC_Error;
  }
  struct stat st;
  if (stat(path, &st) != 0) {
    fatal(job, "cannot load module %s: %s", path, strerror(errno));
    return bRC_Error;
  }
  if (!S_ISREG(st.st_mode)) {
    fatal(job, "cannot load module %s: not a regular file", path);
    return bRC_Error;
  }
  job->host = qjs_host_new(&config, job);
  if (!job->host) return bRC_Error;
  qjs_host_debug(job->host, 100, "loading %s", path);
  qjs_host_enter(job->host);
  bRC rc = qjs_host_load(job->host, path) == 0 ? bRC_OK : bRC_Error;
  if (rc == bRC_OK) {
    JSContext* jctx = qjs_host_context(job->host);
    JSValue arg = JS_NewString(jctx, def->residual ? def->residual : "");
    rc = fd_call(job, "load_bareos_plugin", 1, &arg);
    JS_FreeValue(jctx, arg);
  }
  qjs_host_leave(job->host);
  return rc;
}

/* The definition events (Backup/Restore/Estimate/PluginCommand,
 * NewPluginOptions, a restore object's plugin name): parse, load the
 * module on first use, then hand the options to parse_plugin_definition. */
static bRC on_definition(FdJob* job, int event, const char* text) {
  char err[512];
  bool loaded = job->host && qjs_host_loaded(job->host);
  if (event == bEventNewPluginOptions && !loaded) {
    PluginDef probe = {0};
    PluginDefResult r = plugin_def_parse(text, &probe, false, err, sizeof err);
    plugin_def_clear(&probe);
    if (r == PLUGIN_DEF_ERROR) return fatal(job, "%s", err), bRC_Error;
    free(job->pending_options);
    job->pending_options = text ? strdup(text) : NULL;
    return bRC_OK;
  }
  if (job->load_failed) return bRC_Error;
  PluginDef def = {0};
  PluginDefResult r = PLUGIN_DEF_OK;
  if (!loaded && job->pending_options)
    r = plugin_def_parse(job->pending_options, &def, false, err, sizeof err);
  if (r == PLUGIN_DEF_OK)
    r = plugin_def_parse(text, &def, !loaded && job->pending_options, err, sizeof err);
  if (r != PLUGIN_DEF_OK) {
    plugin_def_clear(&def);
    if (r == PLUGIN_DEF_SKIP) return bRC_Skip;
    fatal(job, "%s", err);
    return bRC_Error;
  }
  if (!loaded) {
    plugin_def_clear(&job->def);
    job->def = def;
    def = (PluginDef){0};
    if (load_module(job) != bRC_OK) {
      job->load_failed = true;
      return bRC_Error;
    }
  }
  const char* residual = loaded ? def.residual : job->def.residual;
  qjs_host_enter(job->host);
  JSContext* jctx = qjs_host_context(job->host);
  JSValue arg = JS_NewString(jctx, residual ? residual : "");
  bRC rc = fd_call(job, "parse_plugin_definition", 1, &arg);
  JS_FreeValue(jctx, arg);
  qjs_host_leave(job->host);
  plugin_def_clear(&def);
  return rc;
}

/* The event's value as the script sees it: strings, the level letter, the
 * since time or a packet. */
static JSValue event_value(FdJob* job, int event, void* value) {
  JSContext* jctx = qjs_host_context(job->host);
  switch (event) {
    case bEventJobStart:
    case bEventBackupCommand:
    case bEventRestoreCommand:
    case bEventEstimateCommand:
    case bEventPluginCommand:
    case bEventNewPluginOptions:
    case bEventVssPrepareSnapshot:
      return value ? JS_NewString(jctx, value) : JS_NULL;
    case bEventLevel: {
      char level[2] = {(char)(intptr_t)value, 0};
      return JS_NewString(jctx, level);
    }
    case bEventSince:
      return JS_NewInt64(jctx, (int64_t)(intptr_t)value);
    case bEventRestoreObject:
      return value ? fd_packet_new(job, PKT_RESTORE_OBJECT, value) : JS_NULL;
    case bEventHandleBackupFile:
      return value ? fd_packet_new(job, PKT_SAVE, value) : JS_NULL;
    default:
      return JS_NULL;
  }
}

static bRC forward_event(FdJob* job, int event, void* value) {
  qjs_host_enter(job->host);
  JSContext* jctx = qjs_host_context(job->host);
  JSValue args[2] = {JS_NewInt32(jctx, event), event_value(job, event, value)};
  bRC rc = JS_IsException(args[1]) ? fd_conversion_failed(job, "handle_plugin_event")
                                   : fd_call(job, "handle_plugin_event", 2, args);
  JS_FreeValue(jctx, args[1]);
  qjs_host_leave(job->host);
  return rc;
}

static bRC restore_object(FdJob* job, struct restore_object_pkt* rop) {
  qjs_host_enter(job->host);
  JSValue pkt = fd_packet_new(job, PKT_RESTORE_OBJECT, rop);
  bRC rc = JS_IsException(pkt) ? fd_conversion_failed(job, "restore_object_data")
                               : fd_call(job, "restore_object_data", 1, &pkt);
  JS_FreeValue(qjs_host_context(job->host), pkt);
  qjs_host_leave(job->host);
  return rc;
}

static bRC handle_plugin_event(PluginContext* ctx, bEvent* event, void* value) {
  FdJob* job = job_of(ctx);
  if (!job) return bRC_Error;
  int type = (int)event->eventType;
  switch (type) {
    case bEventCancelCommand:
      /* Another thread: only flag it; the job thread tells the script. */
      if (job->host) qjs_host_cancel(job->host);
      return bRC_OK;
    case bEventLevel:
      job->level = (char)(intptr_t)value;
      break;
    case bEventSince:
      job->since = (int64_t)(intptr_t)value;
      break;
    case bEventBackupCommand:
    case bEventRestoreCommand:
    case bEventEstimateCommand:
    case bEventPluginCommand:
    case bEventNewPluginOptions:
      return on_definition(job, type, value);
    case bEventRestoreObject: {
      struct restore_object_pkt* rop = value;
      bool loaded = job->host && qjs_host_loaded(job->host);
      if (!loaded && rop && rop->plugin_name && rop->plugin_name[0]) {
        bRC rc = on_definition(job, type, rop->plugin_name);
        if (rc != bRC_OK) return rc;
        loaded = true;
      }
      if (!loaded) return bRC_OK;
      if (rop) return restore_object(job, rop);
      break;
    }
    case bEventHandleBackupFile:
      if (!job->host || !qjs_host_loaded(job->host)) return bRC_Error;
      return fd_handle_backup_file(job, value);
    default:
      break;
  }
  if (!job->host || !qjs_host_loaded(job->host)) return bRC_OK;
  return forward_event(job, type, value);
}

FdJob* fd_job_enter(PluginContext* ctx) {
  FdJob* job = job_of(ctx);
  if (!job || !job->host || !qjs_host_loaded(job->host)) return NULL;
  qjs_host_enter(job->host);
  if (qjs_host_take_cancel(job->host) &&
      (job->script_events & (1u << bEventCancelCommand))) {
    JSContext* jctx = qjs_host_context(job->host);
    JSValue args[2] = {JS_NewInt32(jctx, bEventCancelCommand), JS_NULL};
    fd_call(job, "handle_plugin_event", 2, args);
  }
  return job;
}

void fd_job_leave(FdJob* job) { qjs_host_leave(job->host); }

static const char* type_name(JSContext* ctx, JSValueConst v) {
  if (JS_IsUndefined(v)) return "undefined";
  if (JS_IsNull(v)) return "null";
  if (JS_IsString(v)) return "a string";
  if (JS_IsNumber(v)) return "a number that is not a bRC";
  if (JS_IsFunction(ctx, v)) return "a function";
  if (JS_IsArray(v)) return "an array";
  return "an object";
}

bRC fd_call(FdJob* job, const char* name, int argc, JSValueConst* argv) {
  JSContext* jctx = qjs_host_context(job->host);
  JSValue v = qjs_host_call(job->host, name, argc, argv);
  if (JS_IsUninitialized(v)) {
    qjs_host_debug(job->host, 150, "Failed to find function named %s()", name);
    return bRC_Error;
  }
  char where[64];
  snprintf(where, sizeof where, "%s()", name);
  if (JS_IsException(v)) {
    qjs_host_report_exception(job->host, where);
    return bRC_Error;
  }
  int32_t rc;
  if (JS_IsBool(v)) {
    rc = JS_ToBool(jctx, v);
  } else if (JS_IsNumber(v) && JS_ToInt32(jctx, &rc, v) == 0 &&
             ((rc >= bRC_OK && rc <= bRC_Cancel))) {
    /* a bRC */
  } else {
    qjs_host_message(job->host, M_FATAL, "%s returned %s; expected a bRC value such as bRC_OK",
                     where, type_name(jctx, v));
    rc = bRC_Error;
  }
  JS_FreeValue(jctx, v);
  return (bRC)rc;
}

bRC fd_conversion_failed(FdJob* job, const char* name) {
  char where[64];
  snprintf(where, sizeof where, "%s()", name);
  qjs_host_report_exception(job->host, where);
  return bRC_Error;
}
