/* bareos-qjsc <bundle.js> <out.qjsbc>: precompiles a plugin bundle for the
 * engine built alongside it (called by `bareos-qjs build`). */
#include <stdio.h>
#include <string.h>

#include "../bytecode.h"
#include "quickjs-libc.h"

static int no_exports(JSContext* ctx, JSModuleDef* m) {
  (void)ctx, (void)m;
  return 0;
}

/* Imports are only named in the bytecode; the daemon resolves them when it
 * loads the module, so any module name compiles here. */
static JSModuleDef* stub_loader(JSContext* ctx, const char* name, void* opaque) {
  (void)opaque;
  return JS_NewCModule(ctx, name, no_exports);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: bareos-qjsc <bundle.js> <out.qjsbc>\n");
    return 2;
  }
  JSRuntime* rt = JS_NewRuntime();
  if (rt) JS_SetModuleLoaderFunc(rt, NULL, stub_loader, NULL);
  JSContext* ctx = rt ? JS_NewContext(rt) : NULL;
  if (!ctx) {
    fprintf(stderr, "bareos-qjsc: cannot create a runtime\n");
    return 1;
  }
  size_t len;
  uint8_t* src = js_load_file(ctx, &len, argv[1]);
  char err[1024] = "";
  int rc = 1;
  if (!src) {
    snprintf(err, sizeof err, "cannot read %s", argv[1]);
  } else {
    /* Stack traces name the bundle by its file name, wherever it is installed. */
    const char* name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
    rc = qjs_bytecode_write(ctx, src, len, name, argv[2], err, sizeof err) == 0 ? 0 : 1;
    js_free(ctx, src);
  }
  if (rc) fprintf(stderr, "bareos-qjsc: %s\n", err);
  JS_FreeContext(ctx);
  JS_FreeRuntime(rt);
  return rc;
}
