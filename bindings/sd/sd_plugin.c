/* quickjs-sd.so: the storage daemon's entry points and the bareossd module,
 * as tables for the shared daemon code (common/daemon.h). */
#include "../common/instance.h"
#include "sd_abi.h"

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
    .surface = &sd_surface,
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
