#include "event_plugin.h"

#include <stdlib.h>
#include <string.h>

#define countof(a) (sizeof(a) / sizeof((a)[0]))

static EventJob* job_of_ctx(JSContext* ctx) { return ((Instance*)qjs_host_opaque(ctx))->job; }

/* The daemon this plugin file serves: each .so serves one, so it is set
 * once by loadPlugin, and the module's definition, which a spare runtime
 * runs before any job owns it, needs no job to find it. */
static const EventDaemon* file_daemon;

void event_load_plugin(const EventDaemon* daemon) { file_daemon = daemon; }

static JSValue get_value(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val;
  (void)argc;
  EventJob* job = job_of_ctx(ctx);
  const EventDaemon* d = file_daemon;
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  VarKind kind = var > 0 && var < d->read_count ? d->read_kinds[var] : VAR_NONE;
  union {
    int i;
    uint64_t u64;
    const char* s;
  } value;
  memset(&value, 0, sizeof value);
  if (kind == VAR_NONE || d->get_value(job->ctx, var, &value) != bRC_OK) return JS_NULL;
  switch (kind) {
    case VAR_INT: return JS_NewInt32(ctx, value.i);
    case VAR_U64: return JS_NewInt64(ctx, (int64_t)value.u64);
    case VAR_STR: return value.s ? qjs_new_bytes_string(ctx, value.s, strlen(value.s)) : JS_NULL;
    default: return JS_NULL;
  }
}

/* Strings for string variables; numbers (or a level letter) for the others. */
static JSValue set_value(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val;
  (void)argc;
  EventJob* job = job_of_ctx(ctx);
  const EventDaemon* d = file_daemon;
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  VarKind kind = var > 0 && var < d->write_count ? d->write_kinds[var] : VAR_NONE;
  bRC rc = bRC_Error;
  if (kind == VAR_STR) {
    char* text = qjs_to_bytes_string(ctx, argv[1], NULL);
    if (!text) return JS_EXCEPTION;
    rc = d->set_value(job->ctx, var, text);
    free(text);
  } else if (kind == VAR_INT) {
    int number;
    if (JS_IsString(argv[1])) {
      const char* s = JS_ToCString(ctx, argv[1]);
      if (!s) return JS_EXCEPTION;
      number = (unsigned char)s[0];
      JS_FreeCString(ctx, s);
    } else if (JS_ToInt32(ctx, &number, argv[1])) {
      return JS_EXCEPTION;
    }
    if (number < 0) return JS_ThrowRangeError(ctx, "SetValue: %d is negative", number);
    rc = d->set_value(job->ctx, var, &number);
  }
  return JS_NewInt32(ctx, rc);
}

static JSValue message(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv,
                       int is_job) {
  (void)this_val;
  EventJob* job = job_of_ctx(ctx);
  int level;
  if (JS_ToInt32(ctx, &level, argv[0])) return JS_EXCEPTION;
  /* Names in the text go to the log as the bytes they stand for. */
  char* js_text = NULL;
  size_t js_len;
  if (argc > 1 && !JS_IsUndefined(argv[1]) && !(js_text = qjs_to_bytes(ctx, argv[1], &js_len)))
    return JS_EXCEPTION;
  const char* text = js_text ? js_text : "";
  size_t text_len = strlen(text);
  /* The daemons print lines as given; one without its newline runs on. */
  const char* newline = text_len && text[text_len - 1] == '\n' ? "" : "\n";
  size_t len = strlen(file_daemon->prefix) + text_len + 2;
  char* line = malloc(len);
  if (line) {
    snprintf(line, len, "%s%s%s", file_daemon->prefix, text, newline);
    if (is_job) instance_job_message(&job->inst, level, line);
    else file_daemon->debug_message(job->ctx, level, line);
    free(line);
  }
  free(js_text);
  return line ? JS_UNDEFINED : JS_ThrowOutOfMemory(ctx);
}

static JSValue register_events(JSContext* ctx, JSValueConst this_val, int argc,
                               JSValueConst* argv, int unregister) {
  (void)this_val;
  (void)argc;
  EventJob* job = job_of_ctx(ctx);
  int64_t len;
  if (JS_GetLength(ctx, argv[0], &len)) return JS_EXCEPTION;
  int valid = 0;
  for (int64_t i = 0; i < len; i++) {
    JSValue v = JS_GetPropertyInt64(ctx, argv[0], i);
    int ev;
    int bad = JS_ToInt32(ctx, &ev, v);
    JS_FreeValue(ctx, v);
    if (bad) return JS_EXCEPTION;
    if (ev < 1 || ev > file_daemon->max_event || ev > 63) continue;
    if (unregister) job->script_events &= ~(UINT64_C(1) << ev);
    else job->script_events |= UINT64_C(1) << ev;
    /* The host's own events stay registered. */
    if (!unregister || !instance_host_event(&job->inst, ev)) file_daemon->register_event(job->ctx, ev, !unregister);
    valid++;
  }
  return JS_NewInt32(ctx, valid ? bRC_OK : bRC_Error);
}

static JSValue get_instance_count(JSContext* ctx, JSValueConst this_val, int argc,
                                  JSValueConst* argv) {
  (void)this_val, (void)argc, (void)argv;
  EventJob* job = job_of_ctx(ctx);
  int count = 0;
  if (file_daemon->instance_count(job->ctx, &count) != bRC_OK) return JS_NULL;
  return JS_NewInt32(ctx, count);
}

static const JSCFunctionListEntry event_funcs[] = {
    JS_CFUNC_DEF("GetValue", 1, get_value),
    JS_CFUNC_DEF("SetValue", 2, set_value),
    JS_CFUNC_MAGIC_DEF("DebugMessage", 2, message, 0),
    JS_CFUNC_MAGIC_DEF("JobMessage", 2, message, 1),
    JS_CFUNC_MAGIC_DEF("RegisterEvents", 1, register_events, 0),
    JS_CFUNC_MAGIC_DEF("UnRegisterEvents", 1, register_events, 1),
    JS_CFUNC_DEF("GetInstanceCount", 0, get_instance_count),
};

static int module_define(JSContext* ctx, JSModuleDef* m) {
  if (JS_SetModuleExportList(ctx, m, event_funcs, countof(event_funcs)) < 0) return -1;
  return consts_define(ctx, m, file_daemon->consts, file_daemon->const_count);
}

JSModuleDef* event_module_init(JSContext* ctx, const char* name) {
  JSModuleDef* m = JS_NewCModule(ctx, name, module_define);
  if (!m || JS_AddModuleExportList(ctx, m, event_funcs, countof(event_funcs)) < 0 ||
      consts_declare(ctx, m, file_daemon->consts, file_daemon->const_count) < 0)
    return NULL;
  return m;
}

static void front_job_message(void* job, int type, const char* text) {
  EventJob* j = job;
  file_daemon->job_message(j->ctx, type, text);
}

static void front_debug_message(void* job, int level, const char* text) {
  EventJob* j = job;
  file_daemon->debug_message(j->ctx, level, text);
}

static const char* front_plugin_dir(void* job) {
  EventJob* j = job;
  const char* dir = NULL;
  return file_daemon->get_value(j->ctx, file_daemon->plugin_dir_var, &dir) == bRC_OK ? dir : NULL;
}

bRC event_new_plugin(PluginContext* ctx) {
  const EventDaemon* daemon = file_daemon;
  EventJob* job = calloc(1, sizeof *job);
  if (!job) return bRC_Error;
  job->front = (DaemonFront){
      .prefix = daemon->prefix,
      .modules = daemon->modules,
      .job_message = front_job_message,
      .debug_message = front_debug_message,
      .plugin_dir = front_plugin_dir,
      .fatal_from = daemon->fatal_from,
  };
  job->inst.front = &job->front;
  job->inst.job = job;
  job->ctx = ctx;
  ctx->plugin_private_context = job;
  daemon->register_event(ctx, daemon->options_event, true);
  for (const int* e = daemon->fatal_from; e && *e; e++) daemon->register_event(ctx, *e, true);
  return bRC_OK;
}

bRC event_free_plugin(PluginContext* ctx) {
  EventJob* job = ctx->plugin_private_context;
  if (!job) return bRC_OK;
  instance_free(&job->inst);
  free(job);
  ctx->plugin_private_context = NULL;
  return bRC_OK;
}

bRC event_plugin_value(PluginContext* ctx, pVariable var, void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}

bRC event_handle(PluginContext* ctx, bEvent* event, void* value) {
  EventJob* job = ctx->plugin_private_context;
  if (!job) return bRC_Error;
  int type = (int)event->eventType;
  instance_event(&job->inst, type);
  if (type == file_daemon->options_event) return instance_definition(&job->inst, value, false);
  if (!instance_loaded(&job->inst) || type < 1 || type > 63 || !(job->script_events & (UINT64_C(1) << type)))
    return bRC_OK;
  qjs_host_enter(job->inst.host);
  JSContext* jctx = qjs_host_context(job->inst.host);
  JSValue args[2] = {
      JS_NewInt32(jctx, type),
      value && file_daemon->string_event(type) ? qjs_new_bytes_string(jctx, value, strlen(value)) : JS_NULL,
  };
  bRC rc = JS_IsException(args[1]) ? instance_conversion_failed(&job->inst, "handle_plugin_event")
                                   : instance_call(&job->inst, "handle_plugin_event", 2, args);
  JS_FreeValue(jctx, args[1]);
  qjs_host_leave(job->inst.host);
  return rc;
}
