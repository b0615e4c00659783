/* Job reports: human-readable on stdout, JSON for the tests (plugin texts
 * losslessly, see json_str). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

void report_text(const sim_job* j, FILE* out) {
  fprintf(out, "Job %d %s (%s): status %c\n", j->jobid, j->name, job_kind_names[j->kind], j->status);
  fprintf(out, "  Files: %d  Bytes: %" PRIu64 "  Errors: %d\n", j->files, j->bytes, j->errors);
  msgs_text(out, &j->msgs);
  if (j->set_volume) fprintf(out, "  Set VolumeName: %s\n", j->set_volume);
  if (j->set_priority) fprintf(out, "  Set Priority: %d\n", j->set_priority);
  if (j->set_level) fprintf(out, "  Set JobLevel: %c\n", j->set_level);
}

/* Trace entries name their context only when the job had several. */
static void json_trace(FILE* out, const sim_job* j) {
  fputs(",\"trace\":[", out);
  for (size_t i = 0; i < j->trace.n; i++) {
    const sim_trace* t = &VEC(j->trace, sim_trace)[i];
    if (i) fputc(',', out);
    if (j->nctx > 1 && t->ctx) {
      char* line = xasprintf("%s: %s", t->ctx->label, t->text);
      json_str(out, line);
      free(line);
    } else {
      json_str(out, t->text);
    }
  }
  fputc(']', out);
}

static void json_job(FILE* out, const sim_job* j) {
  fprintf(out, "{\"jobid\":%d,\"job\":", j->jobid);
  json_str(out, j->name);
  fprintf(out,
          ",\"type\":\"%s\",\"status\":\"%c\",\"level\":\"%c\",\"files\":%d,\"bytes\":%" PRIu64
          ",\"errors\":%d",
          job_kind_names[j->kind], j->status, j->level, j->files, j->bytes, j->errors);
  msgs_json(out, "messages", &j->msgs, false);
  msgs_json(out, "debug", &j->debug, true);
  json_trace(out, j);
  fputs(",\"values\":{\"volume\":", out);
  if (j->set_volume)
    json_str(out, j->set_volume);
  else
    fputs("null", out);
  if (j->set_priority)
    fprintf(out, ",\"priority\":%d", j->set_priority);
  else
    fputs(",\"priority\":null", out);
  if (j->set_level)
    fprintf(out, ",\"level\":\"%c\"}}", j->set_level);
  else
    fputs(",\"level\":null}}", out);
}

typedef struct {
  sim_job* const* jobs;
  const sim_job* system;
} report_args;

static void job_at(FILE* out, size_t i, const void* arg) {
  json_job(out, ((const report_args*)arg)->jobs[i]);
}

static void system_job(FILE* out, const void* arg) {
  const report_args* a = arg;
  if (!a->system) return;
  fputs(",\n\"system\":", out);
  json_job(out, a->system);
}

int report_json(sim_job* const* jobs, size_t n, const sim_job* system, const char* path) {
  const report_args a = {jobs, system};
  return report_write(path, n, job_at, system_job, &a);
}
