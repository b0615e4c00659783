/* quickjs-dir.so: the director's entry points and the bareosdir module,
 * as tables for the shared daemon code (common/daemon.h).  The director calls
 * one job's events from several threads; the instance's runtime lock and
 * per-call stack limit (engine/runtime.c) make that safe, and instances of
 * different jobs share nothing. */
#include "../common/instance.h"
#include "dir_abi.h"

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
    BAREOS_COMMON_GROUPS,
    CONST_GROUP("bDirVariable", read_vars),
    CONST_GROUP("bwDirVariable", write_vars),
    CONST_GROUP("bDirEventType", events),
};

static const ConstGroups consts = CONST_GROUPS(groups);

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
    .consts = &consts,
    DAEMON_VARIABLES(read_kinds, write_kinds),
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
