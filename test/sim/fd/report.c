/* Job reports: human-readable on stdout, JSON for the tests (file names
 * losslessly, see json_str). */
#include <inttypes.h>
#include <string.h>

#include "sim.h"

void report_text(sim_job* j, FILE* out) {
  fprintf(out, "Job %u %s (%s): status %c\n", j->jobid, j->name, job_kind_names[j->kind], j->status);
  fprintf(out, "  Files: %" PRId64 "  Bytes: %" PRId64 "  Errors: %d\n", j->nfiles, j->bytes,
          j->errors);
  msgs_text(out, &j->msgs);
  for (size_t i = 0; i < j->fileset.n; i++) fprintf(out, "  FileSet: %s\n", j->fileset.v[i]);
  for (size_t i = 0; i < j->deleted.n; i++) fprintf(out, "  Deleted: %s\n", j->deleted.v[i]);
}

static void json_strlist(FILE* out, const char* key, const strlist* l) {
  fprintf(out, ",\"%s\":[", key);
  for (size_t i = 0; i < l->n; i++) {
    if (i) fputc(',', out);
    json_str(out, l->v[i]);
  }
  fputc(']', out);
}

static void json_job(FILE* out, const sim_job* j) {
  fprintf(out, "{\"jobid\":%u,\"job\":", j->jobid);
  json_str(out, j->name);
  fprintf(out,
          ",\"type\":\"%s\",\"status\":\"%c\",\"files\":%" PRId64 ",\"bytes\":%" PRId64
          ",\"errors\":%d,\"fds_before\":%d,\"fds_after\":%d,\"children_after\":%d"
          ",\"plugin_ns\":%" PRIu64 ",\"first_file_ns\":%" PRIu64 ",\"data_ns\":%" PRIu64,
          job_kind_names[j->kind], j->status, j->nfiles, j->bytes, j->errors, j->fds_before,
          j->fds_after, j->children_after, (uint64_t)atomic_load(&j->plugin_ns),
          (uint64_t)atomic_load(&j->first_file_ns), j->data_ns);
  msgs_json(out, "messages", &j->msgs, false);
  json_strlist(out, "fileset", &j->fileset);
  fputs(",\"files_list\":[", out);
  for (size_t i = 0; i < j->files.n; i++) {
    const sim_file* f = &VEC(j->files, sim_file)[i];
    fputs(i ? ",{\"fname\":" : "{\"fname\":", out);
    json_str(out, f->fname);
    fprintf(out, ",\"type\":%d,\"size\":%" PRId64 "}", f->type, f->size);
  }
  fputc(']', out);
  json_strlist(out, "deleted", &j->deleted);
  json_strlist(out, "trace", &j->trace);
  fputc('}', out);
}

typedef struct {
  sim_job** jobs;
  const long* rss;
  size_t rounds;
  long failed_rounds;
} report_args;

static void job_at(FILE* out, size_t i, const void* arg) {
  json_job(out, ((const report_args*)arg)->jobs[i]);
}

static void rounds(FILE* out, const void* arg) {
  const report_args* a = arg;
  fprintf(out, ",\"failed_rounds\":%ld,\"rss_kib\":[", a->failed_rounds);
  for (size_t r = 0; r < a->rounds; r++) fprintf(out, "%s%ld", r ? "," : "", a->rss[r]);
  fputc(']', out);
}

int report_json(sim_job** jobs, size_t n, const long* rss, size_t rounds_run, long failed_rounds,
                const char* path) {
  const report_args a = {jobs, rss, rounds_run, failed_rounds};
  return report_write(path, n, job_at, rounds, &a);
}
