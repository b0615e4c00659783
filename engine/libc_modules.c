/* quickjs-libc's qjs:std and qjs:os for scripts inside a daemon.  Everything
 * is re-exported except what would harm the daemon or the other jobs that
 * share its process: exiting it, replacing its signal handlers, changing its
 * working directory or environment, starting threads, touching its terminal.
 * A local export shadows the star re-export of the same name. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "native_modules.h"
#include "quickjs-libc.h"

static const char std_wrapper[] =
    "export * from 'qjs-raw:std';\n"
    "const refuse = (what, why) => function () {\n"
    "  throw new Error(`std.${what}() is not available inside a Bareos daemon: ${why}`);\n"
    "};\n"
    "export const exit = refuse('exit', 'it would end the daemon and every job it runs; "
    "return bRC_Error or throw instead');\n"
    "export const setenv = refuse('setenv', 'the environment is shared by all jobs; "
    "pass env to os.exec instead');\n"
    "export const unsetenv = refuse('unsetenv', 'the environment is shared by all jobs; "
    "pass env to os.exec instead');\n";

static const char os_wrapper[] =
    "export * from 'qjs-raw:os';\n"
    "const refuse = (what, why) => function () {\n"
    "  throw new Error(`os.${what}() is not available inside a Bareos daemon: ${why}`);\n"
    "};\n"
    "export const chdir = refuse('chdir', 'the working directory is shared by all jobs; "
    "use absolute paths or the cwd option of os.exec');\n"
    "export const signal = refuse('signal', 'signal handlers belong to the daemon');\n"
    "export const ttySetRaw = refuse('ttySetRaw', 'a daemon has no terminal');\n"
    "export const Worker = refuse('Worker', 'scripts run on the job thread only');\n"
    /* The loop must know whether a pending promise can still be settled by
     * an I/O handler, without asking the script on every idle turn. */
    "import * as raw from 'qjs-raw:os';\n"
    "import { setIoHandlerCount } from 'qjs-raw:loop';\n"
    "const handlers = new Set();\n"
    "function track(kind, fd, fn) {\n"
    "  if (fn) handlers.add(kind + fd); else handlers.delete(kind + fd);\n"
    "  setIoHandlerCount(handlers.size);\n"
    "}\n"
    "export function setReadHandler(fd, fn) { track('r', fd, fn); raw.setReadHandler(fd, fn); }\n"
    "export function setWriteHandler(fd, fn) { track('w', fd, fn); raw.setWriteHandler(fd, fn); }\n";

/* The wrappers' bytecode, compiled by the first job that imports them and
 * only read by every later one (reading is several times cheaper than
 * compiling).  Bytecode is plain data, so jobs on any thread share it. */
enum { WRAP_STD, WRAP_OS, WRAP_COUNT };
static struct {
  pthread_mutex_t lock;
  uint8_t* code[WRAP_COUNT];
  size_t size[WRAP_COUNT];
} compiled = {.lock = PTHREAD_MUTEX_INITIALIZER};

__attribute__((destructor)) static void free_compiled(void) {
  for (int i = 0; i < WRAP_COUNT; i++) free(compiled.code[i]);
}

static void keep_compiled(JSContext* ctx, int which, JSValueConst fn) {
  size_t size;
  uint8_t* code = JS_WriteObject(ctx, &size, fn, JS_WRITE_OBJ_BYTECODE);
  uint8_t* copy = code ? malloc(size) : NULL;
  if (copy) memcpy(copy, code, size);
  if (code) js_free(ctx, code);
  pthread_mutex_lock(&compiled.lock);
  if (copy && !compiled.code[which]) {
    compiled.code[which] = copy;
    compiled.size[which] = size;
    copy = NULL;
  }
  pthread_mutex_unlock(&compiled.lock);
  free(copy);
}

static JSModuleDef* load_wrapper(JSContext* ctx, int which, const char* name, const char* src,
                                 size_t len) {
  pthread_mutex_lock(&compiled.lock);
  const uint8_t* code = compiled.code[which];
  size_t size = compiled.size[which];
  pthread_mutex_unlock(&compiled.lock);
  JSValue fn;
  if (code) {
    fn = JS_ReadObject(ctx, code, size, JS_READ_OBJ_BYTECODE);
  } else {
    fn = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    if (!JS_IsException(fn)) keep_compiled(ctx, which, fn);
  }
  if (JS_IsException(fn)) return NULL;
  JSModuleDef* m = JS_VALUE_GET_PTR(fn);
  /* The runtime's module list keeps the module alive. */
  JS_FreeValue(ctx, fn);
  return m;
}

static JSModuleDef* init_std(JSContext* ctx, const char* name) {
  return load_wrapper(ctx, WRAP_STD, name, std_wrapper, sizeof std_wrapper - 1);
}

static JSModuleDef* init_os(JSContext* ctx, const char* name) {
  return load_wrapper(ctx, WRAP_OS, name, os_wrapper, sizeof os_wrapper - 1);
}

const QjsNativeModule qjs_engine_modules[] = {
    {"qjs:std", init_std, true},
    {"qjs:os", init_os, true},
    {"qjs-raw:std", js_init_module_std, false}, /* with its wrapper */
    {"qjs-raw:os", js_init_module_os, false},
    {"qjs-raw:loop", qjs_init_loop_module, false},
    {"bareos:os", qjs_init_bareos_os, true},
    {NULL, NULL, false},
};
