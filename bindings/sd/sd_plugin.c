/* quickjs-sd.so: the storage daemon's entry points and the bareossd module,
 * as tables for the shared daemon code (common/daemon.h). */
#include "../common/instance.h"
#include "sd_abi.h"

static const VarKind read_kinds[] = {
    [bsdVarJob] = VAR_STR,        [bsdVarLevel] = VAR_INT,     [bsdVarType] = VAR_INT,
    [bsdVarJobId] = VAR_INT,      [bsdVarClient] = VAR_STR,    [bsdVarPool] = VAR_STR,
    [bsdVarPoolType] = VAR_STR,   [bsdVarStorage] = VAR_STR,   [bsdVarMediaType] = VAR_STR,
    [bsdVarJobName] = VAR_STR,    [bsdVarJobStatus] = VAR_INT, [bsdVarVolumeName] = VAR_STR,
    [bsdVarJobErrors] = VAR_INT,  [bsdVarJobFiles] = VAR_INT,  [bsdVarJobBytes] = VAR_U64,
    [bsdVarPluginDir] = VAR_STR,
};

static const VarKind write_kinds[] = {
    [bsdwVarJobReport] = VAR_STR, [bsdwVarVolumeName] = VAR_STR,
    [bsdwVarPriority] = VAR_INT,  [bsdwVarJobLevel] = VAR_INT,
};

static const ConstEntry read_vars[] = {
    CONST_INT(bsdVarJob),       CONST_INT(bsdVarLevel),      CONST_INT(bsdVarType),
    CONST_INT(bsdVarJobId),     CONST_INT(bsdVarClient),     CONST_INT(bsdVarPool),
    CONST_INT(bsdVarPoolType),  CONST_INT(bsdVarStorage),    CONST_INT(bsdVarMediaType),
    CONST_INT(bsdVarJobName),   CONST_INT(bsdVarJobStatus),  CONST_INT(bsdVarVolumeName),
    CONST_INT(bsdVarJobErrors), CONST_INT(bsdVarJobFiles),   CONST_INT(bsdVarJobBytes),
    CONST_INT(bsdVarPluginDir),
};

static const ConstEntry write_vars[] = {
    CONST_INT(bsdwVarJobReport), CONST_INT(bsdwVarVolumeName),
    CONST_INT(bsdwVarPriority),  CONST_INT(bsdwVarJobLevel),
};

/* Python names them bsdEvent..., the C header bSdEvent... */
#define EV(name) {"bsdEvent" #name, bSdEvent##name, NULL}
static const ConstEntry events[] = {
    EV(JobStart),       EV(JobEnd),        EV(DeviceInit),
    EV(DeviceMount),    EV(VolumeLoad),    EV(DeviceReserve),
    EV(DeviceOpen),     EV(LabelRead),     EV(LabelVerified),
    EV(LabelWrite),     EV(DeviceClose),   EV(VolumeUnload),
    EV(DeviceUnmount),  EV(ReadError),     EV(WriteError),
    EV(DriveStatus),    EV(VolumeStatus),  EV(SetupRecordTranslation),
    EV(ReadRecordTranslation), EV(WriteRecordTranslation),
    EV(DeviceRelease),  EV(NewPluginOptions), EV(ChangerLock),
    EV(ChangerUnlock),
};

static const ConstGroup groups[] = {
    BAREOS_COMMON_GROUPS,
    CONST_GROUP("bsdVariable", read_vars),
    CONST_GROUP("bsdwVariable", write_vars),
    CONST_GROUP("bsdEventType", events),
};

static const ConstGroups consts = CONST_GROUPS(groups);

DAEMON_CORE_MATCHES(SdCoreFunctions);

static const QjsNativeModule sd_modules[] = DAEMON_MODULES("bareossd");

/* bareos-sd 25.1 cannot fail a job that gets a fatal message before it
 * opens its device (at the plugin options, JobStart or DeviceReserve): it
 * crashes (SIGSEGV), or with just-in-time reservation waits ten minutes for
 * the file daemon; python3-sd does the same.  Held until the device is
 * opened or records are set up, such a message fails the job at once. */
#define FATAL_FROM (EVENT_BIT(bSdEventDeviceOpen) | EVENT_BIT(bSdEventSetupRecordTranslation) | \
                    EVENT_BIT(bSdEventJobEnd))

static PluginInformation plugin_info = {
    DAEMON_PLUGIN_INFO(SD_PLUGIN_INTERFACE_VERSION, SD_PLUGIN_MAGIC),
    .plugin_description = "Runs storage daemon plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage = INSTANCE_USAGE_WITH_INSTANCES("SD Plugin Options"),
};

static SdPluginFunctions plugin_funcs = {
    DAEMON_PLUGIN_FUNCTIONS(SdPluginFunctions, SD_PLUGIN_INTERFACE_VERSION),
};

#define REGISTERED (EVENT_BIT(bSdEventNewPluginOptions))
#define DEFINITION_EVENTS (EVENT_BIT(bSdEventNewPluginOptions))
#define STRING_EVENTS (EVENT_BIT(bSdEventJobStart) | EVENT_BIT(bSdEventNewPluginOptions))

const DaemonDesc plugin_daemon = {
    .host = {INSTANCE_HOST("quickjs-sd: ", sd_modules)},
    .consts = &consts,
    DAEMON_VARIABLES(read_kinds, write_kinds),
    .plugin_dir_var = bsdVarPluginDir,
    .max_event = SD_NR_EVENTS,
    .registered = REGISTERED,
    .fatal_from = FATAL_FROM,
    .definition_events = DEFINITION_EVENTS,
    .string_events = STRING_EVENTS,
    .job_size = sizeof(Instance),
    .info = &plugin_info,
    .functions = &plugin_funcs,
};
