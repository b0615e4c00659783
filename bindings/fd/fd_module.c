/* bareosfd's own functions (Python's, without the context argument) and
 * its packet classes as exports; the functions every daemon module has are
 * in common/daemon_module.c. */
#include <stdlib.h>
#include <string.h>

#include "fd_job.h"
#include "fd_module.h"
#include "fd_packets.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))

/* The FileSet calls: AddExclude, AddInclude, AddOptions take a string;
 * AddRegex and AddWild a string and a type; the New* calls nothing. */
enum { ADD_EXCLUDE, ADD_INCLUDE, ADD_OPTIONS, ADD_REGEX, ADD_WILD,
       NEW_OPTIONS, NEW_INCLUDE, NEW_PRE_INCLUDE };

static JSValue fileset_call(JSContext* ctx, JSValueConst this_val, int argc,
                            JSValueConst* argv, int which) {
  (void)this_val;
  PluginContext* pc = fd_job_of(ctx)->inst.ctx;
  if (which >= NEW_OPTIONS) {
    bRC (*const calls[])(PluginContext*) = {fd_core()->NewOptions, fd_core()->NewInclude,
                                            fd_core()->NewPreInclude};
    return JS_NewInt32(ctx, calls[which - NEW_OPTIONS](pc));
  }
  int type = 0;
  if (which >= ADD_REGEX && (argc < 2 || JS_ToInt32(ctx, &type, argv[1])))
    return argc < 2 ? JS_ThrowTypeError(ctx, "expected (item, type)") : JS_EXCEPTION;
  char* item = qjs_to_bytes_string(ctx, argv[0], NULL);
  if (!item) return JS_EXCEPTION;
  bRC rc;
  switch (which) {
    case ADD_EXCLUDE: rc = fd_core()->AddExclude(pc, item); break;
    case ADD_INCLUDE: rc = fd_core()->AddInclude(pc, item); break;
    case ADD_OPTIONS: rc = fd_core()->AddOptions(pc, item); break;
    case ADD_REGEX: rc = fd_core()->AddRegex(pc, item, type); break;
    default: rc = fd_core()->AddWild(pc, item, type); break;
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
  bRC rc = is_check ? fd_core()->checkChanges(job->inst.ctx, &sp) : fd_core()->AcceptFile(job->inst.ctx, &sp);
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
  bRC rc = clear ? fd_core()->ClearSeenBitmap(job->inst.ctx, all, fname)
                 : fd_core()->SetSeenBitmap(job->inst.ctx, all, fname);
  free(fname);
  return JS_NewInt32(ctx, rc);
}

static const JSCFunctionListEntry fd_funcs[] = {
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

static int define_classes(JSContext* ctx, JSModuleDef* m) {
  for (int k = 0; k < PKT_COUNT; k++) {
    JSValue ctor = fd_packet_class(ctx, (FdPacketKind)k);
    if (JS_IsException(ctor) ||
        JS_SetModuleExport(ctx, m, fd_packet_descs[k].class_name, JS_DupValue(ctx, ctor)) < 0)
      return -1;
  }
  return 0;
}

static int declare_classes(JSContext* ctx, JSModuleDef* m) {
  for (int k = 0; k < PKT_COUNT; k++)
    if (JS_AddModuleExport(ctx, m, fd_packet_descs[k].class_name) < 0) return -1;
  return 0;
}

const DaemonModule fd_module = {fd_funcs, countof(fd_funcs), declare_classes, define_classes};
