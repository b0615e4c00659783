/* Job reports: human-readable on stdout, JSON for the tests.  File names are
 * bytes; JSON strings carry them losslessly with surrogateescape (a byte
 * that is not part of valid UTF-8 becomes the lone surrogate U+DC00+byte). */
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

/* Length of the valid UTF-8 sequence at s, 0 if there is none. */
static size_t utf8_len(const unsigned char* s, size_t n) {
  static const struct {
    unsigned char lo, hi;
    size_t len;
    uint32_t mask, min;
  } lead[] = {{0x00, 0x7f, 1, 0x7f, 0}, {0xc2, 0xdf, 2, 0x1f, 0x80},
              {0xe0, 0xef, 3, 0x0f, 0x800}, {0xf0, 0xf4, 4, 0x07, 0x10000}};
  for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
    if (s[0] < lead[k].lo || s[0] > lead[k].hi) continue;
    if (n < lead[k].len) return 0;
    uint32_t cp = s[0] & lead[k].mask;
    for (size_t i = 1; i < lead[k].len; i++) {
      if ((s[i] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (s[i] & 0x3f);
    }
    bool ok = cp >= lead[k].min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    return ok ? lead[k].len : 0;
  }
  return 0;
}

static void json_str(FILE* out, const char* str) {
  const unsigned char* s = (const unsigned char*)(str ? str : "");
  size_t n = strlen((const char*)s);
  fputc('"', out);
  for (size_t i = 0; i < n;) {
    size_t len = utf8_len(s + i, n - i);
    if (!len)
      fprintf(out, "\\udc%02x", s[i]);
    else if (s[i] == '"' || s[i] == '\\')
      fprintf(out, "\\%c", s[i]);
    else if (s[i] < 0x20 || s[i] == 0x7f)
      fprintf(out, "\\u%04x", s[i]);
    else
      fwrite(s + i, 1, len, out);
    i += len ? len : 1;
  }
  fputc('"', out);
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
