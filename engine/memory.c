#include "memory.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Atomic size_t daemon_used;

size_t qjs_memory_daemon_used(void) { return atomic_load(&daemon_used); }

static void* refuse(QjsMemory* m, QjsMemFailure why, size_t size) {
  if (m->failure == QJS_MEM_OK) {
    m->failure = why;
    m->refused = size;
  }
  return NULL;
}

/* Whether size more bytes stay within both limits. */
static int admit(QjsMemory* m, size_t size) {
  if (m->limit && (size > m->limit || m->used > m->limit - size)) return refuse(m, QJS_MEM_LIMIT, size), 0;
  if (m->daemon_limit && atomic_load(&daemon_used) + size > m->daemon_limit)
    return refuse(m, QJS_MEM_DAEMON, size), 0;
  return 1;
}

static void count(QjsMemory* m, size_t added, size_t removed) {
  m->used += added - removed;
  if (added >= removed) atomic_fetch_add(&daemon_used, added - removed);
  else atomic_fetch_sub(&daemon_used, removed - added);
}

static void* mem_malloc(void* opaque, size_t size) {
  QjsMemory* m = opaque;
  if (!admit(m, size)) return NULL;
  void* p = malloc(size);
  if (!p) return refuse(m, QJS_MEM_SYSTEM, size);
  count(m, malloc_usable_size(p), 0);
  return p;
}

static void* mem_calloc(void* opaque, size_t n, size_t size) {
  QjsMemory* m = opaque;
  if (size && n > SIZE_MAX / size) return refuse(m, QJS_MEM_LIMIT, SIZE_MAX);
  if (!admit(m, n * size)) return NULL;
  void* p = calloc(n, size);
  if (!p) return refuse(m, QJS_MEM_SYSTEM, n * size);
  count(m, malloc_usable_size(p), 0);
  return p;
}

static void mem_free(void* opaque, void* p) {
  if (!p) return;
  count(opaque, 0, malloc_usable_size(p));
  free(p);
}

static void* mem_realloc(void* opaque, void* p, size_t size) {
  QjsMemory* m = opaque;
  size_t old = p ? malloc_usable_size(p) : 0;
  if (size > old && !admit(m, size - old)) return NULL;
  void* q = realloc(p, size);
  if (!q && size) return refuse(m, QJS_MEM_SYSTEM, size);
  count(m, q ? malloc_usable_size(q) : 0, old);
  return q;
}

static size_t mem_usable_size(const void* p) { return malloc_usable_size((void*)p); }

const JSMallocFunctions qjs_malloc_functions = {
    .js_calloc = mem_calloc,
    .js_malloc = mem_malloc,
    .js_free = mem_free,
    .js_realloc = mem_realloc,
    .js_malloc_usable_size = mem_usable_size,
};

/* A number of bytes in a control group's memory.max, or 0 ("max", none). */
static size_t cgroup_limit(void) {
  FILE* f = fopen("/sys/fs/cgroup/memory.max", "re");
  if (!f) return 0;
  char text[32] = "";
  char* got = fgets(text, sizeof text, f);
  fclose(f);
  char* end;
  unsigned long long n = got ? strtoull(text, &end, 10) : 0;
  return got && end != text ? (size_t)n : 0;
}

static size_t available;
static void find_available(void) {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  available = pages > 0 && page > 0 ? (size_t)pages * (size_t)page : SIZE_MAX;
  size_t group = cgroup_limit();
  if (group && group < available) available = group;
}

size_t qjs_memory_available(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, find_available);
  return available;
}

int qjs_parse_size(const char* text, size_t* bytes) {
  if (!text || *text < '0' || *text > '9') return -1;
  char* end;
  errno = 0;
  unsigned long long n = strtoull(text, &end, 10);
  unsigned shift = 20;
  static const char units[] = "KMGT";
  const char* unit = *end && (*end & ~0x20) ? strchr(units, *end & ~0x20) : NULL;
  if (*end && !unit) return -1;
  if (unit) {
    shift = 10 * (unsigned)(unit - units + 1);
    end++;
    if (strcmp(end, "iB") == 0) end += 2;
  }
  if (errno || *end || n == 0 || n > (SIZE_MAX >> shift)) return -1;
  *bytes = (size_t)n << shift;
  return 0;
}

const char* qjs_format_size(size_t bytes, char* buf, size_t size) {
  static const char* const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = (double)bytes;
  int u = 0;
  while (v >= 1024 && u < 6) v /= 1024, u++;
  if (u == 0) snprintf(buf, size, "%zu bytes", bytes);
  else if (v == (double)(uint64_t)v) snprintf(buf, size, "%.0f %s", v, units[u]);
  else snprintf(buf, size, "%.1f %s", v, units[u]);
  return buf;
}
