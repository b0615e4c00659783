/* quickjs-sd.so: the storage daemon's entry points and the bareossd module,
 * described by tables for the shared event-daemon code. */
#include <stdarg.h>
#include <stdio.h>

#include "../common/event_plugin.h"
#include "../common/plugin_entry.h"
#include "sd_abi.h"

static SdCoreFunctions* core;

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
    CONST_GROUP("bRCs", bareos_rcs),
    CONST_GROUP("bJobMessageType", bareos_message_types),
    CONST_GROUP("bsdVariable", read_vars),
    CONST_GROUP("bsdwVariable", write_vars),
    CONST_GROUP("bsdEventType", events),
};

static bool string_event(int event) {
  return event == bSdEventJobStart || event == bSdEventNewPluginOptions;
}

static bRC register_event(PluginContext* ctx, int event, bool on) {
  return on ? core->registerBareosEvents(ctx, 1, event) : core->unregisterBareosEvents(ctx, 1, event);
}
static bRC get_value(PluginContext* ctx, int var, void* out) {
  return core->getBareosValue(ctx, (bsdrVariable)var, out);
}
static bRC set_value(PluginContext* ctx, int var, void* in) {
  return core->setBareosValue(ctx, (bsdwVariable)var, in);
}
static bRC instance_count(PluginContext* ctx, int* out) { return core->getInstanceCount(ctx, out); }
static void job_message(PluginContext* ctx, int type, const char* text) {
  core->JobMessage(ctx, __FILE__, __LINE__, type, 0, "%s", text);
}
static void debug_message(PluginContext* ctx, int level, const char* text) {
  core->DebugMessage(ctx, __FILE__, __LINE__, level, "%s", text);
}

static const QjsNativeModule sd_modules[] = {
    {"bareossd", event_module_init, true},
    {NULL, NULL, false},
};

/* bareos-sd 25.1 cannot fail a job that gets a fatal message before it
 * opens its device (at the plugin options, JobStart or DeviceReserve): it
 * crashes (SIGSEGV), or with just-in-time reservation waits ten minutes for
 * the file daemon; python3-sd does the same.  Held until the device is
 * opened or records are set up, such a message fails the job at once. */
static const int fatal_from[] = {bSdEventDeviceOpen, bSdEventSetupRecordTranslation, bSdEventJobEnd, 0};

static const EventDaemon sd_daemon = {
    .prefix = "quickjs-sd: ",
    .modules = sd_modules,
    .options_event = bSdEventNewPluginOptions,
    .max_event = SD_NR_EVENTS,
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
    .plugin_dir_var = bsdVarPluginDir,
    .fatal_from = fatal_from,
};


static PluginInformation plugin_info = {
    .size = sizeof(PluginInformation),
    .version = SD_PLUGIN_INTERFACE_VERSION,
    .plugin_magic = SD_PLUGIN_MAGIC,
    .plugin_license = "Bareos AGPLv3",
    .plugin_author = "The bareos-quickjs authors",
    .plugin_date = BQ_RELEASE_DATE,
    .plugin_version = BQ_VERSION,
    .plugin_description = "Runs storage daemon plugins written in JavaScript/TypeScript (QuickJS)",
    .plugin_usage =
        "SD Plugin Options = \"quickjs:module_name=<name>[:module_path=<dir>][:instance=N]"
        "[:key=value...]\"\n"
        "  module_name   the plugin bundle <module_path>/<module_name>.js (required)\n"
        "  module_path   directory of the bundle (default: the Plugin Directory)\n"
        "  instance      0..127, another instance with its own runtime\n"
        INSTANCE_USAGE_OPTIONS,
};

static SdPluginFunctions plugin_funcs = {
    .size = sizeof(SdPluginFunctions),
    .version = SD_PLUGIN_INTERFACE_VERSION,
    .newPlugin = event_new_plugin,
    .freePlugin = event_free_plugin,
    .getPluginValue = event_plugin_value,
    .setPluginValue = event_plugin_value,
    .handlePluginEvent = event_handle,
};

bRC loadPlugin(void* api, void* core_functions, void** info, void** funcs) {
  (void)api;
  core = core_functions;
  event_load_plugin(&sd_daemon);
  *info = &plugin_info;
  *funcs = &plugin_funcs;
  return bRC_OK;
}

bRC unloadPlugin(void) { return bRC_OK; }
