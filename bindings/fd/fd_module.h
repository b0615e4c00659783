/* Shared state of the file daemon front end: the per-job instance, the
 * bareosfd module and the packet classes. */
#ifndef FD_MODULE_H
#define FD_MODULE_H

#include <stdbool.h>

#include "../../engine/bytes_string.h"
#include "../../engine/cache.h"
#include "../../engine/runtime.h"
#include "../common/consts.h"
#include "../common/instance.h"
#include "../common/packet.h"
#include "fd_abi.h"

#define FD_PREFIX "quickjs-fd: "

typedef enum {
  PKT_STAT, PKT_SAVE, PKT_RESTORE, PKT_IO, PKT_ACL, PKT_XATTR,
  PKT_RESTORE_OBJECT, PKT_COUNT
} FdPacketKind;

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

/* One per job (PluginContext).  Costs one small allocation until the job
 * really uses the plugin; then it owns a QuickJS runtime. */
typedef struct FdJob {
  Instance inst;
  PluginContext* ctx;
  char level;             /* from bEventLevel: 'F', 'I', 'D', ... */
  int64_t since;          /* plugin-local since time */
  PacketArena file_arena; /* fname/link/object of the current backup file */
  uint32_t script_events; /* what the script registered, bit n = event n */
} FdJob;

/* The bindings' state in one runtime (made with it, see
 * QjsHostConfig.state_new), so that a spare runtime can load bareosfd
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

extern CoreFunctions* fd_core;

/* Packets */
extern const PacketDesc fd_packet_descs[PKT_COUNT];
JSValue fd_packet_class(JSContext* ctx, FdPacketKind kind);
/* The class with its atoms (created on first use, NULL on failure). */
PacketClass* fd_class(JSContext* ctx, FdPacketKind kind);
JSAtom fd_name(JSContext* ctx, int name);
JSValue fd_packet_new(JSContext* ctx, FdPacketKind kind, const void* pkt);
/* Frees a packet made for a call (see packet_release). */
void fd_packet_release(JSContext* ctx, FdPacketKind kind, JSValue pkt);

/* The bareosfd module */
JSModuleDef* fd_module_init(JSContext* ctx, const char* name);
extern const ConstGroup fd_const_groups[];
extern const size_t fd_const_group_count;

static inline FdJob* fd_job_of(JSContext* ctx) { return ((Instance*)qjs_host_opaque(ctx))->job; }



/* Entry-point plumbing (fd_plugin.c) used by the per-file entry points:
 * enter the job's runtime (NULL if no module is loaded), telling the script
 * about a cancel first if it asked for that event. */
FdJob* fd_job_enter(PluginContext* ctx);
void fd_job_leave(FdJob* job);

/* Per-file entry points (fd_files.c). */
bRC fd_start_backup_file(PluginContext* ctx, struct save_pkt* sp);
bRC fd_end_backup_file(PluginContext* ctx);
bRC fd_start_restore_file(PluginContext* ctx, const char* cmd);
bRC fd_end_restore_file(PluginContext* ctx);
bRC fd_plugin_io(PluginContext* ctx, struct io_pkt* io);
bRC fd_create_file(PluginContext* ctx, struct restore_pkt* rp);
bRC fd_set_file_attributes(PluginContext* ctx, struct restore_pkt* rp);
bRC fd_check_file(PluginContext* ctx, char* fname);
bRC fd_get_acl(PluginContext* ctx, struct acl_pkt* ap);
bRC fd_set_acl(PluginContext* ctx, struct acl_pkt* ap);
bRC fd_get_xattr(PluginContext* ctx, struct xattr_pkt* xp);
bRC fd_set_xattr(PluginContext* ctx, struct xattr_pkt* xp);
/* handle_backup_file for bEventHandleBackupFile (options plugins). */
bRC fd_handle_backup_file(FdJob* job, struct save_pkt* sp);
#endif
