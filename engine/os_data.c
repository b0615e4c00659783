/* Bytes that are names: the contents of a list or options file, a
 * program's output.  They reach a script as strings in which every byte
 * that is not valid UTF-8 is the lone surrogate U+DC00+byte, like the
 * names in packets, so a name read from them goes back to the same bytes
 * in every call that takes a path. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "bytes_string.h"
#include "os_internal.h"
#include "read_file.h"

/* readFile(path) -> the whole regular file as a byte string. */
static JSValue read_file(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  char* path = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!path) return JS_EXCEPTION;
  size_t len;
  struct stat st = {0};
  uint8_t* data = qjs_read_file(ctx, &len, path, &st);
  free(path);
  if (!data) {
    /* A fifo or a device would never end (or block the job): refused. */
    if (errno == EINVAL) return qjs_os_throw(ctx, "readFile", argv[0], S_ISDIR(st.st_mode) ? EISDIR : EINVAL,
                                             S_ISDIR(st.st_mode) ? NULL : "not a regular file");
    return qjs_os_throw(ctx, "readFile", argv[0], errno, NULL);
  }
  JSValue text = qjs_new_bytes_string(ctx, (const char*)data, len);
  js_free(ctx, data);
  return text;
}

/* decode(bytes) -> string: a Uint8Array or ArrayBuffer as a byte string. */
static JSValue decode(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  size_t size;
  uint8_t* data = JS_GetUint8Array(ctx, &size, argv[0]);
  if (!data) {
    JS_FreeValue(ctx, JS_GetException(ctx));
    data = JS_GetArrayBuffer(ctx, &size, argv[0]);
    if (!data) return JS_ThrowTypeError(ctx, "decode: expected a Uint8Array or an ArrayBuffer");
  }
  return qjs_new_bytes_string(ctx, (const char*)data, size);
}

/* encode(string) -> Uint8Array: the bytes a byte string stands for. */
static JSValue encode(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  size_t len;
  char* bytes = qjs_to_bytes(ctx, argv[0], &len);
  if (!bytes) return JS_EXCEPTION;
  JSValue array = JS_NewUint8ArrayCopy(ctx, (uint8_t*)bytes, len);
  free(bytes);
  return array;
}

const JSCFunctionListEntry qjs_os_data_funcs[] = {
    JS_CFUNC_DEF("readFile", 1, read_file),
    JS_CFUNC_DEF("decode", 1, decode),
    JS_CFUNC_DEF("encode", 1, encode),
};
const size_t qjs_os_data_count = sizeof qjs_os_data_funcs / sizeof qjs_os_data_funcs[0];
