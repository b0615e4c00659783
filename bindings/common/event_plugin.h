/* The storage daemon and the director see plugins the same way: instances
 * created per job (and per instance=N), a module named on the first
 * NewPluginOptions, and events.  The two front ends describe their daemon
 * with tables and adapters; this file does the rest. */
#ifndef EVENT_PLUGIN_H
#define EVENT_PLUGIN_H

#include <stdint.h>

#include "consts.h"
#include "instance.h"

typedef enum { VAR_NONE, VAR_INT, VAR_U64, VAR_STR } VarKind;

typedef struct EventDaemon {
  const char* prefix;       /* "quickjs-sd: " */
  /* Its module ({"bareossd", event_module_init}), in a table of the .so's
   * own: a spare runtime goes only to a job with the same table. */
  const QjsNativeModule* modules;
  int options_event;        /* NewPluginOptions */
  int max_event;            /* events are 1..max_event */
  const VarKind* read_kinds; /* GetValue, indexed by variable */
  int read_count;
  const VarKind* write_kinds; /* SetValue, indexed by variable */
  int write_count;
  const ConstGroup* consts;
  size_t const_count;
  /* Events whose value is a C string (the others pass null). */
  bool (*string_event)(int event);
  /* The daemon's core, behind typed adapters. */
  bRC (*register_event)(PluginContext* ctx, int event, bool on);
  bRC (*get_value)(PluginContext* ctx, int var, void* out);
  bRC (*set_value)(PluginContext* ctx, int var, void* in);
  bRC (*instance_count)(PluginContext* ctx, int* out);
  void (*job_message)(PluginContext* ctx, int type, const char* text);
  void (*debug_message)(PluginContext* ctx, int level, const char* text);
  int plugin_dir_var;       /* read variable holding the plugin directory */
  const int* fatal_from;    /* DaemonFront.fatal_from */
} EventDaemon;

typedef struct EventJob {
  Instance inst;
  DaemonFront front;
  PluginContext* ctx;
  uint64_t script_events; /* bit per event the script registered */
} EventJob;

/* From loadPlugin: the daemon this plugin file serves. */
void event_load_plugin(const EventDaemon* daemon);
/* The daemon module (bareossd, bareosdir): its functions and constants.
 * Needs no job, so a spare runtime loads it ahead of the job. */
JSModuleDef* event_module_init(JSContext* ctx, const char* name);
bRC event_new_plugin(PluginContext* ctx);
bRC event_free_plugin(PluginContext* ctx);
bRC event_handle(PluginContext* ctx, bEvent* event, void* value);
bRC event_plugin_value(PluginContext* ctx, pVariable var, void* value);

#endif
