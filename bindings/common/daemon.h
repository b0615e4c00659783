/* One static description per daemon (DaemonDesc): everything the shared
 * code needs to be that daemon's plugin.  Each .so links exactly one
 * daemon's table, `plugin_daemon`, and the shared code does the rest:
 * loadPlugin, the per-job instances, events and the native module. */
#ifndef DAEMON_H
#define DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../engine/runtime.h"
#include "bareos_abi.h"
#include "surface.h"

/* The core functions every daemon's table starts with (variables are
 * int-sized enums); DAEMON_CORE_MATCHES pins each daemon's table to it. */
typedef struct DaemonCore {
  BAREOS_CORE_FUNCTIONS_HEAD(int, int, void*);
} DaemonCore;
_Static_assert(sizeof(DaemonCore) == 64, "DaemonCore: the director's whole table");

#define DAEMON_CORE_MATCHES(T)                                                            \
  ABI_SAME_OFFSET(T, DaemonCore, registerBareosEvents);                                     \
  ABI_SAME_OFFSET(T, DaemonCore, unregisterBareosEvents);                                   \
  ABI_SAME_OFFSET(T, DaemonCore, getInstanceCount);                                         \
  ABI_SAME_OFFSET(T, DaemonCore, getBareosValue);                                           \
  ABI_SAME_OFFSET(T, DaemonCore, setBareosValue);                                           \
  ABI_SAME_OFFSET(T, DaemonCore, JobMessage); ABI_SAME_OFFSET(T, DaemonCore, DebugMessage)

typedef struct Instance Instance;

/* A set of events (all daemons number theirs below 64), tested with one
 * AND on every event a job gets. */
typedef uint64_t EventSet;
#define EVENT_BIT(e) (UINT64_C(1) << (e))

static inline bool event_in(EventSet set, int event) {
  return event > 0 && event < 64 && (set & EVENT_BIT(event));
}

/* A daemon module's own exports beside the functions all share. */
typedef struct DaemonModule {
  const JSCFunctionListEntry* funcs;
  size_t func_count;
  /* More exports (the fd's packet classes), or NULL. */
  int (*declare)(JSContext* ctx, JSModuleDef* m);
  int (*define)(JSContext* ctx, JSModuleDef* m);
} DaemonModule;

typedef struct DaemonDesc {
  /* Prefix, module table, message sinks (instance.h) and runtime state. */
  QjsHostDesc host;
  /* The daemon module (bareosfd, ...): the shared functions and the
   * daemon's own (NULL: none). */
  const DaemonModule* module;
  /* Its constants, variables and entry points. */
  const DaemonSurface* surface;
  int plugin_dir_var; /* read variable holding the plugin directory */
  JSValue (*get_local)(JSContext* ctx, Instance* in, int var);
  int (*set_local)(JSContext* ctx, Instance* in, int var, JSValueConst value);
  /* Events are 1..max_event. */
  int max_event;
  EventSet registered; /* registered for every job, beside fatal_from */
  /* Events until the first of which a fatal job message is held, and sent
   * then: each daemon fails a job that gets one too early badly (see the
   * daemon tables).  Registered by the host itself and kept so. */
  EventSet fatal_from;
  EventSet definition_events; /* carry a plugin definition */
  int deferred_definition;    /* ... that may wait for the next one, or 0 */
  int cancel_event;           /* interrupts the script, or 0 */
  EventSet string_events;     /* whose value is a C string */
  /* Other events' values for the script (NULL: null). */
  JSValue (*event_value)(JSContext* ctx, int event, void* value);
  /* The daemon's own handling of an event before the shared one: true
   * when it answered (in *rc).  May be NULL. */
  bool (*event)(Instance* in, int event, void* value, bRC* rc);
  /* The per-job state: an Instance at its start, job_size bytes. */
  size_t job_size;
  void (*job_free)(Instance* in); /* what it holds beyond the Instance, or NULL */
  PluginInformation* info;
  void* functions; /* the daemon's plugin function table */
} DaemonDesc;

/* What every daemon's PluginInformation says alike (BQ_VERSION and
 * BQ_RELEASE_DATE come from the build for the daemons' own files). */
#define DAEMON_PLUGIN_INFO(interface_version, magic)                                    \
  .size = sizeof(PluginInformation), .version = (interface_version), .plugin_magic = (magic), \
  .plugin_license = "Bareos AGPLv3", .plugin_author = "The bareos-quickjs authors",          \
  .plugin_date = BQ_RELEASE_DATE, .plugin_version = BQ_VERSION

/* The plugin functions every daemon's function table T starts with. */
#define DAEMON_PLUGIN_FUNCTIONS(T, interface_version)                                   \
  .size = sizeof(T), .version = (interface_version), .newPlugin = daemon_new_plugin,       \
  .freePlugin = daemon_free_plugin, .getPluginValue = daemon_plugin_value,                 \
  .setPluginValue = daemon_plugin_value, .handlePluginEvent = daemon_handle_event

/* The one native module of a daemon (bareosfd, ...), as QjsHostDesc lists it. */
#define DAEMON_MODULES(name) {{(name), daemon_module_init, true}, {NULL, NULL, false}}

/* Defined by the daemon's own file, one per .so. */
extern const DaemonDesc plugin_daemon;
/* The daemon's core functions, from loadPlugin. */
extern const DaemonCore* daemon_core;

/* The plugin functions every daemon shares (its function table names them). */
bRC daemon_new_plugin(PluginContext* ctx);
bRC daemon_free_plugin(PluginContext* ctx);
bRC daemon_plugin_value(PluginContext* ctx, pVariable var, void* value);
bRC daemon_handle_event(PluginContext* ctx, bEvent* event, void* value);

/* The daemon module: the shared functions, the daemon's own, its
 * constants.  Needs no job, so a spare runtime loads it ahead of the job. */
JSModuleDef* daemon_module_init(JSContext* ctx, const char* name);

#endif
