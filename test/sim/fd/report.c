/* Job reports: human-readable on stdout, JSON for the tests (file names
 * losslessly, see json_str). */
#include <inttypes.h>
#include <string.h>

#include "sim.h"

void report_text(sim_job* j, FILE* out) {
  fprintf(out, "Job %u %s (%s): status %c\n", j->jobid, j->name, job_kind_names[j->kind], j->status);
  fprintf(out, "  Files: %" PRId64 "  Bytes: %" PRId64 "  Errors: %d\n", j->nfiles, j->bytes,
          j->errors);
  for (size_t i = 0; i < j->msgs.n; i++) {
    const sim_msg* m = &VEC(j->msgs, sim_msg)[i];
    fprintf(out, "  [%s] %s\n", msg_type_name(m->type), m->text);
  }
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

static void json_job(FILE* out, sim_job* j) {
  fprintf(out, "{\"jobid\":%u,\"job\":", j->jobid);
  json_str(out, j->name);
  fprintf(out,
          ",\"type\":\"%s\",\"status\":\"%c\",\"files\":%" PRId64 ",\"bytes\":%" PRId64
          ",\"errors\":%d,\"fds_before\":%d,\"fds_after\":%d,\"children_after\":%d"
          ",\"plugin_ns\":%" PRIu64 ",\"first_file_ns\":%" PRIu64 ",\"data_ns\":%" PRIu64
          ",\"messages\":[",
          job_kind_names[j->kind], j->status, j->nfiles, j->bytes, j->errors, j->fds_before,
          j->fds_after, j->children_after, (uint64_t)atomic_load(&j->plugin_ns),
          (uint64_t)atomic_load(&j->first_file_ns), j->data_ns);
  for (size_t i = 0; i < j->msgs.n; i++) {
    const sim_msg* m = &VEC(j->msgs, sim_msg)[i];
    fprintf(out, "%s{\"type\":\"%s\",\"typeNum\":%d,\"text\":", i ? "," : "",
            msg_type_name(m->type), m->type);
    json_str(out, m->text);
    fputc('}', out);
  }
  fputc(']', out);
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

int report_json(sim_job** jobs, size_t n, const long* rss, size_t rounds, long failed_rounds,
                const char* path) {
  FILE* out = fopen(path, "w");
  if (!out) return -1;
  fputs("{\"jobs\":[", out);
  for (size_t i = 0; i < n; i++) {
    if (i) fputs(",\n", out);
    json_job(out, jobs[i]);
  }
  fprintf(out, "],\"failed_rounds\":%ld,\"rss_kib\":[", failed_rounds);
  for (size_t r = 0; r < rounds; r++) fprintf(out, "%s%ld", r ? "," : "", rss[r]);
  fputs("]}\n", out);
  bool failed = ferror(out);
  return fclose(out) == 0 && !failed ? 0 : -1;
}
