/* quickjs-dir.so: the director's entry points and the bareosdir module,
 * as tables for the shared daemon code (common/daemon.h).  The director calls
 * one job's events from several threads; the instance's runtime lock and
 * per-call stack limit (engine/runtime.c) make that safe, and instances of
 * different jobs share nothing. */
#include "../common/instance.h"
#include "dir_abi.h"

DAEMON_CORE_MATCHES(DirCoreFunctions);

static const QjsNativeModule dir_modules[] = DAEMON_MODULES("bareosdir");

/* A fatal message before JobInit (at the plugin options or JobStart) makes
 * bareos-dir 25.1 refuse the job at once ("Job failed.") and leave its
 * catalog record created, never ended; python3-dir does the same.  Held
 * until JobInit, it fails the job, whose record then says so. */
#define FATAL_FROM (EVENT_BIT(bDirEventJobInit) | EVENT_BIT(bDirEventJobEnd))

static PluginInformation plugin_info = {
    DAEMON_PLUGIN_INFO(DIR_PLUGIN_INTERFACE_VERSION, DIR_PLUGIN_MAGIC),
    .plugin_description = "Runs director plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage = INSTANCE_USAGE_WITH_INSTANCES("Dir Plugin Options"),
};

static DirPluginFunctions plugin_funcs = {
    DAEMON_PLUGIN_FUNCTIONS(DirPluginFunctions, DIR_PLUGIN_INTERFACE_VERSION),
};

#define REGISTERED (EVENT_BIT(bDirEventNewPluginOptions))
#define DEFINITION_EVENTS (EVENT_BIT(bDirEventNewPluginOptions))
#define STRING_EVENTS (EVENT_BIT(bDirEventNewPluginOptions))

const DaemonDesc plugin_daemon = {
    .host = {INSTANCE_HOST("quickjs-dir: ", dir_modules)},
    .surface = &dir_surface,
    .plugin_dir_var = bDirVarPluginDir,
    .max_event = DIR_NR_EVENTS,
    .registered = REGISTERED,
    .fatal_from = FATAL_FROM,
    .definition_events = DEFINITION_EVENTS,
    .string_events = STRING_EVENTS,
    .job_size = sizeof(Instance),
    .info = &plugin_info,
    .functions = &plugin_funcs,
};
