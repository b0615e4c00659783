/* quickjs-fd.so: the file daemon's table for the shared daemon code
 * (common/daemon.h), with what only the file daemon does on events: the
 * level and since time it keeps, restore objects, options plugins.  A job
 * that never names the plugin costs one small allocation; the first
 * definition event of a job that does creates its runtime and loads its
 * module. */
#include <string.h>

#include "fd_files.h"
#include "fd_module.h"
#include "fd_packets.h"

DAEMON_CORE_MATCHES(CoreFunctions);

/* bVarSinceTime is the plugin's own: the since time of its job, which the
 * script may change for the accurate checks (python-fd does the same). */
static JSValue get_local(JSContext* ctx, Instance* in, int var) {
  (void)var;
  return JS_NewInt64(ctx, ((FdJob*)in)->since);
}

static int set_local(JSContext* ctx, Instance* in, int var, JSValueConst value) {
  (void)var;
  int64_t since;
  if (JS_ToInt64(ctx, &since, value)) return -1;
  ((FdJob*)in)->since = since;
  return 0;
}

/* The events python-fd registers, plus cancel, which must reach us to
 * interrupt a running script. */
#define REGISTERED (EVENT_BIT(bEventLevel) | EVENT_BIT(bEventSince) | \
                    EVENT_BIT(bEventNewPluginOptions) | EVENT_BIT(bEventPluginCommand) | \
                    EVENT_BIT(bEventJobStart) | EVENT_BIT(bEventRestoreCommand) | \
                    EVENT_BIT(bEventEstimateCommand) | EVENT_BIT(bEventBackupCommand) | \
                    EVENT_BIT(bEventRestoreObject) | EVENT_BIT(bEventCancelCommand))

/* A fatal message while the file daemon reads the FileSet (a plugin string
 * or module that does not load) makes bareos-fd 25.1 end the job before
 * the storage daemon is told, and the director waits about 40 s for it.
 * Held until the job's work starts, it fails the job in seconds. */
#define FATAL_FROM (EVENT_BIT(bEventStartBackupJob) | EVENT_BIT(bEventStartRestoreJob) | \
                    EVENT_BIT(bEventStartVerifyJob) | EVENT_BIT(bEventEstimateCommand) | \
                    EVENT_BIT(bEventJobEnd))

#define DEFINITION_EVENTS (EVENT_BIT(bEventBackupCommand) | EVENT_BIT(bEventRestoreCommand) | \
                           EVENT_BIT(bEventEstimateCommand) | EVENT_BIT(bEventPluginCommand) | \
                           EVENT_BIT(bEventNewPluginOptions))

#define STRING_EVENTS (EVENT_BIT(bEventJobStart) | EVENT_BIT(bEventBackupCommand) | \
                       EVENT_BIT(bEventRestoreCommand) | EVENT_BIT(bEventEstimateCommand) | \
                       EVENT_BIT(bEventPluginCommand) | EVENT_BIT(bEventNewPluginOptions) | \
                       EVENT_BIT(bEventVssPrepareSnapshot))

/* The level letter and the since time as the script sees them. */
static JSValue event_value(JSContext* ctx, int event, void* value) {
  switch (event) {
    case bEventLevel: {
      char level[2] = {(char)(intptr_t)value, 0};
      return JS_NewString(ctx, level);
    }
    case bEventSince:
      return JS_NewInt64(ctx, (int64_t)(intptr_t)value);
    default:
      return JS_NULL;
  }
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

static bool fd_event(Instance* in, int event, void* value, bRC* rc) {
  FdJob* job = (FdJob*)in;
  switch (event) {
    case bEventLevel:
      job->level = (char)(intptr_t)value;
      return false;
    case bEventSince:
      job->since = (int64_t)(intptr_t)value;
      return false;
    case bEventRestoreObject: {
      struct restore_object_pkt* rop = value;
      *rc = bRC_OK;
      if (!instance_loaded(in) && rop && rop->plugin_name && rop->plugin_name[0]) {
        *rc = instance_definition(in, rop->plugin_name, false);
        if (*rc != bRC_OK) return true;
      }
      /* The end of the restore objects (NULL) is not the script's business,
       * as in python-fd. */
      if (instance_loaded(in) && rop) *rc = restore_object(job, rop);
      return true;
    }
    case bEventHandleBackupFile:
      *rc = instance_loaded(in) ? fd_handle_backup_file(job, value) : bRC_Error;
      return true;
    default:
      return false;
  }
}

static void job_free(Instance* in) { packet_arena_reset(&((FdJob*)in)->file_arena); }

static const QjsNativeModule fd_modules[] = DAEMON_MODULES("bareosfd");

static PluginInformation plugin_info = {
    DAEMON_PLUGIN_INFO(FD_PLUGIN_INTERFACE_VERSION, FD_PLUGIN_MAGIC),
    .plugin_description = "Runs file daemon plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage =
        "Plugin = \"quickjs:module_name=<name>[:module_path=<dir>][:key=value...]\"\n"
        INSTANCE_USAGE_MODULE
        INSTANCE_USAGE_OPTIONS "\n"
        "  key=value     every other option is passed to the script; write ':' in\n"
        "                a value as '\\:'",
};

static PluginFunctions plugin_funcs = {
    DAEMON_PLUGIN_FUNCTIONS(PluginFunctions, FD_PLUGIN_INTERFACE_VERSION),
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

const DaemonDesc plugin_daemon = {
    .host = {
        INSTANCE_HOST("quickjs-fd: ", fd_modules),
        .state_new = fd_runtime_new,
        .state_free = fd_runtime_free,
    },
    .module = &fd_module,
    .surface = &fd_surface,
    .plugin_dir_var = bVarPluginPath,
    .get_local = get_local,
    .set_local = set_local,
    .max_event = FD_NR_EVENTS,
    .registered = REGISTERED,
    .fatal_from = FATAL_FROM,
    .definition_events = DEFINITION_EVENTS,
    .deferred_definition = bEventNewPluginOptions,
    .cancel_event = bEventCancelCommand,
    .string_events = STRING_EVENTS,
    .event_value = event_value,
    .event = fd_event,
    .job_size = sizeof(FdJob),
    .job_free = job_free,
    .info = &plugin_info,
    .functions = &plugin_funcs,
};
