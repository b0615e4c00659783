#include "bytecode.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "read_file.h"

static const char magic[8] = {'B', 'Q', 'J', 'S', 'B', 'C', '1', '\n'};

void qjs_bytecode_tag(const uint8_t* src, size_t len, char tag[QJS_BYTECODE_TAG_SIZE]) {
  /* FNV-1a over 8-byte words (then the tail bytes): a job start hashes the
   * whole bundle, and one multiply per byte showed in its profile. */
  uint64_t hash = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t word;
    memcpy(&word, src + i, 8);
    hash = (hash ^ word) * 0x100000001b3ull;
  }
  for (; i < len; i++) hash = (hash ^ src[i]) * 0x100000001b3ull;
  const uint16_t probe = 1;
  memset(tag, 0, QJS_BYTECODE_TAG_SIZE);
  snprintf(tag, QJS_BYTECODE_TAG_SIZE, "quickjs-ng %s/%zu%c/%016llx", JS_GetVersion(),
           sizeof(void*) * 8, *(const uint8_t*)&probe ? 'l' : 'b', (unsigned long long)hash);
}

int qjs_bytecode_write(JSContext* ctx, const uint8_t* src, size_t len, const char* name,
                       const char* out_path, char* err, size_t errlen) {
  JSValue fn = JS_Eval(ctx, (const char*)src, len, name,
                       JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
  if (JS_IsException(fn)) {
    JSValue exc = JS_GetException(ctx);
    const char* text = JS_ToCString(ctx, exc);
    snprintf(err, errlen, "%s does not compile: %s", name, text ? text : "?");
    JS_FreeCString(ctx, text);
    JS_FreeValue(ctx, exc);
    return -1;
  }
  size_t size;
  /* Without the functions' source text (only Function.prototype.toString
   * reads it): a smaller file that loads faster.  Line tables stay, for
   * stack traces. */
  uint8_t* code = JS_WriteObject(ctx, &size, fn, JS_WRITE_OBJ_BYTECODE | JS_WRITE_OBJ_STRIP_SOURCE);
  JS_FreeValue(ctx, fn);
  if (!code) {
    snprintf(err, errlen, "cannot serialize %s", name);
    return -1;
  }
  char tag[QJS_BYTECODE_TAG_SIZE];
  qjs_bytecode_tag(src, len, tag);
  FILE* out = fopen(out_path, "wb");
  int rc = -1;
  if (out && fwrite(magic, sizeof magic, 1, out) == 1 && fwrite(tag, sizeof tag, 1, out) == 1 &&
      fwrite(code, size, 1, out) == 1)
    rc = 0;
  if (out && fclose(out) != 0) rc = -1;
  if (rc) snprintf(err, errlen, "cannot write %s: %s", out_path, strerror(errno));
  js_free(ctx, code);
  return rc;
}

/* Sources read before, by file: a daemon starting job after job with the
 * same bundle would otherwise read and hash its whole source each time only
 * to find the tag it found before.  A file is known by its identity, size
 * and times; as a write in the same clock tick as the read could leave all
 * of them alike, only files unchanged for a while are remembered (git's
 * "racily clean" rule). */
typedef struct {
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime, ctime;
  char tag[QJS_BYTECODE_TAG_SIZE];
} KnownSource;

enum { KNOWN_SOURCES = 8 };
static struct {
  pthread_mutex_t lock;
  KnownSource entries[KNOWN_SOURCES];
  unsigned count, next;
} known = {.lock = PTHREAD_MUTEX_INITIALIZER};

static bool same_time(struct timespec a, struct timespec b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static bool is_file(const KnownSource* k, const struct stat* st) {
  return k->dev == st->st_dev && k->ino == st->st_ino && k->size == st->st_size &&
         same_time(k->mtime, st->st_mtim) && same_time(k->ctime, st->st_ctim);
}

static bool recall(const struct stat* st, char tag[QJS_BYTECODE_TAG_SIZE]) {
  bool found = false;
  pthread_mutex_lock(&known.lock);
  for (unsigned i = 0; i < known.count && !found; i++) {
    if (is_file(&known.entries[i], st)) {
      memcpy(tag, known.entries[i].tag, QJS_BYTECODE_TAG_SIZE);
      found = true;
    }
  }
  pthread_mutex_unlock(&known.lock);
  return found;
}

static void remember(const struct stat* st, const char tag[QJS_BYTECODE_TAG_SIZE]) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  if (st->st_ctim.tv_sec >= now.tv_sec - 1) return;
  KnownSource k = {.dev = st->st_dev, .ino = st->st_ino, .size = st->st_size,
                   .mtime = st->st_mtim, .ctime = st->st_ctim};
  memcpy(k.tag, tag, QJS_BYTECODE_TAG_SIZE);
  pthread_mutex_lock(&known.lock);
  known.entries[known.next] = k;
  known.next = (known.next + 1) % KNOWN_SOURCES;
  if (known.count < KNOWN_SOURCES) known.count++;
  pthread_mutex_unlock(&known.lock);
}

int qjs_source_tag(JSContext* ctx, const char* path, const struct stat* st,
                   char tag[QJS_BYTECODE_TAG_SIZE], uint8_t** src, size_t* len) {
  *src = NULL;
  if (recall(st, tag)) return 0;
  /* Remembered as read: the file may have changed since st. */
  struct stat read_st;
  *src = qjs_read_file(ctx, len, path, &read_st);
  if (!*src) return -1;
  qjs_bytecode_tag(*src, *len, tag);
  remember(&read_st, tag);
  return 0;
}

JSValue qjs_bytecode_read(JSContext* ctx, const char tag[QJS_BYTECODE_TAG_SIZE], const char* bc_path,
                          const char** why) {
  size_t size;
  uint8_t* file = qjs_read_file(ctx, &size, bc_path, NULL);
  if (!file) {
    *why = "there is none";
    return JS_UNDEFINED;
  }
  JSValue fn = JS_UNDEFINED;
  if (size < sizeof magic + QJS_BYTECODE_TAG_SIZE || memcmp(file, magic, sizeof magic) != 0)
    *why = "it is not a bareos-quickjs bytecode file";
  else if (memcmp(file + sizeof magic, tag, QJS_BYTECODE_TAG_SIZE) != 0)
    *why = "it was built from another source or by another engine";
  else
    fn = JS_ReadObject(ctx, file + sizeof magic + QJS_BYTECODE_TAG_SIZE,
                       size - sizeof magic - QJS_BYTECODE_TAG_SIZE, JS_READ_OBJ_BYTECODE);
  js_free(ctx, file);
  return fn;
}
