/* The director: its plugin contract (interface 4) and the event sequences of
 * its jobs. */
#include <stdlib.h>
#include <string.h>

#include "event_names.h"
#include "sim.h"

#define F(member) offsetof(sim_job, member)
static const var_desc vars[] = {
    [bDirVarJob] = {V_STR, F(job), false},
    [bDirVarLevel] = {V_INT, F(level), false},
    [bDirVarType] = {V_INT, F(type), false},
    [bDirVarJobId] = {V_INT, F(jobid), false},
    [bDirVarClient] = {V_STR, F(client), false},
    [bDirVarNumVols] = {V_INT, F(num_vols), false},
    [bDirVarPool] = {V_STR, F(pool), false},
    [bDirVarStorage] = {V_STR, F(device), false},
    [bDirVarWriteStorage] = {V_STR, F(write_storage), false},
    [bDirVarReadStorage] = {V_STR, F(read_storage), false},
    [bDirVarCatalog] = {V_STR, F(catalog), false},
    [bDirVarMediaType] = {V_STR, F(media_type), false},
    [bDirVarJobName] = {V_STR, F(name), false},
    [bDirVarJobStatus] = {V_INT, F(status), false},
    [bDirVarPriority] = {V_INT, F(priority), false},
    [bDirVarVolumeName] = {V_STR, F(volume), false},
    [bDirVarCatalogRes] = {V_ERR, 0, false},
    [bDirVarJobErrors] = {V_INT, F(errors), false},
    [bDirVarJobFiles] = {V_INT, F(files), false},
    [bDirVarSDJobFiles] = {V_INT, F(sd_files), false},
    [bDirVarSDErrors] = {V_INT, F(sd_errors), false},
    [bDirVarFDJobStatus] = {V_INT, F(fd_status), false},
    [bDirVarSDJobStatus] = {V_INT, F(sd_status), false},
    [bDirVarPluginDir] = {V_PLUGIN_DIR, 0, false},
    [bDirVarLastRate] = {V_INT, F(last_rate), false},
    [bDirVarJobBytes] = {V_U64, F(bytes), false},
    [bDirVarReadBytes] = {V_U64, F(read_bytes), false}};

static const wkind wvars[] = {[bwDirVarJobReport] = W_IGNORE,
                              [bwDirVarVolumeName] = W_VOLUME,
                              [bwDirVarPriority] = W_PRIORITY,
                              [bwDirVarJobLevel] = W_LEVEL};

static bRC get_value(PluginContext* ctx, brDirVariable var, void* value) {
  return core_get_value(ctx, (int)var, value);
}

static bRC set_value(PluginContext* ctx, bwDirVariable var, void* value) {
  return core_set_value(ctx, (int)var, value);
}

static DirCoreFunctions core = {sizeof(DirCoreFunctions), DIR_PLUGIN_INTERFACE_VERSION,
                                core_register,           core_unregister,
                                core_instance_count,     get_value,
                                set_value,               core_job_message,
                                core_debug_message};

/* The director's quirk: it announces the size of its own table. */
static PluginApiDefinition api = {sizeof(DirCoreFunctions), DIR_PLUGIN_INTERFACE_VERSION};

/* NewVolume is where a plugin names the volume the director is about to
 * create (setBareosValue VolumeName); without a name it makes one up. */
static void new_volume(sim_job* j, bRC rc) {
  (void)rc;
  pthread_mutex_lock(&j->lock);
  j->num_vols++;
  char* name = j->set_volume ? xstrdup(j->set_volume) : xasprintf("%s-%04d", j->pool, j->num_vols);
  job_set_string(j, &j->volume, name);
  pthread_mutex_unlock(&j->lock);
  job_msg(j, M_INFO, "Created new Volume \"%s\" in catalog.", name);
  free(name);
}

static void purged(sim_job* j, bRC rc) {
  (void)rc;
  pthread_mutex_lock(&j->lock);
  char* name = xstrdup(j->volume);
  pthread_mutex_unlock(&j->lock);
  job_msg(j, M_INFO, "All records pruned from Volume \"%s\"; marking it \"Purged\"", name);
  free(name);
}

static const step backup[] = {
    {bDirEventJobStart, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventJobInit, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventJobRun, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventNewVolume, 0, R_NEW_VOLUME, 50, new_volume},
    {bDirEventVolumePurged, 0, R_PURGE, 50, purged},
    {bDirEventJobEnd, S_TEARDOWN | S_FINAL, R_ONCE, 100, NULL}};

static const step restore[] = {
    {bDirEventJobStart, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventJobInit, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventJobRun, S_CRITICAL, R_ONCE, 0, NULL},
    {bDirEventJobEnd, S_TEARDOWN | S_FINAL, R_ONCE, 100, NULL}};

const daemon_desc dir_daemon = {
    .prog = "bareos-dir-sim",
    .suffix = "-dir.so",
    .magic = DIR_PLUGIN_MAGIC,
    .type_text = "Director plugin",
    .default_device = "File",
    .mask = OPT_DIR,
    .version = DIR_PLUGIN_INTERFACE_VERSION,
    .api = &api,
    .core = &core,
    .nr_events = DIR_NR_EVENTS,
    .ev_options = bDirEventNewPluginOptions,
    .event_names = dir_event_names,
    .vars = vars,
    .nvars = COUNT(vars),
    .wvars = wvars,
    .nwvars = COUNT(wvars),
    .seq = {[JOB_BACKUP] = LIST(backup), [JOB_RESTORE] = LIST(restore)}};
