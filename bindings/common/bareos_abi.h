/* Types every Bareos daemon shares with its plugins (interface of Bareos 25.x,
 * LP64).  Declared from the documented layout; the asserts pin each offset so
 * a wrong member order fails the build instead of corrupting a daemon. */
#ifndef BAREOS_ABI_H
#define BAREOS_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

typedef enum {
  bRC_Undefined = -1, /* what the core reports for a non-integer return */
  bRC_OK = 0,
  bRC_Stop = 1,
  bRC_Error = 2,
  bRC_More = 3,
  bRC_Term = 4,
  bRC_Seen = 5,
  bRC_Core = 6,
  bRC_Skip = 7,
  bRC_Cancel = 8,
  bRC_Max = 9999
} bRC;

enum { PLUGIN_INSTANCE_MIN = 0, PLUGIN_INSTANCE_MAX = 127 };

typedef int64_t utime_t;

typedef struct Plugin {
  char* file;
  int32_t file_len;
  bRC (*unloadPlugin)(void);
  void* plugin_information;
  void* plugin_functions;
  void* plugin_handle;
} Plugin;

typedef struct PluginContext {
  uint32_t instance;
  Plugin* plugin;
  void* core_private_context;
  void* plugin_private_context;
} PluginContext;

typedef struct PluginInformation {
  uint32_t size;
  uint32_t version;
  const char* plugin_magic;
  const char* plugin_license;
  const char* plugin_author;
  const char* plugin_date;
  const char* plugin_version;
  const char* plugin_description;
  const char* plugin_usage;
} PluginInformation;

typedef struct PluginApiDefinition {
  uint32_t size;
  uint32_t version;
} PluginApiDefinition;

typedef enum { pVarName = 1, pVarDescription = 2 } pVariable;

typedef struct bEvent {
  uint32_t eventType;
} bEvent;

/* Message types (M_*) shared by all daemons. */
enum {
  M_ABORT = 1, M_DEBUG, M_FATAL, M_ERROR, M_WARNING, M_INFO, M_SAVED,
  M_NOTSAVED, M_SKIPPED, M_MOUNT, M_ERROR_TERM, M_TERM, M_RESTORED,
  M_SECURITY, M_ALERT, M_VOLMGMT, M_AUDIT, M_CONFIG_ERROR
};

/* The core functions every daemon's table starts with, in this order and
 * with these signatures (Bareos' plugins.h family: fd_plugins.h,
 * sd_plugins.h, dir_plugins.h); only the variable enums differ, and
 * setBareosValue's value is const in the file daemon.  The director's table
 * is exactly this head, the others go on with their own members. */
#define BAREOS_CORE_FUNCTIONS_HEAD(ReadVar, WriteVar, WriteValue)                          \
  uint32_t size;                                                                          \
  uint32_t version;                                                                       \
  bRC (*registerBareosEvents)(PluginContext* ctx, int nr_events, ...);                    \
  bRC (*unregisterBareosEvents)(PluginContext* ctx, int nr_events, ...);                  \
  bRC (*getInstanceCount)(PluginContext* ctx, int* ret);                                  \
  bRC (*getBareosValue)(PluginContext* ctx, ReadVar var, void* value);                    \
  bRC (*setBareosValue)(PluginContext* ctx, WriteVar var, WriteValue value);              \
  bRC (*JobMessage)(PluginContext* ctx, const char* file, int line, int type, utime_t mtime, \
                    const char* fmt, ...) __attribute__((format(printf, 6, 7)));          \
  bRC (*DebugMessage)(PluginContext* ctx, const char* file, int line, int level,          \
                      const char* fmt, ...) __attribute__((format(printf, 5, 6)))

/* The plugin functions every daemon's table starts with; the storage
 * daemon's and the director's tables are exactly these (their event structs
 * are all { uint32_t eventType; }, so bEvent serves each). */
#define BAREOS_PLUGIN_FUNCTIONS_HEAD                                             \
  uint32_t size;                                                                \
  uint32_t version;                                                             \
  bRC (*newPlugin)(PluginContext* ctx);                                         \
  bRC (*freePlugin)(PluginContext* ctx);                                        \
  bRC (*getPluginValue)(PluginContext* ctx, pVariable var, void* value);        \
  bRC (*setPluginValue)(PluginContext* ctx, pVariable var, void* value);        \
  bRC (*handlePluginEvent)(PluginContext* ctx, bEvent* event, void* value)

typedef struct BareosPluginFunctions {
  BAREOS_PLUGIN_FUNCTIONS_HEAD;
} BareosPluginFunctions;

/* Pins that a daemon's table T has Base's member m where Base has it, so
 * the shared code may use T through Base. */
#define ABI_SAME_OFFSET(T, Base, m) \
  _Static_assert(offsetof(T, m) == offsetof(Base, m), #T "." #m " as in " #Base)
#define PLUGIN_FUNCTIONS_HEAD_MATCHES(T)                                                    \
  ABI_SAME_OFFSET(T, BareosPluginFunctions, newPlugin);                                     \
  ABI_SAME_OFFSET(T, BareosPluginFunctions, freePlugin);                                    \
  ABI_SAME_OFFSET(T, BareosPluginFunctions, getPluginValue);                                \
  ABI_SAME_OFFSET(T, BareosPluginFunctions, setPluginValue);                                \
  ABI_SAME_OFFSET(T, BareosPluginFunctions, handlePluginEvent)

typedef bRC (*LoadPluginFn)(void* core_api_version, void* core_functions,
                            void** plugin_information, void** plugin_functions);
typedef bRC (*UnloadPluginFn)(void);

_Static_assert(sizeof(bRC) == 4, "bRC is int-sized");
_Static_assert(sizeof(Plugin) == 48, "Plugin");
_Static_assert(offsetof(Plugin, file_len) == 8, "Plugin.file_len");
_Static_assert(offsetof(Plugin, plugin_handle) == 40, "Plugin.plugin_handle");
_Static_assert(sizeof(PluginContext) == 32, "PluginContext");
_Static_assert(offsetof(PluginContext, plugin_private_context) == 24,
               "PluginContext.plugin_private_context");
_Static_assert(sizeof(PluginInformation) == 64, "PluginInformation");
_Static_assert(offsetof(PluginInformation, plugin_magic) == 8, "magic");
_Static_assert(offsetof(PluginInformation, plugin_usage) == 56, "usage");
_Static_assert(sizeof(PluginApiDefinition) == 8, "PluginApiDefinition");
_Static_assert(sizeof(bEvent) == 4, "bEvent / bSdEvent / bDirEvent");
_Static_assert(sizeof(BareosPluginFunctions) == 48, "SD and DIR PluginFunctions");
_Static_assert(offsetof(BareosPluginFunctions, handlePluginEvent) == 40, "handlePluginEvent");
_Static_assert(sizeof(struct stat) == 144, "struct stat (LP64 glibc)");
_Static_assert(offsetof(struct stat, st_mode) == 24, "st_mode");
_Static_assert(offsetof(struct stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct stat, st_mtim) == 88, "st_mtim");
_Static_assert(sizeof(bool) == 1, "C++ bool is one byte");

#endif
