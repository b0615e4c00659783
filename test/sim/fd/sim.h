/* Shared declarations of bareos-fd-sim, the simulated Bareos file daemon. */
#ifndef SIM_H
#define SIM_H

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "fd/fd_abi.h"
#include "lib/plugins.h"
#include "lib/report.h"
#include "lib/util.h"

#define SIM_IO_BUF 262144 /* the FD's default record buffer */
#define SIM_VERSION "25.1.0-sim"

/* FileSet option bits the sim sets besides those fd_abi.h names. */
enum { SIM_FO_ACL = 14, SIM_FO_XATTR = 27 };

/* ---- util.c ---- */
char* path_join(const char* where, const char* name);
const char* ft_name(int type);

/* ---- options (main.c) ---- */
typedef enum { JOB_BACKUP, JOB_ESTIMATE, JOB_RESTORE, JOB_NATIVE, JOB_KIND_COUNT } job_kind;
extern const char* const job_kind_names[]; /* indexed by job_kind */

typedef struct sim_opts {
  job_kind kind;
  bool have_kind, info, trace, acl, xattr, noatime, since_set;
  const char *plugin_dir, *working_dir, *config, *report, *job_name, *archive, *where;
  strlist plugin_names, fileset, plugin_options, accurate, prev, excludes;
  char level, replace;
  int debug, jobs;
  uint32_t jobid;
  time_t since;
  long cancel_after; /* -1: never */
  bool cancel_early; /* the cancel completes before the call starts */
  long stack_kib;     /* job thread stack size, 0 = default */
  long repeat;        /* rounds of jobs in one process, 0 = 1 */
  strlist native;     /* paths the native job backs up */
} sim_opts;

/* ---- plugins and their per-job contexts ---- */
typedef struct sim_plugin {
  loaded_plugin loaded; /* loaded.pl is what PluginContext.plugin points at */
  PluginFunctions* fn;
  atomic_int instances;
} sim_plugin;

typedef struct sim_env {
  sim_opts opts;
  sim_plugin** plugins;
  size_t nplugins;
  char* exe_dir;
} sim_env;

struct sim_job;

typedef struct sim_ctx {
  PluginContext pc; /* pc.core_private_context points back here */
  struct sim_job* job;
  sim_plugin* plugin;
  atomic_uint events; /* bit n = event n registered */
  atomic_bool check_changes;
  bool disabled;
  bool restore_started;
} sim_ctx;

typedef struct sim_file {
  char* fname;
  int32_t type;
  int64_t size;
} sim_file;

struct accurate;
struct cancel_state;

typedef struct sim_job {
  const sim_env* env;
  const sim_opts* o;
  job_kind kind;
  uint32_t jobid;
  char* name; /* unique "Job=" name */
  char level;
  time_t since;
  bool accurate;
  char *archive, *where, *prev_job;
  strlist acc_archives, prev_archives; /* --accurate, --prev-archive */
  struct accurate* acc;
  vec robjs; /* arc_robj of the previous jobs */
  sim_ctx* ctx;
  size_t nctx;
  bool fileset_open; /* Add* callbacks allowed */
  char* buf;         /* SIM_IO_BUF bytes of record buffer */
  long processed;    /* files handed over by the plugin, for --cancel-after */
  struct cancel_state* cancel;
  atomic_bool canceled, fatal;
  /* Results kept by the job thread alone. */
  vec files; /* sim_file */
  strlist deleted;
  int64_t nfiles, bytes;
  char status;
  /* Plugins may call back from any thread; lock guards everything below. */
  pthread_mutex_t lock;
  vec msgs; /* sim_msg */
  strlist fileset, trace;
  int errors;
  int fds_before, fds_after; /* open descriptors around the job */
  int children_after;        /* child processes left after the job */
  _Atomic uint64_t plugin_ns;      /* in newPlugin, events and freePlugin */
  _Atomic uint64_t first_call_ns;  /* when the first newPlugin started */
  _Atomic uint64_t first_file_ns;  /* from then to the first startBackupFile return */
  uint64_t data_ns;                /* reading files' data: open, reads, close */
} sim_job;

/* ---- job.c ---- */
sim_job* job_new(const sim_env* env, int copy);
void job_free(sim_job* j);
void* job_thread(void* arg);
bool job_stopped(sim_job* j);
void job_msg(sim_job* j, int type, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
void job_vmsg(sim_job* j, int type, const char* fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void job_count_error(sim_job* j);
void job_add_file(sim_job* j, const char* fname, int32_t type, int64_t size);
bool ctx_wants(sim_ctx* c, int ev);
bRC job_event(sim_ctx* c, int ev, void* value);
void job_event_all(sim_job* j, int ev, void* value);
sim_ctx* job_find_ctx(sim_job* j, const char* cmd);
void job_send_robjs(sim_job* j, const vec* robjs);

/* ---- calls.c: every core->plugin call, traced ---- */
void trace_add(sim_job* j, sim_ctx* c, bool coalesce, const char* fmt, ...)
    __attribute__((format(printf, 4, 5)));
bRC call_new(sim_ctx* c);
void call_free(sim_ctx* c);
bRC call_event(sim_ctx* c, int ev, void* value);
bRC call_start_backup(sim_ctx* c, struct save_pkt* sp);
bRC call_end_backup(sim_ctx* c);
struct io_pkt io_pkt_new(int func); /* zeroed but for size, func, end */
bRC call_io(sim_ctx* c, struct io_pkt* io);
bRC call_start_restore(sim_ctx* c, const char* cmd);
bRC call_end_restore(sim_ctx* c);
bRC call_create(sim_ctx* c, struct restore_pkt* rp);
bRC call_set_attrs(sim_ctx* c, struct restore_pkt* rp);
bRC call_check_file(sim_ctx* c, char* fname);
bRC call_get_acl(sim_ctx* c, struct acl_pkt* ap);
bRC call_set_acl(sim_ctx* c, struct acl_pkt* ap);
bRC call_get_xattr(sim_ctx* c, struct xattr_pkt* xp);
bRC call_set_xattr(sim_ctx* c, struct xattr_pkt* xp);

/* ---- cancel.c ---- */
void cancel_start(sim_job* j);
void cancel_before_call(sim_job* j);
void cancel_after_call(sim_job* j);
void cancel_stop(sim_job* j);

/* ---- core.c ---- */
CoreFunctions* core_functions(const sim_env* env);

/* ---- loader.c ---- */
int loader_load(sim_env* env);
void loader_info(const sim_env* env, FILE* out);
void loader_unload(sim_env* env);

/* ---- per job type ---- */
void backup_prelude(sim_job* j);
void save_pkt_init(sim_job* j, struct save_pkt* sp, char* cmd);
void backup_run(sim_job* j);
void estimate_run(sim_job* j);
void restore_run(sim_job* j);
void native_run(sim_job* j);

/* ---- report.c ---- */
void report_text(sim_job* j, FILE* out);
/* rss: resident KiB after each of `rounds` rounds of --repeat. */
int report_json(sim_job** jobs, size_t n, const long* rss, size_t rounds, long failed_rounds,
                const char* path);

#endif
