/* bareos-sd-sim / bareos-dir-sim: load *-sd.so or *-dir.so plugins like the
 * real daemon (chosen by the name the program runs under) and drive them
 * through the event sequences of real jobs.  See README.md for the CLI. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

enum { K_BACKUP = 1 << JOB_BACKUP, K_RESTORE = 1 << JOB_RESTORE, K_ANY = K_BACKUP | K_RESTORE };
#define BOTH (OPT_SD | OPT_DIR)

enum {
  O_PLUGIN_DIR = 256, O_PLUGIN_NAMES, O_INFO, O_DEBUG, O_REPORT, O_TRACE, O_JOBS, O_JOB_NAME,
  O_JOBID, O_CLIENT, O_LEVEL, O_VOLUME, O_POOL, O_DEVICE, O_PLUGIN_OPTIONS, O_FILES, O_BYTES,
  O_ERRORS, O_RECORDS, O_WRITE_ERRORS, O_READ_ERRORS, O_LABEL, O_THREAD_HOP, O_SEQUENTIAL, O_NEW_VOLUME,
  O_PURGE, O_HELP, O_END
};

/* Which daemon takes an option, and for which job types. */
static const struct opt_desc {
  struct option o;
  unsigned daemons, kinds;
} opts[] = {
#define OPT(name, arg, id, daemons, kinds) {{name, arg, NULL, id}, daemons, kinds}
    OPT("plugin-dir", required_argument, O_PLUGIN_DIR, BOTH, K_ANY),
    OPT("plugin-names", required_argument, O_PLUGIN_NAMES, BOTH, K_ANY),
    OPT("info", no_argument, O_INFO, BOTH, K_ANY),
    OPT("debug", required_argument, O_DEBUG, BOTH, K_ANY),
    OPT("report", required_argument, O_REPORT, BOTH, K_ANY),
    OPT("trace", no_argument, O_TRACE, BOTH, K_ANY),
    OPT("jobs", required_argument, O_JOBS, BOTH, K_ANY),
    OPT("sequential", no_argument, O_SEQUENTIAL, BOTH, K_ANY),
    OPT("job-name", required_argument, O_JOB_NAME, BOTH, K_ANY),
    OPT("jobid", required_argument, O_JOBID, BOTH, K_ANY),
    OPT("client", required_argument, O_CLIENT, BOTH, K_ANY),
    OPT("level", required_argument, O_LEVEL, BOTH, K_ANY),
    OPT("volume", required_argument, O_VOLUME, BOTH, K_ANY),
    OPT("pool", required_argument, O_POOL, BOTH, K_ANY),
    OPT("device", required_argument, O_DEVICE, BOTH, K_ANY),
    OPT("plugin-options", required_argument, O_PLUGIN_OPTIONS, BOTH, K_ANY),
    OPT("files", required_argument, O_FILES, BOTH, K_ANY),
    OPT("bytes", required_argument, O_BYTES, BOTH, K_ANY),
    OPT("errors", required_argument, O_ERRORS, BOTH, K_ANY),
    OPT("records", required_argument, O_RECORDS, OPT_SD, K_ANY),
    OPT("write-errors", required_argument, O_WRITE_ERRORS, OPT_SD, K_BACKUP),
    OPT("read-errors", required_argument, O_READ_ERRORS, OPT_SD, K_RESTORE),
    OPT("label", no_argument, O_LABEL, OPT_SD, K_BACKUP),
    OPT("thread-hop", no_argument, O_THREAD_HOP, OPT_DIR, K_ANY),
    OPT("new-volume", no_argument, O_NEW_VOLUME, OPT_DIR, K_BACKUP),
    OPT("purge", no_argument, O_PURGE, OPT_DIR, K_BACKUP),
    OPT("help", no_argument, O_HELP, BOTH, K_ANY),
#undef OPT
};
#define NOPTS (sizeof opts / sizeof *opts)

static const char usage_common[] =
    "       %s --plugin-dir DIR --info\n"
    "common: --plugin-dir DIR  --plugin-names a,b  --info  --debug LEVEL  --report FILE\n"
    "        --trace  --jobs N  --sequential  --job-name NAME  --jobid N  --client NAME  --level F|I|D\n"
    "        --volume NAME  --pool NAME  --device NAME (repeatable)\n"
    "        --plugin-options STR (repeatable)  --files N  --bytes N  --errors N\n";
static const char usage_sd[] =
    "sd:     --records N  --write-errors N (backup)  --read-errors N (restore)\n"
    "        --label (backup)\n";
static const char usage_dir[] = "dir:    --thread-hop  --new-volume (backup)  --purge (backup)\n";

static void usage(const daemon_desc* d, FILE* out) {
  fprintf(out, "usage: %s [options] backup|restore\n", d->prog);
  fprintf(out, usage_common, d->prog);
  fputs(d->mask == OPT_SD ? usage_sd : usage_dir, out);
}

#define COUNT_OPT(id, member, max) \
  NUM_OPTION(id, NUM_INT, sim_opts, member, 0, max, "a count option needs a number in range")
static const num_option numbers[] = {
    COUNT_OPT(O_DEBUG, debug, INT_MAX),
    COUNT_OPT(O_JOBS, jobs, 1024),
    COUNT_OPT(O_FILES, files, INT_MAX),
    COUNT_OPT(O_ERRORS, errors, 1000000),
    COUNT_OPT(O_RECORDS, records, 1000000),
    COUNT_OPT(O_WRITE_ERRORS, write_errors, 1000000),
    COUNT_OPT(O_READ_ERRORS, read_errors, 1000000),
    NUM_OPTION(O_JOBID, NUM_U32, sim_opts, jobid, 1, INT_MAX - 1024,
               "--jobid needs a positive number"),
    NUM_OPTION(O_BYTES, NUM_U64, sim_opts, bytes, 0, LLONG_MAX, "--bytes needs a number")};
#undef COUNT_OPT

/* NULL on success, "" for --help, else what is wrong with the command line. */
static const char* parse(const daemon_desc* d, sim_opts* o, int argc, char** argv) {
  struct option long_opts[NOPTS + 1];
  for (size_t i = 0; i < NOPTS; i++) long_opts[i] = opts[i].o;
  long_opts[NOPTS] = (struct option){NULL, 0, NULL, 0};
  bool seen[O_END] = {false};
  int id;
  while ((id = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
    if (id < O_PLUGIN_DIR || id >= O_END) return "unknown option";
    seen[id] = true;
    const char* bad = num_option_set(numbers, sizeof numbers / sizeof *numbers, id, optarg, o);
    if (bad) return bad;
    switch (id) {
      case O_PLUGIN_DIR: o->plugin_dir = optarg; break;
      case O_PLUGIN_NAMES: strlist_add_names(&o->plugin_names, optarg); break;
      case O_INFO: o->info = true; break;
      case O_REPORT: o->report = optarg; break;
      case O_TRACE: o->trace = true; break;
      case O_JOB_NAME: o->job_name = optarg; break;
      case O_CLIENT: o->client = optarg; break;
      case O_LEVEL:
        if (!parse_one_of(optarg, "FID", &o->level)) return "--level must be F, I or D";
        break;
      case O_VOLUME: o->volume = optarg; break;
      case O_POOL: o->pool = optarg; break;
      case O_DEVICE: strlist_add(&o->devices, xstrdup(optarg)); break;
      case O_PLUGIN_OPTIONS: strlist_add(&o->plugin_options, xstrdup(optarg)); break;
      case O_LABEL: o->label = true; break;
      case O_THREAD_HOP: o->thread_hop = true; break;
      case O_SEQUENTIAL: o->sequential = true; break;
      case O_NEW_VOLUME: o->new_volume = true; break;
      case O_PURGE: o->purge = true; break;
      case O_HELP: return "";
      default: break; /* the numbers */
    }
  }
  if (optind < argc) {
    for (int k = JOB_BACKUP; k <= JOB_RESTORE && !o->have_kind; k++)
      if (strcmp(argv[optind], job_kind_names[k]) == 0) o->kind = (job_kind)k, o->have_kind = true;
    if (!o->have_kind) return "unknown job type";
    if (optind + 1 < argc) return "too many arguments";
  }
  if (!o->have_kind && !o->info) return "a job type (or --info) is required";
  static char why[96];
  for (size_t i = 0; i < NOPTS; i++) {
    if (!seen[opts[i].o.val]) continue;
    const char* what = NULL;
    if (!(opts[i].daemons & d->mask))
      what = "this daemon";
    else if (o->have_kind && !(opts[i].kinds & (1u << o->kind)))
      what = job_kind_names[o->kind];
    if (!what) continue;
    snprintf(why, sizeof why, "--%s is not for %s", opts[i].o.name, what);
    return why;
  }
  return NULL;
}

static const daemon_desc* pick_daemon(const char* argv0) {
  const char* base = strrchr(argv0, '/');
  base = base ? base + 1 : argv0;
  if (strcmp(base, sd_daemon.prog) == 0) return &sd_daemon;
  if (strcmp(base, dir_daemon.prog) == 0) return &dir_daemon;
  return NULL;
}

/* Runs the jobs in threads, in parallel or one after the other, the SD's
 * system job around them. */
static int run_jobs(sim_env* env) {
  const daemon_desc* d = env->d;
  int n = env->opts.jobs, rc = 0;
  sim_job* system = NULL;
  if (d->seq[JOB_SYSTEM].n) {
    system = job_new(env, JOB_SYSTEM, 0);
    job_open(system);
    job_run(system, &d->seq[JOB_SYSTEM]);
  }
  sim_job** jobs = xcalloc((size_t)n, sizeof *jobs);
  pthread_t* threads = xcalloc((size_t)n, sizeof *threads);
  bool* started = xcalloc((size_t)n, sizeof *started);
  for (int i = 0; i < n; i++) {
    jobs[i] = job_new(env, env->opts.kind, i + 1);
    started[i] = pthread_create(&threads[i], NULL, job_thread, jobs[i]) == 0;
    if (!started[i]) job_thread(jobs[i]); /* no thread: run it here */
    if (started[i] && env->opts.sequential) {
      pthread_join(threads[i], NULL);
      started[i] = false;
    }
  }
  for (int i = 0; i < n; i++)
    if (started[i]) pthread_join(threads[i], NULL);
  if (system) job_close(system); /* the daemon stops */
  for (int i = -1; i < n; i++) {
    sim_job* j = i < 0 ? system : jobs[i];
    if (!j) continue;
    report_text(j, stdout);
    if (j->status != 'T') rc = 1;
  }
  if (env->opts.report && report_json(jobs, (size_t)n, system, env->opts.report) != 0) rc = 1;
  for (int i = 0; i < n; i++) job_free(jobs[i]);
  if (system) job_free(system);
  free(jobs);
  free(threads);
  free(started);
  return rc;
}

static void free_opts(sim_opts* o) {
  strlist_free(&o->plugin_names);
  strlist_free(&o->plugin_options);
  strlist_free(&o->devices);
}

int main(int argc, char** argv) {
  const daemon_desc* d = pick_daemon(argv[0]);
  if (!d) {
    fprintf(stderr, "run this program as %s or %s\n", sd_daemon.prog, dir_daemon.prog);
    return 2;
  }
  prog_name = d->prog;
  sim_env env = {.d = d,
                 .opts = {.job_name = "sim", .client = "sim-fd", .level = 'F',
                          .volume = "Full-0001", .pool = "Full", .jobs = 1, .jobid = 1,
                          .records = 3, .files = 10, .bytes = 1048576}};
  const char* bad = parse(d, &env.opts, argc, argv);
  if (bad) {
    if (*bad) fprintf(stderr, "%s: %s\n", prog_name, bad);
    usage(d, *bad ? stderr : stdout);
    free_opts(&env.opts);
    return *bad ? 2 : 0;
  }
  if (!env.opts.devices.n)
    strlist_add(&env.opts.devices, xstrdup(d->default_device));
  core_set_env(&env);
  int rc = 0;
  if (loader_load(&env) < 0) {
    rc = 2;
  } else {
    if (env.opts.info) loader_info(&env, stdout);
    if (env.opts.have_kind && env.opts.thread_hop &&
        !(env.hop = hop_new((size_t)env.opts.jobs + 2))) {
      fprintf(stderr, "%s: cannot start the --thread-hop threads\n", prog_name);
      rc = 2;
    } else if (env.opts.have_kind) {
      rc = run_jobs(&env);
    }
  }
  hop_free(env.hop);
  loader_unload(&env);
  free_opts(&env.opts);
  return rc;
}
