/* JSON strings for the job reports: lossless for names that are bytes. */
#include <stdbool.h>
#include <string.h>

#include "lib/report.h"

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

void json_str(FILE* out, const char* str) {
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
