/* The file daemon's packets as data: one member table per packet, walked by
 * the generic converter in common/packet.c.  Member names are those of
 * Python's bareosfd classes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fd_packets.h"

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define M(pkt, js, c, type, groups) {js, offsetof(struct pkt, c), type, groups, 0}
#define BLOB(pkt, js, c, len, groups) \
  {js, offsetof(struct pkt, c), PK_BLOB, groups, offsetof(struct pkt, len)}

static const PacketMember save_members[] = {
    M(save_pkt, "fname", fname, PK_STRING, SAVE_BASE | SAVE_CHECK),
    M(save_pkt, "link", link, PK_STRING, SAVE_BASE | SAVE_CHECK),
    M(save_pkt, "statp", statp, PK_STAT, SAVE_BASE | SAVE_CHECK),
    M(save_pkt, "type", type, PK_I32, SAVE_BASE | SAVE_CHECK),
    M(save_pkt, "flags", flags, PK_FLAGS, SAVE_BASE | SAVE_OPTIONS),
    M(save_pkt, "no_read", no_read, PK_BOOL, SAVE_FILE | SAVE_OPTIONS),
    M(save_pkt, "portable", portable, PK_BOOL, 0),
    M(save_pkt, "accurate_found", accurate_found, PK_BOOL, 0),
    M(save_pkt, "cmd", cmd, PK_STRING, 0),
    M(save_pkt, "save_time", save_time, PK_I64, SAVE_FILE | SAVE_OPTIONS | SAVE_CHECK),
    M(save_pkt, "delta_seq", delta_seq, PK_U32, SAVE_FILE | SAVE_OPTIONS),
    M(save_pkt, "object_name", object_name, PK_STRING, SAVE_OBJECT),
    /* object_len follows the length of object. */
    BLOB(save_pkt, "object", object, object_len, SAVE_OBJECT),
    M(save_pkt, "object_len", object_len, PK_I32, 0),
    M(save_pkt, "object_index", index, PK_I32, SAVE_OBJECT),
};

static const PacketMember restore_members[] = {
    M(restore_pkt, "stream", stream, PK_I32, 0),
    M(restore_pkt, "data_stream", data_stream, PK_I32, 0),
    M(restore_pkt, "type", type, PK_I32, 0),
    M(restore_pkt, "file_index", file_index, PK_I32, 0),
    M(restore_pkt, "linkFI", LinkFI, PK_I32, 0),
    M(restore_pkt, "uid", uid, PK_U32, 0),
    M(restore_pkt, "statp", statp, PK_STAT, 0),
    M(restore_pkt, "attrEX", attrEx, PK_STRING, 0),
    M(restore_pkt, "ofname", ofname, PK_STRING, 0),
    M(restore_pkt, "olname", olname, PK_STRING, 0),
    M(restore_pkt, "where", where, PK_STRING, 0),
    M(restore_pkt, "regexwhere", RegexWhere, PK_STRING, 0),
    M(restore_pkt, "replace", replace, PK_I32, 0),
    M(restore_pkt, "create_status", create_status, PK_I32, RESTORE_CREATE | RESTORE_ATTRS),
    M(restore_pkt, "delta_seq", delta_seq, PK_U32, 0),
    M(restore_pkt, "filedes", filedes, PK_I32, RESTORE_CREATE),
};

/* buf is handled by the I/O path itself (zero-copy view or copied data). */
#define SCRIPT_ONLY(js, type) {js, 0, type, 0, 0}
static const PacketMember io_members[] = {
    M(io_pkt, "func", func, PK_I32, 0),
    M(io_pkt, "count", count, PK_I32, 0),
    M(io_pkt, "flags", flags, PK_I32, 0),
    M(io_pkt, "mode", mode, PK_U32, 0),
    M(io_pkt, "fname", fname, PK_STRING, 0),
    M(io_pkt, "status", status, PK_I32, IO_BACK),
    M(io_pkt, "io_errno", io_errno, PK_I32, IO_BACK),
    M(io_pkt, "lerror", lerror, PK_I32, IO_BACK),
    M(io_pkt, "whence", whence, PK_I32, 0),
    M(io_pkt, "offset", offset, PK_I64, IO_BACK),
    M(io_pkt, "win32", win32, PK_BOOL, IO_BACK),
    M(io_pkt, "filedes", filedes, PK_I32, IO_BACK),
    SCRIPT_ONLY("buf", PK_SCRIPT_NULL),
    SCRIPT_ONLY("do_io_in_core", PK_SCRIPT_FALSE),
};

/* What get_acl/get_xattr hand back is malloc()ed for the core to free. */
static const PacketMember acl_members[] = {
    M(acl_pkt, "fname", fname, PK_STRING, 0),
    BLOB(acl_pkt, "content", content, content_length, ACL_BACK),
};

static const PacketMember xattr_members[] = {
    M(xattr_pkt, "fname", fname, PK_STRING, 0),
    BLOB(xattr_pkt, "name", name, name_length, XATTR_BACK),
    BLOB(xattr_pkt, "value", value, value_length, XATTR_BACK),
};

static const PacketMember restore_object_members[] = {
    M(restore_object_pkt, "object_name", object_name, PK_STRING, 0),
    BLOB(restore_object_pkt, "object", object, object_len, 0),
    M(restore_object_pkt, "plugin_name", plugin_name, PK_STRING, 0),
    M(restore_object_pkt, "object_type", object_type, PK_I32, 0),
    M(restore_object_pkt, "object_len", object_len, PK_I32, 0),
    M(restore_object_pkt, "object_full_len", object_full_len, PK_I32, 0),
    M(restore_object_pkt, "object_index", object_index, PK_I32, 0),
    M(restore_object_pkt, "object_compression", object_compression, PK_I32, 0),
    M(restore_object_pkt, "stream", stream, PK_I32, 0),
    M(restore_object_pkt, "jobid", JobId, PK_U32, 0),
};

#define DESC(name, table) {name, table, countof(table)}
const PacketDesc fd_packet_descs[PKT_COUNT] = {
    [PKT_STAT] = {"StatPacket", NULL, 0}, /* common/packet.c */
    [PKT_SAVE] = DESC("SavePacket", save_members),
    [PKT_RESTORE] = DESC("RestorePacket", restore_members),
    [PKT_IO] = DESC("IoPacket", io_members),
    [PKT_ACL] = DESC("AclPacket", acl_members),
    [PKT_XATTR] = DESC("XattrPacket", xattr_members),
    [PKT_RESTORE_OBJECT] = DESC("RestoreObject", restore_object_members),
};

static const PacketDesc* desc_of(FdPacketKind kind) {
  return kind == PKT_STAT ? &stat_packet_desc : &fd_packet_descs[kind];
}

/* What `new X()` starts from: Python's defaults. */
static void default_packet(FdPacketKind kind, void* pkt) {
  switch (kind) {
    case PKT_STAT: {
      struct stat* st = pkt;
      time_t now = time(NULL);
      st->st_mode = S_IFREG | 0700;
      st->st_size = -1;
      st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = now;
      st->st_blksize = 4096;
      st->st_blocks = 1;
      break;
    }
    case PKT_IO:
      ((struct io_pkt*)pkt)->filedes = -1;
      break;
    case PKT_RESTORE:
      ((struct restore_pkt*)pkt)->filedes = -1;
      break;
    default:
      break;
  }
}

static JSValue packet_ctor(JSContext* ctx, JSValueConst new_target, int argc,
                           JSValueConst* argv, int kind) {
  FdAnyPacket pkt;
  memset(&pkt, 0, sizeof pkt);
  default_packet((FdPacketKind)kind, &pkt);
  PacketClass* cls = fd_class(ctx, (FdPacketKind)kind);
  PacketClass* stat = fd_class(ctx, PKT_STAT);
  JSAtom prototype = fd_name(ctx, FD_NAME_PROTOTYPE);
  if (!cls || !stat || prototype == JS_ATOM_NULL) return JS_EXCEPTION;
  JSValue proto = JS_GetProperty(ctx, new_target, prototype);
  if (JS_IsException(proto)) return proto;
  /* A fresh SavePacket has no statp yet, like Python's. */
  JSValue obj = packet_new(ctx, cls, kind == PKT_SAVE ? NULL : stat, &pkt,
                           argc ? argv[0] : JS_UNDEFINED);
  /* Subclasses of a packet class keep their own prototype. */
  if (JS_IsException(obj) ||
      (JS_VALUE_GET_PTR(proto) != JS_VALUE_GET_PTR(cls->layout.proto) &&
       JS_SetPrototype(ctx, obj, proto) < 0)) {
    JS_FreeValue(ctx, proto);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
  }
  JS_FreeValue(ctx, proto);
  return obj;
}

/* A class is kept only once complete: out of memory half-way, nothing is
 * kept (the next call tries again) and the exception is pending. */
JSValue fd_packet_class(JSContext* ctx, FdPacketKind kind) {
  FdRuntime* rt = fd_runtime(ctx);
  if (JS_IsUndefined(rt->ctors[kind])) {
    const char* name = desc_of(kind)->class_name;
    JSValue ctor = JS_NewCFunctionMagic(ctx, packet_ctor, name, 1,
                                        JS_CFUNC_constructor_magic, kind);
    if (JS_IsException(ctor)) return ctor;
    JSValue proto = JS_NewObject(ctx);
    if (JS_IsException(proto) || JS_SetConstructor(ctx, ctor, proto) < 0 ||
        packet_class_init(ctx, &rt->classes[kind], desc_of(kind), proto) < 0) {
      packet_class_free(ctx, &rt->classes[kind]);
      JS_FreeValue(ctx, proto);
      JS_FreeValue(ctx, ctor);
      return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, proto);
    rt->ctors[kind] = ctor;
  }
  return rt->ctors[kind];
}

PacketClass* fd_class(JSContext* ctx, FdPacketKind kind) {
  return JS_IsException(fd_packet_class(ctx, kind)) ? NULL : &fd_runtime(ctx)->classes[kind];
}

JSAtom fd_name(JSContext* ctx, int name) {
  static const char* const names[FD_NAME_COUNT] = {
      [FD_NAME_STATP] = "statp", [FD_NAME_TYPE] = "type", [FD_NAME_BUF] = "buf",
      [FD_NAME_DO_IO_IN_CORE] = "do_io_in_core", [FD_NAME_PROTOTYPE] = "prototype",
  };
  return qjs_host_atom(qjs_host_from(ctx), names[name]);
}

JSValue fd_packet_new(JSContext* ctx, FdPacketKind kind, const void* pkt) {
  PacketClass* cls = fd_class(ctx, kind);
  PacketClass* stat = fd_class(ctx, PKT_STAT);
  if (!cls || !stat) return JS_EXCEPTION;
  return packet_to_js(ctx, cls, stat, pkt);
}

void fd_packet_release(JSContext* ctx, FdPacketKind kind, JSValue pkt) {
  packet_release(ctx, fd_class(ctx, kind), pkt);
}

void* fd_runtime_new(JSContext* ctx) {
  (void)ctx;
  FdRuntime* rt = calloc(1, sizeof *rt);
  if (!rt) return NULL;
  rt->io_view = JS_UNDEFINED;
  for (int k = 0; k < PKT_COUNT; k++) {
    rt->ctors[k] = JS_UNDEFINED;
    rt->classes[k].layout.proto = JS_UNDEFINED;
  }
  return rt;
}

static void clear_runtime(JSContext* ctx, FdRuntime* rt) {
  JS_FreeValue(ctx, rt->io_view);
  rt->io_view = JS_UNDEFINED;
  for (int k = 0; k < PKT_COUNT; k++) {
    packet_class_free(ctx, &rt->classes[k]);
    JS_FreeValue(ctx, rt->ctors[k]);
    rt->ctors[k] = JS_UNDEFINED;
  }
}

void fd_runtime_clear(JSContext* ctx) { clear_runtime(ctx, fd_runtime(ctx)); }

void fd_runtime_free(JSContext* ctx, void* state) {
  clear_runtime(ctx, state);
  free(state);
}
