/* Stack traces in the sources a plugin was written in: "<bundle>.map"
 * (source map v3, as esbuild writes it) is read on the first error only,
 * and every "bundle:line:column" of a trace becomes "source:line:column". */
#include "source_map.h"

#include <stdlib.h>
#include <string.h>

#include "read_file.h"

typedef struct Segment {
  int32_t gen_col, source, line, col; /* 0-based */
} Segment;

struct SourceMap {
  char** sources;
  int32_t source_count;
  Segment* segments;
  size_t segment_count;
  size_t* line_start; /* first segment of each generated line, plus an end */
  size_t line_count;
};

static const signed char* base64_values(void) {
  static signed char table[256];
  static const char digits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (!table['B']) {
    memset(table, -1, sizeof table);
    for (int i = 0; i < 64; i++) table[(unsigned char)digits[i]] = (signed char)i;
  }
  return table;
}

/* One base64 VLQ number; -1 on malformed input. */
static int read_vlq(const char** p, int32_t* out) {
  const signed char* values = base64_values();
  uint32_t value = 0;
  int shift = 0;
  for (;;) {
    int digit = values[(unsigned char)**p];
    if (digit < 0 || shift > 30) return -1;
    (*p)++;
    value |= (uint32_t)(digit & 31) << shift;
    shift += 5;
    if (!(digit & 32)) break;
  }
  *out = (value & 1) ? -(int32_t)(value >> 1) : (int32_t)(value >> 1);
  return 0;
}

static int decode_mappings(SourceMap* map, const char* p) {
  size_t cap = 256, line_cap = 64;
  map->segments = malloc(cap * sizeof *map->segments);
  map->line_start = malloc(line_cap * sizeof *map->line_start);
  if (!map->segments || !map->line_start) return -1;
  map->line_start[0] = 0;
  map->line_count = 1;
  int32_t source = 0, line = 0, col = 0, gen_col = 0;
  while (*p) {
    if (*p == ';' || *p == ',') {
      if (*p == ';') {
        if (map->line_count + 1 >= line_cap) {
          size_t* grown = realloc(map->line_start, (line_cap *= 2) * sizeof *grown);
          if (!grown) return -1;
          map->line_start = grown;
        }
        map->line_start[map->line_count++] = map->segment_count;
        gen_col = 0;
      }
      p++;
      continue;
    }
    int32_t fields[5], n = 0;
    while (*p && *p != ',' && *p != ';' && n < 5)
      if (read_vlq(&p, &fields[n++]) < 0) return -1;
    gen_col += fields[0];
    if (n < 4) continue; /* a position with no source */
    source += fields[1];
    line += fields[2];
    col += fields[3]; /* a fifth field (the name) is not needed for traces */
    if (map->segment_count == cap) {
      Segment* grown = realloc(map->segments, (cap *= 2) * sizeof *grown);
      if (!grown) return -1;
      map->segments = grown;
    }
    map->segments[map->segment_count++] = (Segment){gen_col, source, line, col};
  }
  map->line_start[map->line_count] = map->segment_count;
  return 0;
}

static int read_sources(SourceMap* map, JSContext* ctx, JSValueConst json) {
  JSValue sources = JS_GetPropertyStr(ctx, json, "sources");
  int64_t n = 0;
  int rc = -1;
  if (!JS_IsArray(sources) || JS_GetLength(ctx, sources, &n) < 0 || n > INT32_MAX) goto out;
  map->sources = calloc((size_t)n + 1, sizeof *map->sources);
  if (!map->sources) goto out;
  for (int64_t i = 0; i < n; i++) {
    JSValue s = JS_GetPropertyInt64(ctx, sources, i);
    const char* text = JS_ToCString(ctx, s);
    JS_FreeValue(ctx, s);
    if (!text) goto out;
    map->sources[i] = strdup(text);
    JS_FreeCString(ctx, text);
    if (!map->sources[i]) goto out;
    map->source_count = (int32_t)i + 1;
  }
  rc = 0;
out:
  JS_FreeValue(ctx, sources);
  return rc;
}

SourceMap* source_map_load(JSContext* ctx, const char* path) {
  size_t len;
  uint8_t* text = qjs_read_file(ctx, &len, path, NULL);
  if (!text) return NULL;
  JSValue json = JS_ParseJSON(ctx, (const char*)text, len, path);
  js_free(ctx, text);
  if (JS_IsException(json)) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    return NULL;
  }
  SourceMap* map = calloc(1, sizeof *map);
  JSValue mappings = JS_GetPropertyStr(ctx, json, "mappings");
  const char* m = JS_ToCString(ctx, mappings);
  int ok = map && m && read_sources(map, ctx, json) == 0 && decode_mappings(map, m) == 0;
  JS_FreeCString(ctx, m);
  JS_FreeValue(ctx, mappings);
  JS_FreeValue(ctx, json);
  if (!ok) {
    source_map_free(map);
    return NULL;
  }
  return map;
}

void source_map_free(SourceMap* map) {
  if (!map) return;
  for (int32_t i = 0; i < map->source_count; i++) free(map->sources[i]);
  free(map->sources);
  free(map->segments);
  free(map->line_start);
  free(map);
}

/* The source position of a 1-based generated line and column. */
static const Segment* lookup(const SourceMap* map, long line, long col) {
  if (line < 1 || (size_t)line >= map->line_count + 1 || col < 1) return NULL;
  size_t lo = map->line_start[line - 1], hi = map->line_start[line];
  const Segment* best = NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (map->segments[mid].gen_col <= col - 1) {
      best = &map->segments[mid];
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return best && best->source < map->source_count ? best : NULL;
}

static int append(char** out, size_t* len, size_t* cap, const char* s, size_t n) {
  if (*len + n + 1 > *cap) {
    size_t grown_cap = (*len + n + 1) * 2;
    char* grown = realloc(*out, grown_cap);
    if (!grown) return -1;
    *out = grown;
    *cap = grown_cap;
  }
  memcpy(*out + *len, s, n);
  *len += n;
  (*out)[*len] = 0;
  return 0;
}

char* source_map_rewrite(const SourceMap* map, const char* bundle, const char* text) {
  size_t bundle_len = strlen(bundle), len = 0, cap = 0;
  char* out = NULL;
  if (append(&out, &len, &cap, "", 0) < 0) return NULL;
  const char* p = text;
  for (const char* hit; (hit = strstr(p, bundle)); ) {
    const char* pos = hit + bundle_len;
    char* end;
    long line = *pos == ':' ? strtol(pos + 1, &end, 10) : 0;
    long col = line > 0 && *end == ':' ? strtol(end + 1, &end, 10) : 0;
    const Segment* s = col > 0 ? lookup(map, line, col) : NULL;
    if (!s) {
      if (append(&out, &len, &cap, p, (size_t)(pos - p)) < 0) goto oom;
      p = pos;
      continue;
    }
    char place[64];
    int n = snprintf(place, sizeof place, ":%d:%d", s->line + 1, s->col + 1);
    const char* source = map->sources[s->source];
    if (append(&out, &len, &cap, p, (size_t)(hit - p)) < 0 ||
        append(&out, &len, &cap, source, strlen(source)) < 0 ||
        append(&out, &len, &cap, place, (size_t)n) < 0)
      goto oom;
    p = end;
  }
  if (append(&out, &len, &cap, p, strlen(p)) < 0) goto oom;
  return out;
oom:
  free(out);
  return NULL;
}
