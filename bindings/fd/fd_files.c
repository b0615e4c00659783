/* The per-file entry points: each builds its packet, calls the script and
 * copies back what the core reads afterwards. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fd_files.h"
#include "fd_packets.h"

static bool is_object_type(int type) {
  return type == FT_RESTORE_FIRST || type == FT_PLUGIN_CONFIG ||
         type == FT_PLUGIN_CONFIG_FILLED;
}

static bool has_member(JSContext* ctx, JSValueConst obj, JSAtom name) {
  JSValue v = JS_GetProperty(ctx, obj, name);
  bool present = !JS_IsUndefined(v) && !JS_IsNull(v) && !JS_IsException(v);
  JS_FreeValue(ctx, v);
  return present;
}

/* Python-fd's automatic accurate check for Incremental/Differential jobs. */
static void check_changes(FdJob* job, struct save_pkt* sp) {
  if (job->level != 'I' && job->level != 'D') return;
  if (is_object_type(sp->type) || sp->type == FT_DELETED) return;
  if (sp->save_time == 0) sp->save_time = job->since;
  if (fd_core()->checkChanges(job->inst.ctx, sp) == bRC_Seen)
    sp->type = sp->type == FT_DIREND || sp->type == FT_DIRBEGIN ? FT_DIRNOCHG : FT_NOCHG;
}

/* A restore object's object_len, as python-fd reads it: the first that many
 * bytes of object (all of them when the script left it at 0). */
static bRC take_object_len(FdJob* job, JSValueConst pkt, struct save_pkt* sp) {
  JSContext* ctx = qjs_host_context(job->inst.host);
  JSValue v = JS_GetPropertyStr(ctx, pkt, "object_len");
  int64_t len = 0;
  int bad = JS_IsException(v) || (!JS_IsUndefined(v) && !JS_IsNull(v) && JS_ToInt64(ctx, &len, v));
  JS_FreeValue(ctx, v);
  if (bad) return instance_conversion_failed(&job->inst, "start_backup_file");
  if (len < 0 || len > sp->object_len) {
    qjs_host_message(job->inst.host, M_FATAL,
                     "start_backup_file() returned a restore object with object_len %lld; its object "
                     "has %d bytes", (long long)len, sp->object_len);
    return bRC_Error;
  }
  if (len) sp->object_len = (int32_t)len;
  return bRC_OK;
}

/* Copies the script's answer into the core's save_pkt and checks that the
 * core can use it. */
static bRC take_save_packet(FdJob* job, JSValueConst pkt, struct save_pkt* sp) {
  JSContext* ctx = qjs_host_context(job->inst.host);
  int32_t type = 0;
  JSValue tv = JS_GetProperty(ctx, pkt, fd_name(ctx, FD_NAME_TYPE));
  if (JS_IsNumber(tv)) JS_ToInt32(ctx, &type, tv);
  JS_FreeValue(ctx, tv);
  unsigned groups = SAVE_BASE | (is_object_type(type) ? SAVE_OBJECT : SAVE_FILE);
  if (packet_from_js(ctx, fd_class(ctx, PKT_SAVE), fd_class(ctx, PKT_STAT), pkt, sp, groups,
                     &job->file_arena) < 0)
    return instance_conversion_failed(&job->inst, "start_backup_file");
  const char* missing = NULL;
  if (sp->type == 0) missing = "a file type (savepkt.type)";
  else if (is_object_type(sp->type) && (!sp->object_name || !sp->object || !sp->object_len))
    missing = "object_name and a non-empty object for a restore object";
  else if (!is_object_type(sp->type) && (!sp->fname || !sp->fname[0]))
    missing = "a file name (savepkt.fname)";
  else if (!has_member(ctx, pkt, fd_name(ctx, FD_NAME_STATP)))
    missing = "file attributes (savepkt.statp)";
  if (missing) {
    qjs_host_message(job->inst.host, M_FATAL, "start_backup_file() returned bRC_OK without %s",
                     missing);
    return bRC_Error;
  }
  if (is_object_type(sp->type) && take_object_len(job, pkt, sp) != bRC_OK) return bRC_Error;
  check_changes(job, sp);
  return bRC_OK;
}

bRC fd_start_backup_file(PluginContext* pctx, struct save_pkt* sp) {
  FdJob* job = (FdJob*)instance_enter(pctx);
  if (!job) return bRC_Error;
  JSContext* ctx = qjs_host_context(job->inst.host);
  /* The core has copied the previous file's names by now. */
  packet_arena_reset(&job->file_arena);
  /* The script starts from an empty file: no names, statp null. */
  struct save_pkt blank = *sp;
  blank.fname = blank.link = "";
  PacketClass* cls = fd_class(ctx, PKT_SAVE);
  JSValue pkt = cls ? packet_to_js(ctx, cls, NULL, &blank) : JS_EXCEPTION;
  bRC rc;
  if (JS_IsException(pkt)) {
    rc = instance_conversion_failed(&job->inst, "start_backup_file");
  } else {
    rc = instance_call(&job->inst, "start_backup_file", 1, &pkt);
    if (rc == bRC_OK) rc = take_save_packet(job, pkt, sp);
  }
  packet_release(ctx, cls, pkt);
  instance_leave(&job->inst);
  return rc;
}

bRC fd_handle_backup_file(FdJob* job, struct save_pkt* sp) {
  qjs_host_enter(job->inst.host);
  JSContext* ctx = qjs_host_context(job->inst.host);
  JSValue pkt = fd_packet_new(ctx, PKT_SAVE, sp);
  bRC rc = JS_IsException(pkt) ? instance_conversion_failed(&job->inst, "handle_backup_file")
                               : instance_call(&job->inst, "handle_backup_file", 1, &pkt);
  if (rc == bRC_OK &&
      packet_from_js(ctx, fd_class(ctx, PKT_SAVE), fd_class(ctx, PKT_STAT), pkt, sp,
                     SAVE_OPTIONS, &job->file_arena) < 0)
    rc = instance_conversion_failed(&job->inst, "handle_backup_file");
  fd_packet_release(ctx, PKT_SAVE, pkt);
  qjs_host_leave(job->inst.host);
  return rc;
}

/* Entry points whose only argument is nothing or a string. */
static bRC call_simple(PluginContext* pctx, const char* name, const char* arg,
                       bRC when_unloaded) {
  FdJob* job = (FdJob*)instance_enter(pctx);
  if (!job) return when_unloaded;
  JSContext* ctx = qjs_host_context(job->inst.host);
  JSValue v = arg ? qjs_new_bytes_string(ctx, arg, strlen(arg)) : JS_UNDEFINED;
  bRC rc = JS_IsException(v) ? instance_conversion_failed(&job->inst, name)
                             : instance_call(&job->inst, name, arg ? 1 : 0, &v);
  JS_FreeValue(ctx, v);
  instance_leave(&job->inst);
  return rc;
}

bRC fd_end_backup_file(PluginContext* pctx) {
  return call_simple(pctx, "end_backup_file", NULL, bRC_Error);
}

bRC fd_start_restore_file(PluginContext* pctx, const char* cmd) {
  return call_simple(pctx, "start_restore_file", cmd ? cmd : "", bRC_Error);
}

bRC fd_end_restore_file(PluginContext* pctx) {
  return call_simple(pctx, "end_restore_file", NULL, bRC_Error);
}

bRC fd_check_file(PluginContext* pctx, char* fname) {
  return call_simple(pctx, "check_file", fname ? fname : "", bRC_OK);
}

/* create_file / set_file_attributes: the restore packet goes in, the
 * create status (and for create_file the descriptor) comes back. */
static bRC restore_call(PluginContext* pctx, const char* name, struct restore_pkt* rp,
                        unsigned groups) {
  FdJob* job = (FdJob*)instance_enter(pctx);
  if (!job) return bRC_Error;
  JSContext* ctx = qjs_host_context(job->inst.host);
  PacketArena arena = {0};
  JSValue pkt = fd_packet_new(ctx, PKT_RESTORE, rp);
  bRC rc = JS_IsException(pkt) ? instance_conversion_failed(&job->inst, name) : instance_call(&job->inst, name, 1, &pkt);
  if (rc == bRC_OK &&
      packet_from_js(ctx, fd_class(ctx, PKT_RESTORE), fd_class(ctx, PKT_STAT), pkt, rp, groups,
                     &arena) < 0)
    rc = instance_conversion_failed(&job->inst, name);
  packet_arena_reset(&arena);
  fd_packet_release(ctx, PKT_RESTORE, pkt);
  instance_leave(&job->inst);
  return rc;
}

bRC fd_create_file(PluginContext* pctx, struct restore_pkt* rp) {
  return restore_call(pctx, "create_file", rp, RESTORE_CREATE);
}

bRC fd_set_file_attributes(PluginContext* pctx, struct restore_pkt* rp) {
  return restore_call(pctx, "set_file_attributes", rp, RESTORE_ATTRS);
}

/* IO_READ hands the script a view of the core's own buffer (zero copy);
 * IO_WRITE a read-only view of the data.  After the call a view a script
 * can still reach is detached, so that no script keeps a pointer into the
 * core's memory; one it cannot reach serves the next call on the same
 * buffer. */
static JSValue io_buffer(JSContext* ctx, struct io_pkt* io) {
  if ((io->func != IO_READ && io->func != IO_WRITE) || !io->buf || io->count <= 0)
    return JS_NULL;
  FdRuntime* rt = fd_runtime(ctx);
  JSValue kept = rt->io_view;
  rt->io_view = JS_UNDEFINED;
  if (rt->io_view_func == io->func &&
      JS_IsReusableUint8Array(ctx, kept, (uint8_t*)io->buf, (size_t)io->count))
    return kept;
  JS_FreeValue(ctx, kept);
  JSValue view = JS_NewUint8Array(ctx, (uint8_t*)io->buf, (size_t)io->count, NULL,
                                  NULL, false);
  if (io->func == IO_WRITE && !JS_IsException(view)) {
    JSValue ab = JS_GetTypedArrayBuffer(ctx, view, NULL, NULL, NULL);
    JS_SetImmutableArrayBuffer(ab, true);
    JS_FreeValue(ctx, ab);
  }
  return view;
}

/* Called once the packet is released: keeps the view for the next call
 * or detaches it. */
static void io_buffer_done(JSContext* ctx, JSValue view, int func, void* buf, int32_t count) {
  if (!JS_IsObject(view)) return;
  if (JS_IsReusableUint8Array(ctx, view, buf, (size_t)count)) {
    FdRuntime* rt = fd_runtime(ctx);
    rt->io_view = view;
    rt->io_view_func = func;
    return;
  }
  JSValue ab = JS_GetTypedArrayBuffer(ctx, view, NULL, NULL, NULL);
  JS_DetachArrayBuffer(ctx, ab);
  JS_FreeValue(ctx, ab);
  JS_FreeValue(ctx, view);
}

static bRC io_failed(struct io_pkt* io, bRC rc) {
  io->status = -1;
  if (!io->io_errno) io->io_errno = EIO;
  return rc;
}

/* After IO_READ: data is either already in the core's buffer (the view was
 * used) or in a new buffer the script assigned to iop.buf. */
static bRC take_read_data(FdJob* job, JSValueConst pkt, JSValueConst view,
                          struct io_pkt* io) {
  JSContext* ctx = qjs_host_context(job->inst.host);
  JSAtom buf_name = fd_name(ctx, FD_NAME_BUF);
  if (io->status > io->count) {
    qjs_host_message(job->inst.host, M_FATAL,
                     "plugin_io() IO_READ returned status %d, more than count %d",
                     io->status, io->count);
    return io_failed(io, bRC_Error);
  }
  JSValue buf = JS_GetProperty(ctx, pkt, buf_name);
  bRC rc = bRC_OK;
  if (io->status > 0 && JS_IsObject(buf) &&
      JS_VALUE_GET_PTR(buf) != JS_VALUE_GET_PTR(view)) {
    size_t len;
    uint8_t* data = JS_GetUint8Array(ctx, &len, buf);
    if (!data) {
      JS_FreeValue(ctx, JS_GetException(ctx));
      data = JS_GetArrayBuffer(ctx, &len, buf);
    }
    if (!data) {
      JS_FreeValue(ctx, JS_GetException(ctx));
      qjs_host_message(job->inst.host, M_FATAL,
                       "plugin_io() IO_READ: iop.buf must be a Uint8Array or an ArrayBuffer");
      rc = io_failed(io, bRC_Error);
    } else if (len > (size_t)io->count || (size_t)io->status > len) {
      qjs_host_message(job->inst.host, M_FATAL,
                       "plugin_io() IO_READ returned %zu bytes with status %d, count %d",
                       len, io->status, io->count);
      rc = io_failed(io, bRC_Error);
    } else {
      memcpy(io->buf, data, (size_t)io->status);
    }
  }
  JS_FreeValue(ctx, buf);
  return rc;
}

bRC fd_plugin_io(PluginContext* pctx, struct io_pkt* io) {
  FdJob* job = (FdJob*)instance_enter(pctx);
  if (!job) return bRC_Error;
  JSContext* ctx = qjs_host_context(job->inst.host);
  PacketArena arena = {0};
  JSValue view = JS_NULL;
  JSValue pkt = fd_packet_new(ctx, PKT_IO, io);
  int func = io->func;
  void* buf = io->buf;
  int32_t count = io->count;
  bRC rc;
  if (JS_IsException(pkt) || JS_IsException(view = io_buffer(ctx, io)) ||
      JS_SetProperty(ctx, pkt, fd_name(ctx, FD_NAME_BUF), JS_DupValue(ctx, view)) < 0) {
    rc = io_failed(io, instance_conversion_failed(&job->inst, "plugin_io"));
    goto done;
  }
  rc = instance_call(&job->inst, "plugin_io", 1, &pkt);
  if (packet_from_js(ctx, fd_class(ctx, PKT_IO), fd_class(ctx, PKT_STAT), pkt, io, IO_BACK,
                     &arena) < 0) {
    rc = io_failed(io, instance_conversion_failed(&job->inst, "plugin_io"));
    goto done;
  }
  if (rc != bRC_OK && rc != bRC_More) {
    if (io->status >= 0) io_failed(io, rc);
    goto done;
  }
  if (io->func == IO_OPEN) {
    JSValue flag = JS_GetProperty(ctx, pkt, fd_name(ctx, FD_NAME_DO_IO_IN_CORE));
    if (JS_IsException(flag)) {
      rc = io_failed(io, instance_conversion_failed(&job->inst, "plugin_io"));
      goto done;
    }
    if (JS_ToBool(ctx, flag) > 0) io->status = IOSTAT_DO_IN_CORE;
    JS_FreeValue(ctx, flag);
  }
  if (io->func == IO_READ) rc = take_read_data(job, pkt, view, io);
  /* The core takes anything but the whole block as a failed write and says
   * only "Write error on <file>: <errno>" (the packet names no file), with
   * errno 0 if the script set none. */
  if (io->func == IO_WRITE && io->status >= 0 && io->status != count) {
    qjs_host_message(job->inst.host, M_ERROR, "plugin_io() IO_WRITE wrote %d of %d bytes",
                     io->status, count);
    rc = io_failed(io, bRC_Error);
  }
done:
  /* The packet first: one no script kept lets go of the view. */
  fd_packet_release(ctx, PKT_IO, pkt);
  io_buffer_done(ctx, view, func, buf, count);
  packet_arena_reset(&arena);
  instance_leave(&job->inst);
  return rc;
}

/* Hands malloc()ed members over to the core, which free()s them. */
static void release_to_core(PacketArena* arena) {
  free(arena->ptrs);
  *arena = (PacketArena){0};
}

/* A module without ACL or xattr functions has none to save or restore.
 * Bareos 25 FileSets ask for both by default, and an error here would be a
 * warning for every file (Python plugins inherit no-op defaults). */
static bRC acl_xattr_call(PluginContext* pctx, const char* name, FdPacketKind kind,
                          void* cpkt, bool copy_back) {
  FdJob* job = (FdJob*)instance_enter(pctx);
  if (!job) return bRC_Error;
  if (!qjs_host_exports(job->inst.host, name)) {
    instance_leave(&job->inst);
    return bRC_OK;
  }
  JSContext* ctx = qjs_host_context(job->inst.host);
  JSValue pkt = fd_packet_new(ctx, kind, cpkt);
  bRC rc = JS_IsException(pkt) ? instance_conversion_failed(&job->inst, name) : instance_call(&job->inst, name, 1, &pkt);
  if (copy_back && (rc == bRC_OK || rc == bRC_More)) {
    PacketArena arena = {0};
    if (packet_from_js(ctx, fd_class(ctx, kind), fd_class(ctx, PKT_STAT), pkt, cpkt, 1,
                       &arena) < 0) {
      packet_arena_reset(&arena);
      rc = instance_conversion_failed(&job->inst, name);
    } else {
      release_to_core(&arena);
    }
  }
  fd_packet_release(ctx, kind, pkt);
  instance_leave(&job->inst);
  return rc;
}

bRC fd_get_acl(PluginContext* pctx, struct acl_pkt* ap) {
  return acl_xattr_call(pctx, "get_acl", PKT_ACL, ap, true);
}

bRC fd_set_acl(PluginContext* pctx, struct acl_pkt* ap) {
  return acl_xattr_call(pctx, "set_acl", PKT_ACL, ap, false);
}

bRC fd_get_xattr(PluginContext* pctx, struct xattr_pkt* xp) {
  return acl_xattr_call(pctx, "get_xattr", PKT_XATTR, xp, true);
}

bRC fd_set_xattr(PluginContext* pctx, struct xattr_pkt* xp) {
  return acl_xattr_call(pctx, "set_xattr", PKT_XATTR, xp, false);
}
