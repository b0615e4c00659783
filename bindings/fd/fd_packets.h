/* The file daemon's packet classes (fd_packets.c): their member tables,
 * copy-back groups, and the per-runtime state that holds the classes. */
#ifndef FD_PACKETS_H
#define FD_PACKETS_H

#include "../../engine/bytes_string.h"
#include "../../engine/cache.h"
#include "../../engine/runtime.h"
#include "../common/packet.h"
#include "fd_abi.h"

typedef enum {
  PKT_STAT, PKT_SAVE, PKT_RESTORE, PKT_IO, PKT_ACL, PKT_XATTR,
  PKT_RESTORE_OBJECT, PKT_COUNT
} FdPacketKind;

/* Room for a packet of any kind (a StatPacket's C side is a struct stat). */
typedef union FdAnyPacket {
  struct stat st;
  struct save_pkt sp;
  struct restore_pkt rp;
  struct io_pkt io;
  struct acl_pkt acl;
  struct xattr_pkt xp;
  struct restore_object_pkt rop;
} FdAnyPacket;

/* Copy-back groups of the packet members (see fd_packets.c). */
enum {
  SAVE_BASE = 1,    /* after start_backup_file: fname, link, statp, type, flags */
  SAVE_OBJECT = 2,  /* ... and for restore objects */
  SAVE_FILE = 4,    /* ... and for files: no_read, delta_seq, save_time */
  SAVE_OPTIONS = 8, /* after handle_backup_file */
  SAVE_CHECK = 16,  /* what CheckChanges/AcceptFile pass to the core */
  RESTORE_CREATE = 1, /* after create_file */
  RESTORE_ATTRS = 2,  /* after set_file_attributes */
  IO_BACK = 1,
  ACL_BACK = 1,
  XATTR_BACK = 1,
};

/* Property names the entry points set or read outside the member tables. */
enum { FD_NAME_STATP, FD_NAME_TYPE, FD_NAME_BUF, FD_NAME_DO_IO_IN_CORE, FD_NAME_PROTOTYPE,
       FD_NAME_COUNT };

/* The bindings' state in one runtime (made with it, see
 * QjsHostDesc.state_new), so that a spare runtime can load bareosfd
 * before any job has it. */
typedef struct FdRuntime {
  JSValue ctors[PKT_COUNT];       /* the packet classes */
  PacketClass classes[PKT_COUNT]; /* ... their prototypes and member atoms */
  JSValue io_view;  /* a view of the core's buffer no script can reach */
  int io_view_func; /* ... made for IO_READ or IO_WRITE */
} FdRuntime;

void* fd_runtime_new(JSContext* ctx);
void fd_runtime_free(JSContext* ctx, void* state);
/* Frees what the runtime's state holds (classes, the kept view). */
void fd_runtime_clear(JSContext* ctx);
static inline FdRuntime* fd_runtime(JSContext* ctx) { return qjs_host_state(ctx); }

extern const PacketDesc fd_packet_descs[PKT_COUNT];
JSValue fd_packet_class(JSContext* ctx, FdPacketKind kind);
/* The class with its atoms (created on first use, NULL on failure). */
PacketClass* fd_class(JSContext* ctx, FdPacketKind kind);
/* The atom of a FD_NAME_*, from the runtime's cache (engine/cache.h). */
JSAtom fd_name(JSContext* ctx, int name);
JSValue fd_packet_new(JSContext* ctx, FdPacketKind kind, const void* pkt);
/* Frees a packet made for a call (see packet_release). */
void fd_packet_release(JSContext* ctx, FdPacketKind kind, JSValue pkt);

#endif
