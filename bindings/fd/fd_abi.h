/* The file daemon's plugin interface (version 10, Bareos 25.x, LP64). */
#ifndef FD_ABI_H
#define FD_ABI_H

#include "../common/bareos_abi.h"

#define FD_PLUGIN_MAGIC "*FDPluginData*"
#define FD_PLUGIN_INTERFACE_VERSION 10
#define FD_NR_EVENTS 31
#define FOPTS_BYTES 5

typedef enum {
  bVarJobId = 1, bVarFDName, bVarLevel, bVarType, bVarClient, bVarJobName,
  bVarJobStatus, bVarSinceTime, bVarAccurate, bVarFileSeen, bVarVssClient,
  bVarWorkingDir, bVarWhere, bVarRegexWhere, bVarExePath, bVarVersion,
  bVarDistName, bVarPrevJobName, bVarPrefixLinks, bVarCheckChanges,
  bVarUsedConfig, bVarPluginPath, bVarAccurateOptions
} bVariable;

typedef enum {
  bEventJobStart = 1, bEventJobEnd, bEventStartBackupJob, bEventEndBackupJob,
  bEventStartRestoreJob, bEventEndRestoreJob, bEventStartVerifyJob,
  bEventEndVerifyJob, bEventBackupCommand, bEventRestoreCommand,
  bEventEstimateCommand, bEventLevel, bEventSince, bEventCancelCommand,
  bEventRestoreObject, bEventEndFileSet, bEventPluginCommand,
  bEventOptionPlugin, bEventHandleBackupFile, bEventNewPluginOptions,
  bEventVssInitializeForBackup, bEventVssInitializeForRestore,
  bEventVssSetBackupState, bEventVssPrepareForBackup,
  bEventVssBackupAddComponents, bEventVssPrepareSnapshot,
  bEventVssCreateSnapshots, bEventVssRestoreLoadComponentMetadata,
  bEventVssRestoreSetComponentsSelected, bEventVssCloseRestore,
  bEventVssBackupComplete
} bEventType;

enum {
  FT_LNKSAVED = 1, FT_REGE, FT_REG, FT_LNK, FT_DIREND, FT_SPEC, FT_NOACCESS,
  FT_NOFOLLOW, FT_NOSTAT, FT_NOCHG, FT_DIRNOCHG, FT_ISARCH, FT_NORECURSE,
  FT_NOFSCHG, FT_NOOPEN, FT_RAW, FT_FIFO, FT_DIRBEGIN, FT_INVALIDFS,
  FT_INVALIDDT, FT_REPARSE, FT_PLUGIN, FT_DELETED, FT_BASE, FT_RESTORE_FIRST,
  FT_JUNCTION, FT_PLUGIN_CONFIG, FT_PLUGIN_CONFIG_FILLED
};

enum { CF_SKIP = 1, CF_ERROR, CF_EXTRACT, CF_CREATED, CF_CORE };
enum { IO_OPEN = 1, IO_READ, IO_WRITE, IO_CLOSE, IO_SEEK };
enum { IOSTAT_ERROR = -1, IOSTAT_DO_IN_PLUGIN = 0, IOSTAT_DO_IN_CORE = 1 };

/* FileSet option bits in save_pkt.flags that matter to plugins. */
enum { FO_SPARSE = 5, FO_NOATIME = 22, FO_DELTA = 28, FO_PLUGIN = 29, FO_OFFSETS = 30 };

struct save_pkt {
  int32_t pkt_size;
  char* fname;
  char* link;
  struct stat statp;
  int32_t type;
  char flags[FOPTS_BYTES];
  bool no_read;
  bool portable;
  bool accurate_found;
  char* cmd;
  time_t save_time;
  uint32_t delta_seq;
  char* object_name;
  char* object;
  int32_t object_len;
  int32_t index;
  int32_t pkt_end;
};

struct restore_pkt {
  int32_t pkt_size;
  int32_t stream;
  int32_t data_stream;
  int32_t type;
  int32_t file_index;
  int32_t LinkFI;
  uid_t uid;
  struct stat statp;
  const char* attrEx;
  const char* ofname;
  const char* olname;
  const char* where;
  const char* RegexWhere;
  int replace;
  int create_status;
  uint32_t delta_seq;
  int filedes;
  int32_t pkt_end;
};

struct io_pkt {
  int32_t pkt_size;
  int32_t func;
  int32_t count;
  int32_t flags;
  mode_t mode;
  char* buf;
  const char* fname;
  int32_t status;
  int32_t io_errno;
  int32_t lerror;
  int32_t whence;
  off_t offset;
  bool win32;
  int filedes;
  int32_t pkt_end;
};

struct acl_pkt {
  int32_t pkt_size;
  const char* fname;
  uint32_t content_length;
  char* content;
  int32_t pkt_end;
};

struct xattr_pkt {
  int32_t pkt_size;
  const char* fname;
  uint32_t name_length;
  char* name;
  uint32_t value_length;
  char* value;
  int32_t pkt_end;
};

struct restore_object_pkt {
  int32_t pkt_size;
  char* object_name;
  char* object;
  char* plugin_name;
  int32_t object_type;
  int32_t object_len;
  int32_t object_full_len;
  int32_t object_index;
  int32_t object_compression;
  int32_t stream;
  uint32_t JobId;
  int32_t pkt_end;
};

typedef struct CoreFunctions {
  BAREOS_CORE_FUNCTIONS_HEAD(bVariable, bVariable, const void*);
  void* (*bareosMalloc)(PluginContext* ctx, const char* file, int line,
                        size_t size);
  void (*bareosFree)(PluginContext* ctx, const char* file, int line, void* mem);
  bRC (*AddExclude)(PluginContext* ctx, const char* file);
  bRC (*AddInclude)(PluginContext* ctx, const char* file);
  bRC (*AddOptions)(PluginContext* ctx, const char* opts);
  bRC (*AddRegex)(PluginContext* ctx, const char* item, int type);
  bRC (*AddWild)(PluginContext* ctx, const char* item, int type);
  bRC (*NewOptions)(PluginContext* ctx);
  bRC (*NewInclude)(PluginContext* ctx);
  bRC (*NewPreInclude)(PluginContext* ctx);
  bRC (*checkChanges)(PluginContext* ctx, struct save_pkt* sp);
  bRC (*AcceptFile)(PluginContext* ctx, struct save_pkt* sp);
  bRC (*SetSeenBitmap)(PluginContext* ctx, bool all, char* fname);
  bRC (*ClearSeenBitmap)(PluginContext* ctx, bool all, char* fname);
} CoreFunctions;

typedef struct PluginFunctions {
  BAREOS_PLUGIN_FUNCTIONS_HEAD;
  bRC (*startBackupFile)(PluginContext* ctx, struct save_pkt* sp);
  bRC (*endBackupFile)(PluginContext* ctx);
  bRC (*startRestoreFile)(PluginContext* ctx, const char* cmd);
  bRC (*endRestoreFile)(PluginContext* ctx);
  bRC (*pluginIO)(PluginContext* ctx, struct io_pkt* io);
  bRC (*createFile)(PluginContext* ctx, struct restore_pkt* rp);
  bRC (*setFileAttributes)(PluginContext* ctx, struct restore_pkt* rp);
  bRC (*checkFile)(PluginContext* ctx, char* fname);
  bRC (*getAcl)(PluginContext* ctx, struct acl_pkt* ap);
  bRC (*setAcl)(PluginContext* ctx, struct acl_pkt* ap);
  bRC (*getXattr)(PluginContext* ctx, struct xattr_pkt* xp);
  bRC (*setXattr)(PluginContext* ctx, struct xattr_pkt* xp);
} PluginFunctions;

#define FD_ASSERT_OFFSET(type, member, off) \
  _Static_assert(offsetof(struct type, member) == (off), #type "." #member)

_Static_assert(sizeof(struct save_pkt) == 240, "save_pkt");
FD_ASSERT_OFFSET(save_pkt, fname, 8);
FD_ASSERT_OFFSET(save_pkt, link, 16);
FD_ASSERT_OFFSET(save_pkt, statp, 24);
FD_ASSERT_OFFSET(save_pkt, type, 168);
FD_ASSERT_OFFSET(save_pkt, flags, 172);
FD_ASSERT_OFFSET(save_pkt, no_read, 177);
FD_ASSERT_OFFSET(save_pkt, portable, 178);
FD_ASSERT_OFFSET(save_pkt, accurate_found, 179);
FD_ASSERT_OFFSET(save_pkt, cmd, 184);
FD_ASSERT_OFFSET(save_pkt, save_time, 192);
FD_ASSERT_OFFSET(save_pkt, delta_seq, 200);
FD_ASSERT_OFFSET(save_pkt, object_name, 208);
FD_ASSERT_OFFSET(save_pkt, object, 216);
FD_ASSERT_OFFSET(save_pkt, object_len, 224);
FD_ASSERT_OFFSET(save_pkt, index, 228);
FD_ASSERT_OFFSET(save_pkt, pkt_end, 232);

_Static_assert(sizeof(struct restore_pkt) == 240, "restore_pkt");
FD_ASSERT_OFFSET(restore_pkt, stream, 4);
FD_ASSERT_OFFSET(restore_pkt, data_stream, 8);
FD_ASSERT_OFFSET(restore_pkt, type, 12);
FD_ASSERT_OFFSET(restore_pkt, file_index, 16);
FD_ASSERT_OFFSET(restore_pkt, LinkFI, 20);
FD_ASSERT_OFFSET(restore_pkt, uid, 24);
FD_ASSERT_OFFSET(restore_pkt, statp, 32);
FD_ASSERT_OFFSET(restore_pkt, attrEx, 176);
FD_ASSERT_OFFSET(restore_pkt, ofname, 184);
FD_ASSERT_OFFSET(restore_pkt, olname, 192);
FD_ASSERT_OFFSET(restore_pkt, where, 200);
FD_ASSERT_OFFSET(restore_pkt, RegexWhere, 208);
FD_ASSERT_OFFSET(restore_pkt, replace, 216);
FD_ASSERT_OFFSET(restore_pkt, create_status, 220);
FD_ASSERT_OFFSET(restore_pkt, delta_seq, 224);
FD_ASSERT_OFFSET(restore_pkt, filedes, 228);
FD_ASSERT_OFFSET(restore_pkt, pkt_end, 232);

_Static_assert(sizeof(struct io_pkt) == 80, "io_pkt");
FD_ASSERT_OFFSET(io_pkt, func, 4);
FD_ASSERT_OFFSET(io_pkt, count, 8);
FD_ASSERT_OFFSET(io_pkt, flags, 12);
FD_ASSERT_OFFSET(io_pkt, mode, 16);
FD_ASSERT_OFFSET(io_pkt, buf, 24);
FD_ASSERT_OFFSET(io_pkt, fname, 32);
FD_ASSERT_OFFSET(io_pkt, status, 40);
FD_ASSERT_OFFSET(io_pkt, io_errno, 44);
FD_ASSERT_OFFSET(io_pkt, lerror, 48);
FD_ASSERT_OFFSET(io_pkt, whence, 52);
FD_ASSERT_OFFSET(io_pkt, offset, 56);
FD_ASSERT_OFFSET(io_pkt, win32, 64);
FD_ASSERT_OFFSET(io_pkt, filedes, 68);
FD_ASSERT_OFFSET(io_pkt, pkt_end, 72);

_Static_assert(sizeof(struct acl_pkt) == 40, "acl_pkt");
FD_ASSERT_OFFSET(acl_pkt, fname, 8);
FD_ASSERT_OFFSET(acl_pkt, content_length, 16);
FD_ASSERT_OFFSET(acl_pkt, content, 24);
FD_ASSERT_OFFSET(acl_pkt, pkt_end, 32);

_Static_assert(sizeof(struct xattr_pkt) == 56, "xattr_pkt");
FD_ASSERT_OFFSET(xattr_pkt, fname, 8);
FD_ASSERT_OFFSET(xattr_pkt, name_length, 16);
FD_ASSERT_OFFSET(xattr_pkt, name, 24);
FD_ASSERT_OFFSET(xattr_pkt, value_length, 32);
FD_ASSERT_OFFSET(xattr_pkt, value, 40);
FD_ASSERT_OFFSET(xattr_pkt, pkt_end, 48);

_Static_assert(sizeof(struct restore_object_pkt) == 64, "restore_object_pkt");
FD_ASSERT_OFFSET(restore_object_pkt, object_name, 8);
FD_ASSERT_OFFSET(restore_object_pkt, object, 16);
FD_ASSERT_OFFSET(restore_object_pkt, plugin_name, 24);
FD_ASSERT_OFFSET(restore_object_pkt, object_type, 32);
FD_ASSERT_OFFSET(restore_object_pkt, object_len, 36);
FD_ASSERT_OFFSET(restore_object_pkt, object_full_len, 40);
FD_ASSERT_OFFSET(restore_object_pkt, object_index, 44);
FD_ASSERT_OFFSET(restore_object_pkt, object_compression, 48);
FD_ASSERT_OFFSET(restore_object_pkt, stream, 52);
FD_ASSERT_OFFSET(restore_object_pkt, JobId, 56);
FD_ASSERT_OFFSET(restore_object_pkt, pkt_end, 60);

_Static_assert(sizeof(bVariable) == sizeof(int), "bVariable is int-sized");
_Static_assert(sizeof(CoreFunctions) == 176, "CoreFunctions");
_Static_assert(offsetof(CoreFunctions, getBareosValue) == 32, "getBareosValue");
_Static_assert(offsetof(CoreFunctions, JobMessage) == 48, "JobMessage");
_Static_assert(offsetof(CoreFunctions, AddExclude) == 80, "AddExclude");
_Static_assert(offsetof(CoreFunctions, checkChanges) == 144, "checkChanges");
_Static_assert(offsetof(CoreFunctions, ClearSeenBitmap) == 168, "ClearSeenBitmap");
_Static_assert(sizeof(PluginFunctions) == 144, "PluginFunctions");
PLUGIN_FUNCTIONS_HEAD_MATCHES(PluginFunctions);
_Static_assert(offsetof(PluginFunctions, pluginIO) == 80, "pluginIO");
_Static_assert(offsetof(PluginFunctions, checkFile) == 104, "checkFile");
_Static_assert(offsetof(PluginFunctions, setXattr) == 136, "setXattr");

#endif
