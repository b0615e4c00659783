/* quickjs-dir.so: the director's entry points and the bareosdir module,
 * described by tables for the shared event-daemon code.  The director calls
 * one job's events from several threads; the instance's runtime lock and
 * per-call stack limit (engine/host.c) make that safe, and instances of
 * different jobs share nothing. */
#include <stdarg.h>
#include <stdio.h>

#include "../common/event_plugin.h"
#include "../common/plugin_entry.h"
#include "dir_abi.h"

static DirCoreFunctions* core;

static const VarKind read_kinds[] = {
    [bDirVarJob] = VAR_STR,          [bDirVarLevel] = VAR_INT,
    [bDirVarType] = VAR_INT,         [bDirVarJobId] = VAR_INT,
    [bDirVarClient] = VAR_STR,       [bDirVarNumVols] = VAR_INT,
    [bDirVarPool] = VAR_STR,         [bDirVarStorage] = VAR_STR,
    [bDirVarWriteStorage] = VAR_STR, [bDirVarReadStorage] = VAR_STR,
    [bDirVarCatalog] = VAR_STR,      [bDirVarMediaType] = VAR_STR,
    [bDirVarJobName] = VAR_STR,      [bDirVarJobStatus] = VAR_INT,
    [bDirVarPriority] = VAR_INT,     [bDirVarVolumeName] = VAR_STR,
    [bDirVarCatalogRes] = VAR_NONE,  [bDirVarJobErrors] = VAR_INT,
    [bDirVarJobFiles] = VAR_INT,     [bDirVarSDJobFiles] = VAR_INT,
    [bDirVarSDErrors] = VAR_INT,     [bDirVarFDJobStatus] = VAR_INT,
    [bDirVarSDJobStatus] = VAR_INT,  [bDirVarPluginDir] = VAR_STR,
    [bDirVarLastRate] = VAR_INT,     [bDirVarJobBytes] = VAR_U64,
    [bDirVarReadBytes] = VAR_U64,
};

static const VarKind write_kinds[] = {
    [bwDirVarJobReport] = VAR_STR, [bwDirVarVolumeName] = VAR_STR,
    [bwDirVarPriority] = VAR_INT,  [bwDirVarJobLevel] = VAR_INT,
};

static const ConstEntry read_vars[] = {
    CONST_INT(bDirVarJob),          CONST_INT(bDirVarLevel),       CONST_INT(bDirVarType),
    CONST_INT(bDirVarJobId),        CONST_INT(bDirVarClient),      CONST_INT(bDirVarNumVols),
    CONST_INT(bDirVarPool),         CONST_INT(bDirVarStorage),     CONST_INT(bDirVarWriteStorage),
    CONST_INT(bDirVarReadStorage),  CONST_INT(bDirVarCatalog),     CONST_INT(bDirVarMediaType),
    CONST_INT(bDirVarJobName),      CONST_INT(bDirVarJobStatus),   CONST_INT(bDirVarPriority),
    CONST_INT(bDirVarVolumeName),   CONST_INT(bDirVarCatalogRes),  CONST_INT(bDirVarJobErrors),
    CONST_INT(bDirVarJobFiles),     CONST_INT(bDirVarSDJobFiles),  CONST_INT(bDirVarSDErrors),
    CONST_INT(bDirVarFDJobStatus),  CONST_INT(bDirVarSDJobStatus), CONST_INT(bDirVarPluginDir),
    CONST_INT(bDirVarLastRate),     CONST_INT(bDirVarJobBytes),    CONST_INT(bDirVarReadBytes),
};

static const ConstEntry write_vars[] = {
    CONST_INT(bwDirVarJobReport), CONST_INT(bwDirVarVolumeName),
    CONST_INT(bwDirVarPriority),  CONST_INT(bwDirVarJobLevel),
};

static const ConstEntry events[] = {
    CONST_INT(bDirEventJobStart),     CONST_INT(bDirEventJobEnd),
    CONST_INT(bDirEventJobInit),      CONST_INT(bDirEventJobRun),
    CONST_INT(bDirEventVolumePurged), CONST_INT(bDirEventNewVolume),
    CONST_INT(bDirEventNeedVolume),   CONST_INT(bDirEventVolumeFull),
    CONST_INT(bDirEventRecyle),       CONST_INT(bDirEventGetScratch),
    CONST_INT(bDirEventNewPluginOptions),
};

static const ConstGroup groups[] = {
    CONST_GROUP("bRCs", bareos_rcs),
    CONST_GROUP("bJobMessageType", bareos_message_types),
    CONST_GROUP("bDirVariable", read_vars),
    CONST_GROUP("bwDirVariable", write_vars),
    CONST_GROUP("bDirEventType", events),
};

static bool string_event(int event) { return event == bDirEventNewPluginOptions; }

static bRC register_event(PluginContext* ctx, int event, bool on) {
  return on ? core->registerBareosEvents(ctx, 1, event) : core->unregisterBareosEvents(ctx, 1, event);
}
static bRC get_value(PluginContext* ctx, int var, void* out) {
  return core->getBareosValue(ctx, (brDirVariable)var, out);
}
static bRC set_value(PluginContext* ctx, int var, void* in) {
  return core->setBareosValue(ctx, (bwDirVariable)var, in);
}
static bRC instance_count(PluginContext* ctx, int* out) { return core->getInstanceCount(ctx, out); }
static void job_message(PluginContext* ctx, int type, const char* text) {
  core->JobMessage(ctx, __FILE__, __LINE__, type, 0, "%s", text);
}
static void debug_message(PluginContext* ctx, int level, const char* text) {
  core->DebugMessage(ctx, __FILE__, __LINE__, level, "%s", text);
}

static const QjsNativeModule dir_modules[] = {
    {"bareosdir", event_module_init, true},
    {NULL, NULL, false},
};

/* A fatal message before JobInit (at the plugin options or JobStart) makes
 * bareos-dir 25.1 refuse the job at once ("Job failed.") and leave its
 * catalog record created, never ended; python3-dir does the same.  Held
 * until JobInit, it fails the job, whose record then says so. */
static const int fatal_from[] = {bDirEventJobInit, bDirEventJobEnd, 0};

static const EventDaemon dir_daemon = {
    .prefix = "quickjs-dir: ",
    .modules = dir_modules,
    .options_event = bDirEventNewPluginOptions,
    .max_event = DIR_NR_EVENTS,
    .read_kinds = read_kinds,
    .read_count = sizeof read_kinds / sizeof read_kinds[0],
    .write_kinds = write_kinds,
    .write_count = sizeof write_kinds / sizeof write_kinds[0],
    .consts = groups,
    .const_count = sizeof groups / sizeof groups[0],
    .string_event = string_event,
    .register_event = register_event,
    .get_value = get_value,
    .set_value = set_value,
    .instance_count = instance_count,
    .job_message = job_message,
    .debug_message = debug_message,
    .plugin_dir_var = bDirVarPluginDir,
    .fatal_from = fatal_from,
};


static PluginInformation plugin_info = {
    .size = sizeof(PluginInformation),
    .version = DIR_PLUGIN_INTERFACE_VERSION,
    .plugin_magic = DIR_PLUGIN_MAGIC,
    .plugin_license = "Bareos AGPLv3",
    .plugin_author = "The bareos-quickjs authors",
    .plugin_date = BQ_RELEASE_DATE,
    .plugin_version = BQ_VERSION,
    .plugin_description = "Runs director plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage =
        "Dir Plugin Options = \"quickjs:module_name=<name>[:module_path=<dir>][:instance=N]"
        "[:key=value...]\"\n"
        "  module_name   the plugin bundle <module_path>/<module_name>.js (required)\n"
        "  module_path   directory of the bundle (default: the Plugin Directory)\n"
        "  instance      0..127, another instance with its own runtime\n"
        INSTANCE_USAGE_OPTIONS,
};

static DirPluginFunctions plugin_funcs = {
    .size = sizeof(DirPluginFunctions),
    .version = DIR_PLUGIN_INTERFACE_VERSION,
    .newPlugin = event_new_plugin,
    .freePlugin = event_free_plugin,
    .getPluginValue = event_plugin_value,
    .setPluginValue = event_plugin_value,
    .handlePluginEvent = event_handle,
};

bRC loadPlugin(void* api, void* core_functions, void** info, void** funcs) {
  (void)api;
  core = core_functions;
  event_load_plugin(&dir_daemon);
  *info = &plugin_info;
  *funcs = &plugin_funcs;
  return bRC_OK;
}

bRC unloadPlugin(void) { return bRC_OK; }
