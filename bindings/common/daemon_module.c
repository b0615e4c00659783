/* The functions of bareosfd, bareossd and bareosdir that are the same in
 * all three (Python's, without the context argument: each runtime belongs
 * to one job), written once, and the module made of them, the daemon's own
 * functions and its constants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))

static VarKind var_kind(const VarKind* kinds, int count, int var) {
  return var > 0 && var < count ? kinds[var] : VAR_NONE;
}

static JSValue get_value(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  Instance* in = instance_of(ctx);
  const DaemonDesc* d = in->desc;
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  VarKind kind = var_kind(d->surface->read_kinds, d->surface->read_count, var);
  if (kind == VAR_LOCAL) return d->get_local(ctx, in, var);
  union {
    int i;
    bool b;
    uint64_t u64;
    const char* s;
  } value;
  memset(&value, 0, sizeof value);
  if (kind == VAR_NONE || daemon_core->getBareosValue(in->ctx, var, &value) != bRC_OK) return JS_NULL;
  switch (kind) {
    case VAR_INT: return JS_NewInt32(ctx, value.i);
    case VAR_U64: return JS_NewInt64(ctx, (int64_t)value.u64);
    case VAR_BOOL: return JS_NewBool(ctx, value.b);
    case VAR_STR: return value.s ? qjs_new_bytes_string(ctx, value.s, strlen(value.s)) : JS_NULL;
    default: return JS_NULL;
  }
}

/* Strings for string variables, numbers (or a level letter) for numbers,
 * anything for booleans. */
static JSValue set_value(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv) {
  (void)this_val, (void)argc;
  Instance* in = instance_of(ctx);
  const DaemonDesc* d = in->desc;
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  bRC rc = bRC_Error;
  switch (var_kind(d->surface->write_kinds, d->surface->write_count, var)) {
    case VAR_LOCAL: {
      int r = d->set_local(ctx, in, var, argv[1]);
      if (r < 0) return JS_EXCEPTION;
      rc = bRC_OK;
      break;
    }
    case VAR_STR: {
      char* text = qjs_to_bytes_string(ctx, argv[1], NULL);
      if (!text) return JS_EXCEPTION;
      rc = daemon_core->setBareosValue(in->ctx, var, text);
      free(text);
      break;
    }
    case VAR_BOOL: {
      bool value = JS_ToBool(ctx, argv[1]);
      rc = daemon_core->setBareosValue(in->ctx, var, &value);
      break;
    }
    case VAR_INT: {
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
      rc = daemon_core->setBareosValue(in->ctx, var, &number);
      break;
    }
    default:
      break;
  }
  return JS_NewInt32(ctx, rc);
}

/* DebugMessage(level, msg) / JobMessage(type, msg). */
static JSValue message(JSContext* ctx, JSValueConst this_val, int argc, JSValueConst* argv,
                       int is_job) {
  (void)this_val;
  Instance* in = instance_of(ctx);
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
  const char* prefix = in->desc->host.prefix;
  size_t len = strlen(prefix) + text_len + 2;
  char* line = malloc(len);
  if (line) {
    snprintf(line, len, "%s%s%s", prefix, text, newline);
    if (is_job) instance_job_message(in, level, line);
    else instance_host_debug_message(in, level, line);
    free(line);
  }
  free(js_text);
  return line ? JS_UNDEFINED : JS_ThrowOutOfMemory(ctx);
}

/* RegisterEvents([...]) / UnRegisterEvents([...]): numbers outside the
 * daemon's events are ignored; bRC_Error when none was valid. */
static JSValue register_events(JSContext* ctx, JSValueConst this_val, int argc,
                               JSValueConst* argv, int unregister) {
  (void)this_val, (void)argc;
  Instance* in = instance_of(ctx);
  int64_t len;
  if (JS_GetLength(ctx, argv[0], &len)) return JS_EXCEPTION;
  int valid = 0;
  for (int64_t i = 0; i < len; i++) {
    JSValue v = JS_GetPropertyInt64(ctx, argv[0], i);
    int ev;
    int bad = JS_ToInt32(ctx, &ev, v);
    JS_FreeValue(ctx, v);
    if (bad) return JS_EXCEPTION;
    if (ev < 1 || ev > in->desc->max_event || ev > 63) continue;
    if (unregister) {
      /* The host's own events stay registered. */
      if (!instance_host_event(in, ev)) daemon_core->unregisterBareosEvents(in->ctx, 1, ev);
      in->script_events &= ~EVENT_BIT(ev);
    } else {
      daemon_core->registerBareosEvents(in->ctx, 1, ev);
      in->script_events |= EVENT_BIT(ev);
    }
    valid++;
  }
  return JS_NewInt32(ctx, valid ? bRC_OK : bRC_Error);
}

static JSValue get_instance_count(JSContext* ctx, JSValueConst this_val, int argc,
                                  JSValueConst* argv) {
  (void)this_val, (void)argc, (void)argv;
  int count = 0;
  if (daemon_core->getInstanceCount(instance_of(ctx)->ctx, &count) != bRC_OK) return JS_NULL;
  return JS_NewInt32(ctx, count);
}

static const JSCFunctionListEntry shared_funcs[] = {
    JS_CFUNC_DEF("GetValue", 1, get_value),
    JS_CFUNC_DEF("SetValue", 2, set_value),
    JS_CFUNC_MAGIC_DEF("DebugMessage", 2, message, 0),
    JS_CFUNC_MAGIC_DEF("JobMessage", 2, message, 1),
    JS_CFUNC_MAGIC_DEF("RegisterEvents", 1, register_events, 0),
    JS_CFUNC_MAGIC_DEF("UnRegisterEvents", 1, register_events, 1),
    JS_CFUNC_DEF("GetInstanceCount", 0, get_instance_count),
};

/* The module's definition runs in a spare runtime before any job owns it:
 * it finds its daemon through plugin_daemon, not through an instance. */
static int module_define(JSContext* ctx, JSModuleDef* m) {
  const DaemonDesc* d = &plugin_daemon;
  const DaemonModule* own = d->module;
  if (JS_SetModuleExportList(ctx, m, shared_funcs, countof(shared_funcs)) < 0 ||
      (own && JS_SetModuleExportList(ctx, m, own->funcs, (int)own->func_count) < 0) ||
      (own && own->define && own->define(ctx, m) < 0))
    return -1;
  return consts_define(ctx, m, &d->surface->consts);
}

JSModuleDef* daemon_module_init(JSContext* ctx, const char* name) {
  const DaemonDesc* d = &plugin_daemon;
  const DaemonModule* own = d->module;
  JSModuleDef* m = JS_NewCModule(ctx, name, module_define);
  if (!m || JS_AddModuleExportList(ctx, m, shared_funcs, countof(shared_funcs)) < 0 ||
      (own && JS_AddModuleExportList(ctx, m, own->funcs, (int)own->func_count) < 0) ||
      (own && own->declare && own->declare(ctx, m) < 0) ||
      consts_declare(ctx, m, &d->surface->consts) < 0)
    return NULL;
  return m;
}
