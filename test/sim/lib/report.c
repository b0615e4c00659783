/* Message lists and the JSON report file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report.h"

void msgs_add(vec* msgs, int type, char* text) {
  sim_msg* m = vec_push(msgs, sizeof *m);
  m->type = type;
  m->text = text;
}

void msgs_free(vec* msgs) {
  for (size_t i = 0; i < msgs->n; i++) free(VEC(*msgs, sim_msg)[i].text);
  free(msgs->v);
  *msgs = (vec){0};
}

void msgs_text(FILE* out, const vec* msgs) {
  for (size_t i = 0; i < msgs->n; i++) {
    const sim_msg* m = &VEC(*msgs, sim_msg)[i];
    fprintf(out, "  [%s] %s\n", msg_type_name(m->type), m->text);
  }
}

void msgs_json(FILE* out, const char* key, const vec* msgs, bool levels) {
  fprintf(out, ",\"%s\":[", key);
  for (size_t i = 0; i < msgs->n; i++) {
    const sim_msg* m = &VEC(*msgs, sim_msg)[i];
    if (levels)
      fprintf(out, "%s{\"level\":%d,\"text\":", i ? "," : "", m->type);
    else
      fprintf(out, "%s{\"type\":\"%s\",\"typeNum\":%d,\"text\":", i ? "," : "",
              msg_type_name(m->type), m->type);
    json_str(out, m->text);
    fputc('}', out);
  }
  fputc(']', out);
}

int report_write(const char* path, size_t n, void (*job)(FILE* out, size_t i, const void* arg),
                 void (*rest)(FILE* out, const void* arg), const void* arg) {
  FILE* out = fopen(path, "w");
  bool ok = out != NULL;
  if (ok) {
    fputs("{\"jobs\":[", out);
    for (size_t i = 0; i < n; i++) {
      if (i) fputs(",\n", out);
      job(out, i, arg);
    }
    fputc(']', out);
    rest(out, arg);
    fputs("}\n", out);
    ok = !ferror(out);
    ok = fclose(out) == 0 && ok;
  }
  if (!ok) fprintf(stderr, "%s: cannot write report %s: %s\n", prog_name, path, strerror(errno));
  return ok ? 0 : -1;
}
