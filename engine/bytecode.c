#include "bytecode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

JSValue qjs_bytecode_read(JSContext* ctx, const uint8_t* src, size_t len, const char* bc_path,
                          const char** why) {
  size_t size;
  uint8_t* file = qjs_read_file(ctx, &size, bc_path);
  if (!file) {
    *why = "there is none";
    return JS_UNDEFINED;
  }
  char tag[QJS_BYTECODE_TAG_SIZE];
  qjs_bytecode_tag(src, len, tag);
  JSValue fn = JS_UNDEFINED;
  if (size < sizeof magic + sizeof tag || memcmp(file, magic, sizeof magic) != 0)
    *why = "it is not a bareos-quickjs bytecode file";
  else if (memcmp(file + sizeof magic, tag, sizeof tag) != 0)
    *why = "it was built from another source or by another engine";
  else
    fn = JS_ReadObject(ctx, file + sizeof magic + sizeof tag, size - sizeof magic - sizeof tag,
                       JS_READ_OBJ_BYTECODE);
  js_free(ctx, file);
  return fn;
}
