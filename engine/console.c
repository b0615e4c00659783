/* The globals every runtime gets: console.* writes to the daemon's debug
 * output (a daemon has no terminal), formatted as Node's console.log does
 * (inspect.h), and the text codecs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_internal.h"
#include "inspect.h"
#include "native_modules.h"

static JSValue console_log(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv, int level,
                           JSValueConst* data) {
  (void)this_val;
  QjsHost* host = qjs_host_from(ctx);
  size_t len;
  char* text = qjs_format(ctx, data[0], argc, argv, &len);
  if (!text) return JS_EXCEPTION;
  char* mapped = qjs_map_positions(host, text);
  const char* body = mapped ? mapped : text;
  size_t body_len = strlen(body);
  const char* newline = body_len && body[body_len - 1] == '\n' ? "" : "\n";
  char* line = NULL;
  if (asprintf(&line, "%s%s%s", host->desc.prefix, body, newline) >= 0)
    host->desc.debug_message(host->opaque, level, line);
  free(line);
  free(mapped);
  js_free(ctx, text);
  return line ? JS_UNDEFINED : JS_ThrowOutOfMemory(ctx);
}

static const struct {
  const char* name;
  int level;
} console_levels[] = {{"log", 100}, {"info", 100}, {"debug", 200}, {"warn", 50}, {"error", 10}};

static int add_console(JSContext* ctx, JSValueConst global) {
  JSValue builtins = qjs_builtins_capture(ctx);
  if (JS_IsException(builtins)) return -1;
  JSValue console = JS_NewObject(ctx);
  int rc = JS_IsException(console) ? -1 : 0;
  for (size_t i = 0; rc == 0 && i < sizeof console_levels / sizeof console_levels[0]; i++) {
    JSValue fn = JS_NewCFunctionData2(ctx, console_log, console_levels[i].name, 1, console_levels[i].level, 1,
                                      &builtins);
    int flags = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE;
    if (JS_DefinePropertyValueStr(ctx, console, console_levels[i].name, fn, flags) < 0) rc = -1;
  }
  JS_FreeValue(ctx, builtins);
  if (rc < 0) {
    JS_FreeValue(ctx, console);
    return -1;
  }
  return JS_SetPropertyStr(ctx, global, "console", console);
}

int qjs_add_globals(JSContext* ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  int rc = add_console(ctx, global);
  if (rc >= 0) rc = qjs_add_text_codecs(ctx, global);
  JS_FreeValue(ctx, global);
  return rc < 0 ? -1 : 0;
}
