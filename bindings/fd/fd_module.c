/* The bareosfd native module: Python bareosfd's functions without the
 * context argument (each runtime belongs to exactly one job), its constants
 * and its packet classes. */
#include <stdlib.h>
#include <string.h>

#include "fd_module.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))

typedef enum { V_NONE, V_INT, V_STR, V_BOOL, V_SINCE } ValueKind;

static ValueKind variable_kind(int var) {
  static const ValueKind kinds[] = {
      [bVarJobId] = V_INT,       [bVarFDName] = V_STR,
      [bVarLevel] = V_INT,       [bVarType] = V_INT,
      [bVarClient] = V_STR,      [bVarJobName] = V_STR,
      [bVarJobStatus] = V_INT,   [bVarSinceTime] = V_SINCE,
      [bVarAccurate] = V_INT,    [bVarWorkingDir] = V_STR,
      [bVarWhere] = V_STR,       [bVarRegexWhere] = V_STR,
      [bVarExePath] = V_STR,     [bVarVersion] = V_STR,
      [bVarPrevJobName] = V_STR, [bVarPrefixLinks] = V_INT,
      [bVarCheckChanges] = V_BOOL, [bVarUsedConfig] = V_STR,
      [bVarPluginPath] = V_STR,
  };
  return var > 0 && (size_t)var < countof(kinds) ? kinds[var] : V_NONE;
}

static JSValue get_value(JSContext* ctx, JSValueConst this_val, int argc,
                         JSValueConst* argv) {
  (void)this_val;
  (void)argc;
  FdJob* job = fd_job_of(ctx);
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  switch (variable_kind(var)) {
    case V_INT: {
      int value = 0;
      if (fd_core->getBareosValue(job->ctx, (bVariable)var, &value) != bRC_OK)
        return JS_NULL;
      return JS_NewInt32(ctx, value);
    }
    case V_BOOL: {
      bool value = false;
      if (fd_core->getBareosValue(job->ctx, (bVariable)var, &value) != bRC_OK)
        return JS_NULL;
      return JS_NewBool(ctx, value);
    }
    case V_STR: {
      const char* value = NULL;
      if (fd_core->getBareosValue(job->ctx, (bVariable)var, &value) != bRC_OK || !value)
        return JS_NULL;
      return qjs_new_bytes_string(ctx, value, strlen(value));
    }
    case V_SINCE:
      return JS_NewInt64(ctx, job->since);
    case V_NONE:
      break;
  }
  return JS_NULL;
}

static JSValue set_value(JSContext* ctx, JSValueConst this_val, int argc,
                         JSValueConst* argv) {
  (void)this_val;
  (void)argc;
  FdJob* job = fd_job_of(ctx);
  int var;
  if (JS_ToInt32(ctx, &var, argv[0])) return JS_EXCEPTION;
  bRC rc = bRC_Error;
  switch (var) {
    case bVarSinceTime: {
      int64_t since;
      if (JS_ToInt64(ctx, &since, argv[1])) return JS_EXCEPTION;
      job->since = since;
      rc = bRC_OK;
      break;
    }
    case bVarCheckChanges: {
      bool value = JS_ToBool(ctx, argv[1]);
      rc = fd_core->setBareosValue(job->ctx, bVarCheckChanges, &value);
      break;
    }
    case bVarFileSeen: {
      char* fname = qjs_to_bytes_string(ctx, argv[1], NULL);
      if (!fname) return JS_EXCEPTION;
      rc = fd_core->setBareosValue(job->ctx, bVarFileSeen, fname);
      free(fname);
      break;
    }
  }
  return JS_NewInt32(ctx, rc);
}

/* DebugMessage(level, msg) / JobMessage(type, msg). */
static JSValue message(JSContext* ctx, JSValueConst this_val, int argc,
                       JSValueConst* argv, int is_job) {
  (void)this_val;
  FdJob* job = fd_job_of(ctx);
  int level;
  if (JS_ToInt32(ctx, &level, argv[0])) return JS_EXCEPTION;
  /* Names in the text go to the log as the bytes they stand for. */
  size_t len = 0;
  char* text = argc > 1 && !JS_IsUndefined(argv[1]) ? qjs_to_bytes(ctx, argv[1], &len) : NULL;
  if (argc > 1 && !JS_IsUndefined(argv[1]) && !text) return JS_EXCEPTION;
  const char* body = text ? text : "";
  len = strlen(body);
  /* The daemons print lines as given; one without its newline runs on. */
  const char* newline = len && body[len - 1] == '\n' ? "" : "\n";
  char* line = NULL;
  if (is_job && asprintf(&line, FD_PREFIX "%s%s", body, newline) >= 0)
    instance_job_message(&job->inst, level, line);
  else if (!is_job)
    fd_core->DebugMessage(job->ctx, __FILE__, __LINE__, level, FD_PREFIX "%s%s", body, newline);
  free(line);
  free(text);
  return is_job && !line ? JS_ThrowOutOfMemory(ctx) : JS_UNDEFINED;
}

/* RegisterEvents([...]) / UnRegisterEvents([...]): numbers outside 1..31
 * are ignored; bRC_Error when none was valid. */
static JSValue register_events(JSContext* ctx, JSValueConst this_val, int argc,
                               JSValueConst* argv, int unregister) {
  (void)this_val;
  (void)argc;
  FdJob* job = fd_job_of(ctx);
  int64_t len;
  if (JS_GetLength(ctx, argv[0], &len)) return JS_EXCEPTION;
  int valid = 0;
  for (int64_t i = 0; i < len; i++) {
    JSValue v = JS_GetPropertyInt64(ctx, argv[0], i);
    int ev;
    int bad = JS_ToInt32(ctx, &ev, v);
    JS_FreeValue(ctx, v);
    if (bad) return JS_EXCEPTION;
    if (ev < 1 || ev > FD_NR_EVENTS) continue;
    if (unregister) {
      /* The host's own events stay registered. */
      if (!instance_host_event(&job->inst, ev)) fd_core->unregisterBareosEvents(job->ctx, 1, ev);
      job->script_events &= ~(1u << ev);
    } else {
      fd_core->registerBareosEvents(job->ctx, 1, ev);
      job->script_events |= 1u << ev;
    }
    valid++;
  }
  return JS_NewInt32(ctx, valid ? bRC_OK : bRC_Error);
}

static JSValue get_instance_count(JSContext* ctx, JSValueConst this_val,
                                  int argc, JSValueConst* argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  int count = 0;
  if (fd_core->getInstanceCount(fd_job_of(ctx)->ctx, &count) != bRC_OK) return JS_NULL;
  return JS_NewInt32(ctx, count);
}

/* The FileSet calls: AddExclude, AddInclude, AddOptions take a string;
 * AddRegex and AddWild a string and a type; the New* calls nothing. */
enum { ADD_EXCLUDE, ADD_INCLUDE, ADD_OPTIONS, ADD_REGEX, ADD_WILD,
       NEW_OPTIONS, NEW_INCLUDE, NEW_PRE_INCLUDE };

static JSValue fileset_call(JSContext* ctx, JSValueConst this_val, int argc,
                            JSValueConst* argv, int which) {
  (void)this_val;
  PluginContext* pc = fd_job_of(ctx)->ctx;
  if (which >= NEW_OPTIONS) {
    bRC (*const calls[])(PluginContext*) = {fd_core->NewOptions, fd_core->NewInclude,
                                            fd_core->NewPreInclude};
    return JS_NewInt32(ctx, calls[which - NEW_OPTIONS](pc));
  }
  int type = 0;
  if (which >= ADD_REGEX && (argc < 2 || JS_ToInt32(ctx, &type, argv[1])))
    return argc < 2 ? JS_ThrowTypeError(ctx, "expected (item, type)") : JS_EXCEPTION;
  char* item = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!item) return JS_EXCEPTION;
  bRC rc;
  switch (which) {
    case ADD_EXCLUDE: rc = fd_core->AddExclude(pc, item); break;
    case ADD_INCLUDE: rc = fd_core->AddInclude(pc, item); break;
    case ADD_OPTIONS: rc = fd_core->AddOptions(pc, item); break;
    case ADD_REGEX: rc = fd_core->AddRegex(pc, item, type); break;
    default: rc = fd_core->AddWild(pc, item, type); break;
  }
  free(item);
  return JS_NewInt32(ctx, rc);
}

/* CheckChanges(savepkt) passes fname, link, type, statp and save_time and
 * writes back delta_seq and accurate_found; AcceptFile(savepkt) passes
 * fname and statp. */
static JSValue save_packet_call(JSContext* ctx, JSValueConst this_val, int argc,
                                JSValueConst* argv, int is_check) {
  (void)this_val;
  (void)argc;
  FdJob* job = fd_job_of(ctx);
  if (!JS_IsObject(argv[0])) return JS_ThrowTypeError(ctx, "expected a SavePacket");
  struct save_pkt sp = {.pkt_size = sizeof sp, .pkt_end = sizeof sp};
  PacketArena arena = {0};
  if (packet_from_js(ctx, fd_class(ctx, PKT_SAVE), fd_class(ctx, PKT_STAT), argv[0], &sp,
                     SAVE_CHECK, &arena) < 0) {
    packet_arena_reset(&arena);
    return JS_EXCEPTION;
  }
  if (!sp.fname) {
    packet_arena_reset(&arena);
    return JS_ThrowTypeError(ctx, "SavePacket.fname is required");
  }
  bRC rc = is_check ? fd_core->checkChanges(job->ctx, &sp) : fd_core->AcceptFile(job->ctx, &sp);
  packet_arena_reset(&arena);
  if (is_check) {
    JS_SetPropertyStr(ctx, argv[0], "delta_seq", JS_NewUint32(ctx, sp.delta_seq));
    JS_SetPropertyStr(ctx, argv[0], "accurate_found", JS_NewBool(ctx, sp.accurate_found));
  }
  return JS_NewInt32(ctx, rc);
}

/* SetSeenBitmap(all, fname) / ClearSeenBitmap(all, fname). */
static JSValue seen_bitmap(JSContext* ctx, JSValueConst this_val, int argc,
                           JSValueConst* argv, int clear) {
  (void)this_val;
  FdJob* job = fd_job_of(ctx);
  bool all = JS_ToBool(ctx, argv[0]);
  char* fname = NULL;
  if (argc > 1 && !JS_IsUndefined(argv[1]) && !JS_IsNull(argv[1])) {
    fname = qjs_to_bytes_string(ctx, argv[1], NULL);
    if (!fname) return JS_EXCEPTION;
  }
  bRC rc = clear ? fd_core->ClearSeenBitmap(job->ctx, all, fname)
                 : fd_core->SetSeenBitmap(job->ctx, all, fname);
  free(fname);
  return JS_NewInt32(ctx, rc);
}

static const JSCFunctionListEntry fd_funcs[] = {
    JS_CFUNC_DEF("GetValue", 1, get_value),
    JS_CFUNC_DEF("SetValue", 2, set_value),
    JS_CFUNC_MAGIC_DEF("DebugMessage", 2, message, 0),
    JS_CFUNC_MAGIC_DEF("JobMessage", 2, message, 1),
    JS_CFUNC_MAGIC_DEF("RegisterEvents", 1, register_events, 0),
    JS_CFUNC_MAGIC_DEF("UnRegisterEvents", 1, register_events, 1),
    JS_CFUNC_DEF("GetInstanceCount", 0, get_instance_count),
    JS_CFUNC_MAGIC_DEF("AddExclude", 1, fileset_call, ADD_EXCLUDE),
    JS_CFUNC_MAGIC_DEF("AddInclude", 1, fileset_call, ADD_INCLUDE),
    JS_CFUNC_MAGIC_DEF("AddOptions", 1, fileset_call, ADD_OPTIONS),
    JS_CFUNC_MAGIC_DEF("AddRegex", 2, fileset_call, ADD_REGEX),
    JS_CFUNC_MAGIC_DEF("AddWild", 2, fileset_call, ADD_WILD),
    JS_CFUNC_MAGIC_DEF("NewOptions", 0, fileset_call, NEW_OPTIONS),
    JS_CFUNC_MAGIC_DEF("NewInclude", 0, fileset_call, NEW_INCLUDE),
    JS_CFUNC_MAGIC_DEF("NewPreInclude", 0, fileset_call, NEW_PRE_INCLUDE),
    JS_CFUNC_MAGIC_DEF("CheckChanges", 1, save_packet_call, 1),
    JS_CFUNC_MAGIC_DEF("AcceptFile", 1, save_packet_call, 0),
    JS_CFUNC_MAGIC_DEF("SetSeenBitmap", 2, seen_bitmap, 0),
    JS_CFUNC_MAGIC_DEF("ClearSeenBitmap", 2, seen_bitmap, 1),
};

static int fd_module_define(JSContext* ctx, JSModuleDef* m) {
  if (JS_SetModuleExportList(ctx, m, fd_funcs, countof(fd_funcs)) < 0) return -1;
  for (int k = 0; k < PKT_COUNT; k++) {
    JSValue ctor = fd_packet_class(ctx, (FdPacketKind)k);
    if (JS_IsException(ctor) ||
        JS_SetModuleExport(ctx, m, fd_packet_descs[k].class_name, JS_DupValue(ctx, ctor)) < 0)
      return -1;
  }
  return consts_define(ctx, m, fd_const_groups, fd_const_group_count);
}

JSModuleDef* fd_module_init(JSContext* ctx, const char* name) {
  JSModuleDef* m = JS_NewCModule(ctx, name, fd_module_define);
  if (!m) return NULL;
  if (JS_AddModuleExportList(ctx, m, fd_funcs, countof(fd_funcs)) < 0) return NULL;
  for (int k = 0; k < PKT_COUNT; k++)
    if (JS_AddModuleExport(ctx, m, fd_packet_descs[k].class_name) < 0) return NULL;
  if (consts_declare(ctx, m, fd_const_groups, fd_const_group_count) < 0) return NULL;
  return m;
}
