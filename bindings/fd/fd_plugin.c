/* quickjs-fd.so: the file daemon's entry points.  A job that never names
 * the plugin costs one small allocation; the first definition event of a
 * job that does creates its runtime and loads its module. */
#include <stdlib.h>
#include <string.h>

#include "../common/plugin_entry.h"
#include "fd_module.h"

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
    .plugin_date = BQ_RELEASE_DATE,
    .plugin_version = BQ_VERSION,
    .plugin_description = "Runs file daemon plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage =
        "Plugin = \"quickjs:module_name=<name>[:module_path=<dir>][:key=value...]\"\n"
        "  module_name   the plugin bundle <module_path>/<module_name>.js (required)\n"
        "  module_path   directory of the bundle (default: the Plugin Directory)\n"
        INSTANCE_USAGE_OPTIONS "\n"
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

static void job_message(void* job, int type, const char* text) {
  fd_core->JobMessage(((FdJob*)job)->ctx, __FILE__, __LINE__, type, 0, "%s", text);
}

static void debug_message(void* job, int level, const char* text) {
  fd_core->DebugMessage(((FdJob*)job)->ctx, __FILE__, __LINE__, level, "%s", text);
}

static const char* plugin_dir(void* job) {
  const char* dir = NULL;
  if (fd_core->getBareosValue(((FdJob*)job)->ctx, bVarPluginPath, &dir) != bRC_OK) return NULL;
  return dir;
}

static const QjsNativeModule fd_modules[] = {
    {"bareosfd", fd_module_init, true},
    {NULL, NULL, false},
};

/* A fatal message while the file daemon reads the FileSet (a plugin string
 * or module that does not load) makes bareos-fd 25.1 end the job before
 * the storage daemon is told, and the director waits about 40 s for it.
 * Held until the job's work starts, it fails the job in seconds. */
static const int fatal_from[] = {bEventStartBackupJob, bEventStartRestoreJob, bEventStartVerifyJob,
                                 bEventEstimateCommand, bEventJobEnd, 0};

static const DaemonFront fd_front = {
    .prefix = FD_PREFIX,
    .modules = fd_modules,
    .job_message = job_message,
    .debug_message = debug_message,
    .plugin_dir = plugin_dir,
    .state_new = fd_runtime_new,
    .state_free = fd_runtime_free,
    .fatal_from = fatal_from,
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
  job->inst.front = &fd_front;
  job->inst.job = job;
  job->ctx = ctx;
  ctx->plugin_private_context = job;
  for (size_t i = 0; i < sizeof registered_events / sizeof registered_events[0]; i++)
    fd_core->registerBareosEvents(ctx, 1, registered_events[i]);
  for (const int* e = fatal_from; *e; e++) fd_core->registerBareosEvents(ctx, 1, *e);
  return bRC_OK;
}

static bRC free_plugin(PluginContext* ctx) {
  FdJob* job = job_of(ctx);
  if (!job) return bRC_OK;
  instance_free(&job->inst);
  packet_arena_reset(&job->file_arena);
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

/* The event's value as the script sees it: strings, the level letter, the
 * since time or a packet. */
static JSValue event_value(FdJob* job, int event, void* value) {
  JSContext* jctx = qjs_host_context(job->inst.host);
  switch (event) {
    case bEventJobStart:
    case bEventBackupCommand:
    case bEventRestoreCommand:
    case bEventEstimateCommand:
    case bEventPluginCommand:
    case bEventNewPluginOptions:
    case bEventVssPrepareSnapshot:
      return value ? qjs_new_bytes_string(jctx, value, strlen(value)) : JS_NULL;
    case bEventLevel: {
      char level[2] = {(char)(intptr_t)value, 0};
      return JS_NewString(jctx, level);
    }
    case bEventSince:
      return JS_NewInt64(jctx, (int64_t)(intptr_t)value);
    case bEventRestoreObject:
      return value ? fd_packet_new(jctx, PKT_RESTORE_OBJECT, value) : JS_NULL;
    case bEventHandleBackupFile:
      return value ? fd_packet_new(jctx, PKT_SAVE, value) : JS_NULL;
    default:
      return JS_NULL;
  }
}

static bRC forward_event(FdJob* job, int event, void* value) {
  qjs_host_enter(job->inst.host);
  JSContext* jctx = qjs_host_context(job->inst.host);
  JSValue args[2] = {JS_NewInt32(jctx, event), event_value(job, event, value)};
  bRC rc = JS_IsException(args[1])
               ? instance_conversion_failed(&job->inst, "handle_plugin_event")
               : instance_call(&job->inst, "handle_plugin_event", 2, args);
  JS_FreeValue(jctx, args[1]);
  qjs_host_leave(job->inst.host);
  return rc;
}

static bRC restore_object(FdJob* job, struct restore_object_pkt* rop) {
  qjs_host_enter(job->inst.host);
  JSContext* jctx = qjs_host_context(job->inst.host);
  JSValue pkt = fd_packet_new(jctx, PKT_RESTORE_OBJECT, rop);
  bRC rc = JS_IsException(pkt) ? instance_conversion_failed(&job->inst, "restore_object_data")
                               : instance_call(&job->inst, "restore_object_data", 1, &pkt);
  JS_FreeValue(jctx, pkt);
  qjs_host_leave(job->inst.host);
  return rc;
}

static bRC handle_plugin_event(PluginContext* ctx, bEvent* event, void* value) {
  FdJob* job = job_of(ctx);
  if (!job) return bRC_Error;
  int type = (int)event->eventType;
  instance_event(&job->inst, type);
  switch (type) {
    case bEventCancelCommand:
      /* Another thread: only flag it; the job thread tells the script. */
      if (job->inst.host) qjs_host_cancel(job->inst.host);
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
      return instance_definition(&job->inst, value, type == bEventNewPluginOptions);
    case bEventRestoreObject: {
      struct restore_object_pkt* rop = value;
      if (!instance_loaded(&job->inst) && rop && rop->plugin_name && rop->plugin_name[0]) {
        bRC rc = instance_definition(&job->inst, rop->plugin_name, false);
        if (rc != bRC_OK) return rc;
      }
      /* The end of the restore objects (NULL) is not the script's business,
       * as in python-fd. */
      if (!instance_loaded(&job->inst) || !rop) return bRC_OK;
      return restore_object(job, rop);
    }
    case bEventHandleBackupFile:
      if (!instance_loaded(&job->inst)) return bRC_Error;
      return fd_handle_backup_file(job, value);
    default:
      break;
  }
  if (!instance_loaded(&job->inst)) return bRC_OK;
  /* The host's own events reach the script only if it asked for them. */
  if (instance_host_event(&job->inst, type) && !(job->script_events & (1u << type))) return bRC_OK;
  return forward_event(job, type, value);
}

FdJob* fd_job_enter(PluginContext* ctx) {
  FdJob* job = job_of(ctx);
  if (!job || !instance_loaded(&job->inst)) return NULL;
  qjs_host_enter(job->inst.host);
  if (qjs_host_take_cancel(job->inst.host) &&
      (job->script_events & (1u << bEventCancelCommand))) {
    JSContext* jctx = qjs_host_context(job->inst.host);
    JSValue args[2] = {JS_NewInt32(jctx, bEventCancelCommand), JS_NULL};
    instance_call(&job->inst, "handle_plugin_event", 2, args);
  }
  return job;
}

void fd_job_leave(FdJob* job) { qjs_host_leave(job->inst.host); }
