/* The storage daemon: its plugin contract (interface 4) and the event
 * sequences of its jobs. */
#include <stdlib.h>
#include <string.h>

#include "event_names.h"
#include "sim.h"

#define F(member) offsetof(sim_job, member)
static const var_desc vars[] = {
    [bsdVarJob] = {V_STR, F(job), false},
    [bsdVarLevel] = {V_INT, F(level), false},
    [bsdVarType] = {V_INT, F(type), false},
    [bsdVarJobId] = {V_INT, F(jobid), false},
    [bsdVarClient] = {V_STR, F(client), false},
    [bsdVarPool] = {V_STR, F(pool), true},
    [bsdVarPoolType] = {V_STR, F(pool_type), true},
    [bsdVarStorage] = {V_STR, F(device), true},
    [bsdVarMediaType] = {V_STR, F(media_type), true},
    [bsdVarJobName] = {V_STR, F(name), false},
    [bsdVarJobStatus] = {V_INT, F(status), false},
    [bsdVarVolumeName] = {V_STR, F(volume), true},
    [bsdVarJobErrors] = {V_INT, F(errors), false},
    [bsdVarJobFiles] = {V_INT, F(files), false},
    [bsdVarJobBytes] = {V_U64, F(bytes), false},
    [bsdVarPluginDir] = {V_PLUGIN_DIR, 0, false}};

static const wkind wvars[] = {[bsdwVarJobReport] = W_IGNORE,
                              [bsdwVarVolumeName] = W_VOLUME,
                              [bsdwVarPriority] = W_PRIORITY,
                              [bsdwVarJobLevel] = W_LEVEL};

static bRC get_value(PluginContext* ctx, bsdrVariable var, void* value) {
  return core_get_value(ctx, (int)var, value);
}

static bRC set_value(PluginContext* ctx, bsdwVariable var, void* value) {
  return core_set_value(ctx, (int)var, value);
}

/* The device and record helpers work on C++ objects a plugin cannot build;
 * these stubs only keep a plugin that calls them from crashing. */
typedef struct sim_record {
  unsigned char opaque[64];
} sim_record;

static char* edit_device_codes(void* dcr, void* omsg, const char* imsg, const char* cmd) {
  (void)dcr, (void)omsg, (void)imsg, (void)cmd;
  return NULL;
}

static char* lookup_crypto_key(const char* volume_name) {
  (void)volume_name;
  return NULL;
}

static bool update_volume_info(void* dcr) { return dcr != NULL; }

static void update_tape_alert(void* dcr, uint64_t flags) { (void)dcr, (void)flags; }

static void* new_record(bool with_data) {
  (void)with_data;
  return xcalloc(1, sizeof(sim_record));
}

static void copy_record_state(void* dst, void* src) {
  if (dst && src) memcpy(dst, src, sizeof(sim_record));
}

static void free_record(void* rec) { free(rec); }

static SdCoreFunctions core = {
    sizeof(SdCoreFunctions), SD_PLUGIN_INTERFACE_VERSION, core_register, core_unregister,
    core_instance_count, get_value, set_value, core_job_message, core_debug_message,
    edit_device_codes, lookup_crypto_key, update_volume_info, update_tape_alert, new_record,
    copy_record_state, free_record};

/* The SD's quirk: it announces the size of the plugin's table. */
static PluginApiDefinition api = {sizeof(SdPluginFunctions), SD_PLUGIN_INTERFACE_VERSION};

static void write_error(sim_job* j, bRC rc) {
  (void)rc;
  job_msg(j, M_ERROR, "Write error on device \"%s\": ERR=simulated by --write-errors", j->device);
}

static void read_error(sim_job* j, bRC rc) {
  (void)rc;
  job_msg(j, M_ERROR, "Read error on device \"%s\": ERR=simulated by --read-errors", j->device);
}

#define DEV S_DEVICE
#define CRIT (S_DEVICE | S_CRITICAL)
/* Backup and restore reserve, load and mount the volume alike, and release
 * it alike; only the records in between differ. */
#define MOUNT_STEPS                                \
  {bSdEventJobStart, S_NAME, R_ONCE, 0, NULL},     \
  {bSdEventDeviceReserve, DEV, R_ONCE, 0, NULL},   \
  {bSdEventVolumeUnload, DEV, R_ONCE, 0, NULL},    \
  {bSdEventVolumeLoad, CRIT, R_ONCE, 0, NULL},     \
  {bSdEventDeviceOpen, CRIT, R_ONCE, 0, NULL},     \
  {bSdEventDeviceMount, DEV, R_ONCE, 0, NULL},     \
  {bSdEventLabelRead, CRIT, R_ONCE, 0, NULL},      \
  {bSdEventLabelVerified, DEV, R_ONCE, 0, NULL}
#define RELEASE_STEPS                                           \
  {bSdEventDeviceRelease, DEV | S_TEARDOWN, R_ONCE, 100, NULL}, \
  {bSdEventDeviceUnmount, DEV, R_ONCE, 100, NULL},              \
  {bSdEventDeviceClose, DEV, R_ONCE, 100, NULL},                \
  {bSdEventVolumeUnload, DEV, R_ONCE, 100, NULL},               \
  {bSdEventJobEnd, S_TEARDOWN | S_FINAL, R_ONCE, 100, NULL}

static const step backup[] = {
    MOUNT_STEPS,
    {bSdEventLabelWrite, DEV, R_LABEL, 0, NULL},
    {bSdEventSetupRecordTranslation, DEV, R_ONCE, 0, NULL},
    {bSdEventWriteRecordTranslation, DEV | S_GRADUAL, R_RECORDS, 100, NULL},
    {bSdEventWriteError, DEV, R_WRITE_ERRORS, 100, write_error},
    RELEASE_STEPS};

static const step restore[] = {
    MOUNT_STEPS,
    {bSdEventSetupRecordTranslation, DEV, R_ONCE, 0, NULL},
    {bSdEventReadRecordTranslation, DEV | S_GRADUAL, R_RECORDS, 100, NULL},
    {bSdEventReadError, DEV, R_READ_ERRORS, 100, read_error},
    RELEASE_STEPS};

/* At startup the SD initialises every device in a job of its own. */
static const step system_job[] = {{bSdEventDeviceInit, DEV, R_DEVICES, 0, NULL}};

const daemon_desc sd_daemon = {
    .prog = "bareos-sd-sim",
    .suffix = "-sd.so",
    .magic = SD_PLUGIN_MAGIC,
    .type_text = "Storage Daemon plugin",
    .default_device = "FileStorage",
    .mask = OPT_SD,
    .version = SD_PLUGIN_INTERFACE_VERSION,
    .api = &api,
    .core = &core,
    .nr_events = SD_NR_EVENTS,
    .ev_options = bSdEventNewPluginOptions,
    .reverse_event = bSdEventReadRecordTranslation,
    .stop_on_failure = true,
    .event_names = sd_event_names,
    .vars = vars,
    .nvars = COUNT(vars),
    .wvars = wvars,
    .nwvars = COUNT(wvars),
    .seq = {[JOB_BACKUP] = LIST(backup), [JOB_RESTORE] = LIST(restore),
            [JOB_SYSTEM] = LIST(system_job)}};
