/* Allocation, containers and name tables.  Allocation failure aborts: a
 * simulator is a test tool and has no meaningful way to continue. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"

const char* prog_name = "bareos-sim";

static void* check(void* p) {
  if (!p) {
    fprintf(stderr, "%s: out of memory\n", prog_name);
    abort();
  }
  return p;
}

void* xmalloc(size_t n) { return check(malloc(n ? n : 1)); }

void* xcalloc(size_t n, size_t size) { return check(calloc(n ? n : 1, size ? size : 1)); }

void* xrealloc(void* p, size_t n) { return check(realloc(p, n ? n : 1)); }

char* xstrdup(const char* s) { return check(strdup(s)); }

char* xstrndup(const char* s, size_t n) { return check(strndup(s, n)); }

char* xvasprintf(const char* fmt, va_list ap) {
  char* s = NULL;
  if (vasprintf(&s, fmt, ap) < 0) s = NULL;
  return check(s);
}

char* xvasprintf_line(const char* fmt, va_list ap) {
  char* text = xvasprintf(fmt, ap);
  size_t len = strlen(text);
  while (len && text[len - 1] == '\n') text[--len] = '\0';
  return text;
}

char* xasprintf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char* s = xvasprintf(fmt, ap);
  va_end(ap);
  return s;
}

void* vec_push(vec* v, size_t elsize) {
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 8;
    v->v = check(realloc(v->v, v->cap * elsize));
  }
  void* slot = (char*)v->v + v->n++ * elsize;
  memset(slot, 0, elsize);
  return slot;
}

void strlist_add(strlist* l, char* owned) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->v = check(realloc(l->v, l->cap * sizeof *l->v));
  }
  l->v[l->n++] = owned;
}

void strlist_add_names(strlist* l, const char* s) {
  char *copy = xstrdup(s), *save = NULL;
  for (char* t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
    strlist_add(l, xstrdup(t));
  free(copy);
}

void strlist_free(strlist* l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
  *l = (strlist){0};
}

static const char* const msg_names[] = {
    NULL,        "M_ABORT",   "M_DEBUG",   "M_FATAL",   "M_ERROR",   "M_WARNING",
    "M_INFO",    "M_SAVED",   "M_NOTSAVED", "M_SKIPPED", "M_MOUNT",  "M_ERROR_TERM",
    "M_TERM",    "M_RESTORED", "M_SECURITY", "M_ALERT",  "M_VOLMGMT", "M_AUDIT",
    "M_CONFIG_ERROR"};

bool parse_number(const char* s, long long min, long long max, long long* out) {
  char* end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || end == s || *end || v < min || v > max) return false;
  *out = v;
  return true;
}

bool parse_one_of(const char* s, const char* allowed, char* out) {
  if (strlen(s) != 1 || !strchr(allowed, s[0])) return false;
  *out = s[0];
  return true;
}

const char* num_option_set(const num_option* table, size_t n, int id, const char* arg,
                           void* opts) {
  for (size_t i = 0; i < n; i++) {
    const num_option* t = &table[i];
    long long v;
    if (t->id != id) continue;
    if (!parse_number(arg, t->min, t->max, &v)) return t->why;
    char* field = (char*)opts + t->off;
    switch (t->kind) {
      case NUM_INT: *(int*)field = (int)v; break;
      case NUM_U32: *(uint32_t*)field = (uint32_t)v; break;
      case NUM_LONG: *(long*)field = (long)v; break;
      case NUM_U64: *(uint64_t*)field = (uint64_t)v; break;
      case NUM_TIME: *(time_t*)field = (time_t)v; break;
    }
  }
  return NULL;
}

const char* msg_type_name(int type) {
  if (type > 0 && type < (int)(sizeof msg_names / sizeof *msg_names)) return msg_names[type];
  return "M_?";
}

uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

long rss_kib(void) {
  FILE* f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

char* plugin_string_arg(const char* arg) {
  if (arg[0] != '@') return xstrdup(arg);
  FILE* f = fopen(arg + 1, "rb");
  if (!f) {
    fprintf(stderr, "cannot read %s\n", arg + 1);
    exit(2);
  }
  char* text = NULL;
  size_t len = 0, cap = 0;
  for (int c; (c = getc(f)) != EOF;) {
    if (len + 2 > cap) text = xrealloc(text, cap = cap ? cap * 2 : 256);
    text[len++] = (char)c;
  }
  fclose(f);
  if (len && text[len - 1] == '\n') len--;
  char* out = xstrndup(text ? text : "", len);
  free(text);
  return out;
}
