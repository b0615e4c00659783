/* bareos-fd-sim: loads *-fd.so plugins like bareos-fd and drives them
 * through backup, estimate and restore jobs.  See README.md for the CLI. */
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

static const char usage_text[] =
    "usage: bareos-fd-sim [options] backup|estimate|restore|native\n"
    "       bareos-fd-sim --plugin-dir DIR --info\n"
    "common:   --plugin-dir DIR  --plugin-names a,b  --info  --debug LEVEL\n"
    "          --working-dir DIR  --config PATH  --report FILE  --trace  --jobs N\n"
    "          --job-name NAME  --jobid N  --plugin-options STR (repeatable)\n"
    "          --archive FILE  --cancel-after N  --cancel-early\n"
    "          --stack-size KIB  --repeat N\n"
    "backup/estimate: --fileset-plugin STR (repeatable)  --level F|I|D  --since EPOCH\n"
    "          --accurate ARCHIVE (repeatable)  --prev-archive ARCHIVE (repeatable)\n"
    "          --no-acl  --no-xattr  --noatime  --exclude GLOB (repeatable)\n"
    "restore:  --where DIR  --replace a|w|n|o\n"
    "native:   --native PATH (repeatable): the daemon backs it up itself, no plugin\n";

enum {
  O_PLUGIN_DIR = 256, O_PLUGIN_NAMES, O_INFO, O_DEBUG, O_WORKING_DIR, O_CONFIG, O_REPORT, O_TRACE,
  O_JOBS, O_JOB_NAME, O_JOBID, O_FILESET, O_LEVEL, O_SINCE, O_ACCURATE, O_PREV, O_ARCHIVE,
  O_PLUGIN_OPTIONS, O_ACL, O_XATTR, O_NO_ACL, O_NO_XATTR, O_NOATIME, O_CANCEL_AFTER, O_CANCEL_EARLY, O_STACK_SIZE, O_REPEAT, O_NATIVE, O_EXCLUDE, O_WHERE,
  O_REPLACE, O_HELP
};

static const struct option long_opts[] = {
    {"plugin-dir", required_argument, NULL, O_PLUGIN_DIR},
    {"plugin-names", required_argument, NULL, O_PLUGIN_NAMES},
    {"info", no_argument, NULL, O_INFO},
    {"debug", required_argument, NULL, O_DEBUG},
    {"working-dir", required_argument, NULL, O_WORKING_DIR},
    {"config", required_argument, NULL, O_CONFIG},
    {"report", required_argument, NULL, O_REPORT},
    {"trace", no_argument, NULL, O_TRACE},
    {"jobs", required_argument, NULL, O_JOBS},
    {"job-name", required_argument, NULL, O_JOB_NAME},
    {"jobid", required_argument, NULL, O_JOBID},
    {"fileset-plugin", required_argument, NULL, O_FILESET},
    {"level", required_argument, NULL, O_LEVEL},
    {"since", required_argument, NULL, O_SINCE},
    {"accurate", required_argument, NULL, O_ACCURATE},
    {"prev-archive", required_argument, NULL, O_PREV},
    {"archive", required_argument, NULL, O_ARCHIVE},
    {"plugin-options", required_argument, NULL, O_PLUGIN_OPTIONS},
    {"acl", no_argument, NULL, O_ACL},
    {"xattr", no_argument, NULL, O_XATTR},
    {"no-acl", no_argument, NULL, O_NO_ACL},
    {"no-xattr", no_argument, NULL, O_NO_XATTR},
    {"noatime", no_argument, NULL, O_NOATIME},
    {"cancel-after", required_argument, NULL, O_CANCEL_AFTER},
    {"cancel-early", no_argument, NULL, O_CANCEL_EARLY},
    {"stack-size", required_argument, NULL, O_STACK_SIZE},
    {"repeat", required_argument, NULL, O_REPEAT},
    {"native", required_argument, NULL, O_NATIVE},
    {"exclude", required_argument, NULL, O_EXCLUDE},
    {"where", required_argument, NULL, O_WHERE},
    {"replace", required_argument, NULL, O_REPLACE},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0}};

#define NUM(id, kind, member, min, max, why) NUM_OPTION(id, kind, sim_opts, member, min, max, why)
static const num_option numbers[] = {
    NUM(O_DEBUG, NUM_INT, debug, 0, INT_MAX, "--debug needs a level"),
    NUM(O_JOBS, NUM_INT, jobs, 1, 1024, "--jobs needs a count of 1..1024"),
    NUM(O_JOBID, NUM_U32, jobid, 1, INT_MAX, "--jobid needs a positive number"),
    NUM(O_SINCE, NUM_TIME, since, 0, INT_MAX, "--since needs an epoch time"),
    NUM(O_CANCEL_AFTER, NUM_LONG, cancel_after, 0, LONG_MAX, "--cancel-after needs a file count"),
    NUM(O_STACK_SIZE, NUM_LONG, stack_kib, 64, 1 << 20, "--stack-size needs KiB (64..1048576)"),
    NUM(O_REPEAT, NUM_LONG, repeat, 1, 1000000, "--repeat needs a count")};
#undef NUM

/* NULL on success, else what is wrong with the command line. */
static const char* parse(sim_opts* o, int argc, char** argv) {
  int opt;
  while ((opt = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
    const char* bad = num_option_set(numbers, sizeof numbers / sizeof *numbers, opt, optarg, o);
    if (bad) return bad;
    switch (opt) {
      case O_PLUGIN_DIR: o->plugin_dir = optarg; break;
      case O_PLUGIN_NAMES: strlist_add_names(&o->plugin_names, optarg); break;
      case O_INFO: o->info = true; break;
      case O_WORKING_DIR: o->working_dir = optarg; break;
      case O_CONFIG: o->config = optarg; break;
      case O_REPORT: o->report = optarg; break;
      case O_TRACE: o->trace = true; break;
      case O_JOB_NAME: o->job_name = optarg; break;
      case O_FILESET: strlist_add(&o->fileset, plugin_string_arg(optarg)); break;
      case O_LEVEL:
        if (!parse_one_of(optarg, "FID", &o->level)) return "--level must be F, I or D";
        break;
      case O_SINCE: o->since_set = true; break;
      case O_ACCURATE: strlist_add(&o->accurate, xstrdup(optarg)); break;
      case O_PREV: strlist_add(&o->prev, xstrdup(optarg)); break;
      case O_ARCHIVE: o->archive = optarg; break;
      case O_PLUGIN_OPTIONS: strlist_add(&o->plugin_options, plugin_string_arg(optarg)); break;
      case O_ACL: o->acl = true; break;
      case O_XATTR: o->xattr = true; break;
      case O_NO_ACL: o->acl = false; break;
      case O_NO_XATTR: o->xattr = false; break;
      case O_NOATIME: o->noatime = true; break;
      case O_CANCEL_EARLY: o->cancel_early = true; break;
      case O_NATIVE: strlist_add(&o->native, xstrdup(optarg)); break;
      case O_EXCLUDE: strlist_add(&o->excludes, xstrdup(optarg)); break;
      case O_WHERE: o->where = optarg; break;
      case O_REPLACE:
        if (!parse_one_of(optarg, "awno", &o->replace)) return "--replace must be a, w, n or o";
        break;
      case O_DEBUG:
      case O_JOBS:
      case O_JOBID:
      case O_CANCEL_AFTER:
      case O_STACK_SIZE:
      case O_REPEAT: break; /* the numbers */
      case O_HELP: return "";
      default: return "unknown option";
    }
  }
  if (optind < argc) {
    for (int k = 0; k < JOB_KIND_COUNT && !o->have_kind; k++)
      if (strcmp(argv[optind], job_kind_names[k]) == 0) o->kind = (job_kind)k, o->have_kind = true;
    if (!o->have_kind) return "unknown job type";
    if (optind + 1 < argc) return "too many arguments";
  }
  if (!o->have_kind && !o->info) return "a job type (or --info) is required";
  if (o->have_kind && o->kind == JOB_RESTORE && !o->archive) return "restore needs --archive";
  return NULL;
}

/* Bareos' ExePath is the directory holding the daemon binary. */
static char* exe_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return xstrdup("");
  buf[n] = '\0';
  return xstrdup(dirname(buf));
}

/* One round of --jobs N jobs; the caller owns and frees the jobs. */
static sim_job** run_round(sim_env* env) {
  int n = env->opts.jobs;
  sim_job** jobs = xcalloc((size_t)n, sizeof *jobs);
  pthread_t* threads = xcalloc((size_t)n, sizeof *threads);
  bool* started = xcalloc((size_t)n, sizeof *started);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  /* Daemons may run jobs on small stacks; --stack-size shows the plugin copes. */
  if (env->opts.stack_kib) pthread_attr_setstacksize(&attr, (size_t)env->opts.stack_kib * 1024);
  for (int i = 0; i < n; i++) {
    jobs[i] = job_new(env, n > 1 ? i + 1 : 0);
    started[i] = pthread_create(&threads[i], &attr, job_thread, jobs[i]) == 0;
    if (!started[i]) job_thread(jobs[i]); /* no thread: run it here */
  }
  pthread_attr_destroy(&attr);
  for (int i = 0; i < n; i++)
    if (started[i]) pthread_join(threads[i], NULL);
  free(threads);
  free(started);
  return jobs;
}

static void free_round(sim_job** jobs, int n) {
  for (int i = 0; i < n; i++) job_free(jobs[i]);
  free(jobs);
}

/* Runs --repeat rounds; reports the jobs of the last round, and any round
 * with a job that did not end T. */
static int run_jobs(sim_env* env) {
  int n = env->opts.jobs, rc = 0;
  long rounds = env->opts.repeat ? env->opts.repeat : 1;
  long failed_rounds = 0;
  long* rss = xcalloc((size_t)rounds, sizeof *rss);
  sim_job** jobs = NULL;
  for (long r = 0; r < rounds; r++) {
    if (jobs) free_round(jobs, n);
    jobs = run_round(env);
    bool failed = false;
    for (int i = 0; i < n; i++) failed |= jobs[i]->status != 'T';
    failed_rounds += failed;
    rss[r] = rss_kib();
  }
  for (int i = 0; i < n; i++) {
    report_text(jobs[i], stdout);
    if (jobs[i]->status != 'T') rc = 1;
  }
  if (failed_rounds) {
    printf("%ld of %ld rounds had a job that did not end T\n", failed_rounds, rounds);
    rc = 1;
  }
  if (rounds > 1) printf("resident memory: %ld KiB after round 1, %ld KiB after round %ld\n",
                         rss[0], rss[rounds - 1], rounds);
  if (env->opts.report &&
      report_json(jobs, (size_t)n, rss, (size_t)rounds, failed_rounds, env->opts.report) != 0)
    rc = 1;
  free_round(jobs, n);
  free(rss);
  return rc;
}

static void free_opts(sim_opts* o) {
  strlist* lists[] = {&o->plugin_names, &o->fileset, &o->plugin_options,
                      &o->accurate,     &o->prev,    &o->excludes, &o->native};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) strlist_free(lists[i]);
}

int main(int argc, char** argv) {
  sim_env env = {.opts = {.working_dir = "/tmp", .config = "/etc/bareos/bareos-fd.d/*/*.conf", .job_name = "sim", .where = "",
                          .level = 'F', .replace = 'a', .jobs = 1, .jobid = 1,
                          /* A Bareos 25 FileSet has ACL and xattr support on by default. */
                          .acl = true, .xattr = true,
                          .cancel_after = -1}};
  int rc = 0;
  prog_name = "bareos-fd-sim";
  /* Like bareos-fd: a plugin's child that stops reading is an EPIPE, not the
   * end of the daemon. */
  signal(SIGPIPE, SIG_IGN);
  const char* bad = parse(&env.opts, argc, argv);
  if (bad) {
    if (*bad) fprintf(stderr, "bareos-fd-sim: %s\n", bad);
    fputs(usage_text, *bad ? stderr : stdout);
    free_opts(&env.opts);
    return *bad ? 2 : 0;
  }
  env.exe_dir = exe_dir();
  if (loader_load(&env) < 0) {
    rc = 2;
  } else {
    if (env.opts.info) loader_info(&env, stdout);
    if (env.opts.have_kind) rc = run_jobs(&env);
  }
  loader_unload(&env);
  free(env.exe_dir);
  free_opts(&env.opts);
  return rc;
}
