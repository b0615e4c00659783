/* Job reports: human-readable on stdout, JSON for the tests (plugin texts
 * losslessly, see json_str). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

void report_text(const sim_job* j, FILE* out) {
  fprintf(out, "Job %d %s (%s): status %c\n", j->jobid, j->name, job_kind_names[j->kind], j->status);
  fprintf(out, "  Files: %d  Bytes: %" PRIu64 "  Errors: %d\n", j->files, j->bytes, j->errors);
  for (size_t i = 0; i < j->msgs.n; i++) {
    const sim_msg* m = &VEC(j->msgs, sim_msg)[i];
    fprintf(out, "  [%s] %s\n", msg_type_name(m->type), m->text);
  }
  if (j->set_volume) fprintf(out, "  Set VolumeName: %s\n", j->set_volume);
  if (j->set_priority) fprintf(out, "  Set Priority: %d\n", j->set_priority);
  if (j->set_level) fprintf(out, "  Set JobLevel: %c\n", j->set_level);
}

static void json_msgs(FILE* out, const char* key, const vec* v, bool is_debug) {
  fprintf(out, ",\"%s\":[", key);
  for (size_t i = 0; i < v->n; i++) {
    const sim_msg* m = &VEC(*v, sim_msg)[i];
    if (is_debug)
      fprintf(out, "%s{\"level\":%d,\"text\":", i ? "," : "", m->type);
    else
      fprintf(out, "%s{\"type\":\"%s\",\"typeNum\":%d,\"text\":", i ? "," : "",
              msg_type_name(m->type), m->type);
    json_str(out, m->text);
    fputc('}', out);
  }
  fputc(']', out);
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
  json_msgs(out, "messages", &j->msgs, false);
  json_msgs(out, "debug", &j->debug, true);
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

int report_json(sim_job* const* jobs, size_t n, const sim_job* system, const char* path) {
  FILE* out = fopen(path, "w");
  if (!out) return -1;
  fputs("{\"jobs\":[", out);
  for (size_t i = 0; i < n; i++) {
    if (i) fputs(",\n", out);
    json_job(out, jobs[i]);
  }
  fputc(']', out);
  if (system) {
    fputs(",\n\"system\":", out);
    json_job(out, system);
  }
  fputs("}\n", out);
  bool failed = ferror(out);
  return fclose(out) == 0 && !failed ? 0 : -1;
}
