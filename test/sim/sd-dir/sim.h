/* Shared declarations of bareos-sd-sim and bareos-dir-sim: one program that
 * simulates either the storage daemon or the director, chosen by the name it
 * is started under.  The daemons differ only in the tables of sd.c / dir.c. */
#ifndef SDDIR_SIM_H
#define SDDIR_SIM_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/bareos_abi.h"
#include "dir/dir_abi.h"
#include "lib/plugins.h"
#include "lib/report.h"
#include "lib/util.h"
#include "sd/sd_abi.h"

/* ---- the daemon being simulated (sd.c, dir.c) ---- */
typedef enum { JOB_BACKUP, JOB_RESTORE, JOB_SYSTEM } job_kind;
extern const char* const job_kind_names[]; /* indexed by job_kind */

/* How getBareosValue answers one variable: read a sim_job field of the
 * given C type at off, or fail, or name the plugin directory (which needs
 * no context). */
typedef enum { V_NONE, V_INT, V_STR, V_U64, V_ERR, V_PLUGIN_DIR } vtype;
typedef struct var_desc {
  vtype type;
  size_t off;
  bool device; /* SD: only while a device is attached to the job */
} var_desc;

/* What setBareosValue may change; the numbering is the same in both daemons. */
typedef enum { W_NONE, W_IGNORE, W_VOLUME, W_PRIORITY, W_LEVEL } wkind;

/* One event of a job sequence. */
enum {
  S_CRITICAL = 1 << 0, /* a non-OK result fails the job */
  S_TEARDOWN = 1 << 1, /* also sent after the job failed */
  S_DEVICE = 1 << 2,   /* value is the device (attaches it to the job) */
  S_NAME = 1 << 3,     /* value is the event's name (SD JobStart) */
  S_FINAL = 1 << 4,    /* the job's final status is set before it */
  S_GRADUAL = 1 << 5,  /* progress grows over the repetitions */
};
typedef enum {
  R_ONCE, R_RECORDS, R_WRITE_ERRORS, R_READ_ERRORS, R_LABEL, R_NEW_VOLUME, R_PURGE, R_DEVICES
} repeat_src;

struct sim_job;
typedef struct step {
  int ev;
  unsigned flags;
  repeat_src repeat;
  int progress; /* percent of --files/--bytes/--errors reached */
  void (*after)(struct sim_job* j, bRC rc);
} step;

typedef struct step_list {
  const step* v;
  size_t n;
} step_list;

/* The plugin's table of entry points, copied out of it.  Both daemons'
 * tables list the same entry points in the same layout (asserted here), so
 * one type holds either. */
typedef SdPluginFunctions sim_fns;
#define SIM_FNS_SAME(m) \
  _Static_assert(offsetof(DirPluginFunctions, m) == offsetof(sim_fns, m), "DIR " #m)
SIM_FNS_SAME(newPlugin);
SIM_FNS_SAME(freePlugin);
SIM_FNS_SAME(getPluginValue);
SIM_FNS_SAME(setPluginValue);
SIM_FNS_SAME(handlePluginEvent);
_Static_assert(sizeof(DirPluginFunctions) == sizeof(sim_fns), "DIR PluginFunctions");

enum { OPT_SD = 1 << 0, OPT_DIR = 1 << 1 };

typedef struct daemon_desc {
  const char *prog, *suffix, *magic, *type_text, *default_device;
  unsigned mask; /* OPT_SD or OPT_DIR: which options apply */
  uint32_t version;
  PluginApiDefinition* api;
  void* core; /* the CoreFunctions table handed to loadPlugin */
  int nr_events, ev_options;
  int reverse_event;    /* delivered in reverse plugin order (0: none) */
  bool stop_on_failure; /* one event's dispatch ends at Stop/Error/Skip */
  const char* const* event_names;
  const var_desc* vars;
  int nvars;
  const wkind* wvars;
  int nwvars;
  step_list seq[3]; /* indexed by job_kind; SD's system job at startup */
} daemon_desc;

extern const daemon_desc sd_daemon, dir_daemon;
#define LIST(a) {a, sizeof a / sizeof *a}
#define COUNT(a) (int)(sizeof a / sizeof *a)

/* ---- options (main.c) ---- */
typedef struct sim_opts {
  job_kind kind;
  bool have_kind, info, trace, label, new_volume, purge, thread_hop, sequential;
  const char *plugin_dir, *report, *job_name, *client, *volume, *pool;
  strlist plugin_names, plugin_options, devices;
  char level;
  int debug, jobs, records, write_errors, read_errors, files, errors;
  uint64_t bytes;
  uint32_t jobid;
} sim_opts;

/* ---- plugins and their per-job contexts ---- */
typedef struct sim_plugin {
  loaded_plugin loaded; /* loaded.pl is what PluginContext.plugin points at */
  sim_fns fn;
  pthread_mutex_t lock;
  int instances; /* live contexts in all jobs, for getInstanceCount */
} sim_plugin;

struct hop_pool;

typedef struct sim_env {
  const daemon_desc* d;
  sim_opts opts;
  sim_plugin** plugins;
  size_t nplugins;
  struct hop_pool* hop; /* --thread-hop */
} sim_env;

typedef struct sim_ctx {
  PluginContext pc; /* pc.core_private_context points back here */
  struct sim_job* job;
  sim_plugin* plugin;
  char* label; /* "name[instance]" for the trace */
  unsigned events; /* bit n = event n registered; under job->lock */
  bool disabled;
} sim_ctx;

typedef struct sim_trace {
  const sim_ctx* ctx; /* NULL for the core's own entries */
  char* text;
} sim_trace;

/* The opaque object SD device events carry in place of a DCR; a plugin
 * must only pass it on, so its content does not matter. */
typedef struct sim_device {
  char tag[16];
} sim_device;

typedef struct sim_job {
  const sim_env* env;
  const daemon_desc* d;
  job_kind kind;
  int copy;     /* 1..--jobs */
  int hop_last; /* --thread-hop: the pool thread of the previous call */
  sim_ctx** ctx; /* in creation order */
  size_t nctx;
  sim_device dcr;
  /* Plugins may call back from any thread; lock guards everything below. */
  pthread_mutex_t lock;
  /* Variables, read through the var_desc tables. */
  char *job, *name, *client, *pool, *pool_type, *device, *write_storage, *read_storage;
  char *media_type, *catalog, *volume;
  int level, type, jobid, status, fd_status, sd_status, priority, num_vols;
  int errors, files, sd_files, sd_errors, last_rate;
  uint64_t bytes, read_bytes;
  /* Job state. */
  bool attached, fatal; /* fatal: the job has failed; only teardown events follow */
  int progress, extra_errors; /* errors from messages and device events */
  strlist old_strings; /* replaced values a plugin may still be reading */
  const char* set_volume; /* what plugins set, NULL if nothing */
  int set_priority, set_level; /* 0 if never set */
  vec msgs, debug; /* sim_msg */
  vec trace;       /* sim_trace */
} sim_job;

/* ---- job.c ---- */
sim_job* job_new(const sim_env* env, job_kind kind, int copy);
void job_free(sim_job* j);
void* job_thread(void* arg);
void job_open(sim_job* j);
void job_run(sim_job* j, const step_list* steps);
void job_close(sim_job* j);
void job_msg(sim_job* j, int type, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
void job_vmsg(sim_job* j, int type, const char* fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void job_debug(sim_job* j, int level, char* owned);
void job_set_string(sim_job* j, char** field, const char* value);

/* ---- dispatch.c: contexts, instances, plugin options, events ---- */
sim_ctx* ctx_new(sim_job* j, sim_plugin* p, uint32_t instance);
void options_dispatch(sim_job* j, const char* line);
bRC event_all(sim_job* j, int ev, void* value, const sim_ctx** who);

/* ---- calls.c: every core->plugin call, traced, maybe on another thread ---- */
void trace_add(sim_job* j, const sim_ctx* c, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
bRC call_new(sim_ctx* c);
void call_free(sim_ctx* c);
bRC call_event(sim_ctx* c, int ev, void* value);

/* ---- hop.c: --thread-hop ---- */
struct hop_pool* hop_new(size_t threads);
void hop_run(struct hop_pool* pool, int* last, void (*fn)(void*), void* arg);
void hop_free(struct hop_pool* pool);

/* ---- core.c: the CoreFunctions both daemons share ---- */
void core_set_env(const sim_env* env);
bRC core_register(PluginContext* ctx, int nr, ...);
bRC core_unregister(PluginContext* ctx, int nr, ...);
bRC core_instance_count(PluginContext* ctx, int* ret);
bRC core_get_value(PluginContext* ctx, int var, void* value);
bRC core_set_value(PluginContext* ctx, int var, void* value);
bRC core_job_message(PluginContext* ctx, const char* file, int line, int type, utime_t mtime,
                     const char* fmt, ...) __attribute__((format(printf, 6, 7)));
bRC core_debug_message(PluginContext* ctx, const char* file, int line, int level,
                       const char* fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- loader.c ---- */
int loader_load(sim_env* env);
void loader_info(const sim_env* env, FILE* out);
void loader_unload(sim_env* env);

/* ---- report.c ---- */
void report_text(const sim_job* j, FILE* out);
int report_json(sim_job* const* jobs, size_t n, const sim_job* system, const char* path);

#endif
