/* One plugin instance of any daemon: its definition, its runtime and its
 * module, created on the first definition that names a module.  The daemon
 * front ends (fd, sd, dir) supply messages, the plugin directory and their
 * native module; everything else is written once here. */
#ifndef INSTANCE_H
#define INSTANCE_H

#include <stdbool.h>

#include "../../engine/bytes_string.h"
#include "../../engine/errors.h"
#include "../../engine/module.h"
#include "../../engine/runtime.h"
#include "../../engine/spare.h"
#include "bareos_abi.h"
#include "plugin_def.h"

/* The options of the host itself, as each plugin's usage text lists them. */
#define INSTANCE_USAGE_OPTIONS                                                        \
  "  memory_limit  JavaScript heap limit of the job: MiB, or a number with\n"         \
  "                K/M/G/T (default 64M, at most the machine's memory)\n"            \
  "  daemon_memory_limit  the same for all jobs of the daemon together\n"            \
  "                (default: half of the machine's memory)\n"                        \
  "  timeout       seconds one call into the script may take (default: none)"

typedef struct DaemonFront {
  const char* prefix; /* "quickjs-fd: " */
  const QjsNativeModule* modules;
  /* To the daemon as it is; everything else goes through instance_job_message. */
  void (*job_message)(void* job, int type, const char* text);
  void (*debug_message)(void* job, int level, const char* text);
  /* The default module_path, or NULL. */
  const char* (*plugin_dir)(void* job);
  /* The native modules' per-runtime state (QjsHostDesc), or NULL. */
  void* (*state_new)(JSContext* ctx);
  void (*state_free)(JSContext* ctx, void* state);
  /* Events (0-terminated) until the first of which a fatal job message is
   * held, and sent then: each daemon fails a job that gets one too early
   * badly (see the front ends). The host registers them itself. */
  const int* fatal_from;
} DaemonFront;

typedef struct Instance {
  const DaemonFront* front;
  void* job;      /* the front end's per-instance state; the host's opaque */
  QjsHost* host;  /* NULL until the module is loaded */
  PluginDef def;
  char* pending_options; /* options to apply before the next definition */
  bool load_failed;
  bool fatal_released;   /* a fatal_from event came */
  char** held_fatal;     /* fatal messages until then */
  size_t held_count;
} Instance;

/* A job message of the script or of the host (whose opaque is the instance). */
void instance_job_message(Instance* in, int type, const char* text);
/* Each daemon event, before anything else: at a fatal_from event the held
 * messages go out. */
void instance_event(Instance* in, int event);
/* Whether event is one of the host's own (fatal_from). */
bool instance_host_event(const Instance* in, int event);

bool instance_loaded(const Instance* in);

/* A job message with the front end's prefix, also before any runtime exists. */
void instance_message(Instance* in, int type, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A definition event: parses text, loads the module on first use (calling
 * load_bareos_plugin), then calls parse_plugin_definition with the options
 * for the script.  With defer, a definition arriving before any module is
 * loaded is only kept, to be applied (and win) when the next one arrives:
 * python-fd's handling of NewPluginOptions. */
bRC instance_definition(Instance* in, const char* text, bool defer);

/* Calls the script's `name` (between qjs_host_enter/leave) and returns its
 * bRC.  Exceptions and return values that are not a bRC become M_FATAL job
 * messages and bRC_Error; a missing function is bRC_Error with a debug
 * message, like python-fd. */
bRC instance_call(Instance* in, const char* name, int argc, JSValueConst* argv);

/* Reports the pending exception of a conversion for `name`; bRC_Error. */
bRC instance_conversion_failed(Instance* in, const char* name);

/* Frees the runtime and the definition; JS values the front end holds must
 * be freed before. */
void instance_free(Instance* in);

#endif
