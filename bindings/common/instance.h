/* One plugin instance of any daemon: its definition, its runtime and its
 * module, created on the first definition that names a module, and the
 * gate through which every entry point calls the script. */
#ifndef INSTANCE_H
#define INSTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "../../engine/bytes_string.h"
#include "../../engine/errors.h"
#include "../../engine/module.h"
#include "../../engine/runtime.h"
#include "../../engine/spare.h"
#include "bareos_abi.h"
#include "daemon.h"
#include "plugin_def.h"

/* The options of the host itself, as each plugin's usage text lists them. */
#define INSTANCE_USAGE_MODULE                                                         \
  "  module_name   the plugin bundle <module_path>/<module_name>.js (required)\n"    \
  "  module_path   directory of the bundle (default: the Plugin Directory)\n"
#define INSTANCE_USAGE_INSTANCE "  instance      0..127, another instance with its own runtime\n"
/* The usage of the storage daemon and the director: a plugin options line
 * (directive) that may name an instance. */
#define INSTANCE_USAGE_WITH_INSTANCES(directive)                                        \
  directive " = \"quickjs:module_name=<name>[:module_path=<dir>][:instance=N]"          \
  "[:key=value...]\"\n" INSTANCE_USAGE_MODULE INSTANCE_USAGE_INSTANCE INSTANCE_USAGE_OPTIONS
#define INSTANCE_USAGE_OPTIONS                                                        \
  "  memory_limit  JavaScript heap limit of the job: MiB, or a number with\n"         \
  "                K/M/G/T (default 64M, at most the machine's memory)\n"            \
  "  daemon_memory_limit  the same for all jobs of the daemon together\n"            \
  "                (default: half of the machine's memory)\n"                        \
  "  timeout       seconds one call into the script may take (default: none)"

/* One per job (PluginContext), and per instance=N.  Costs one small
 * allocation until the job really uses the plugin; then it owns a runtime. */
struct Instance {
  const DaemonDesc* desc;
  PluginContext* ctx;
  QjsHost* host;  /* NULL until the module is loaded */
  PluginDef def;
  char* pending_options; /* options to apply before the next definition */
  bool load_failed;
  bool fatal_released;   /* a fatal_from event came */
  char** held_fatal;     /* fatal messages until then */
  size_t held_count;
  EventSet script_events; /* what the script registered */
};

/* The host's message sinks (QjsHostDesc), whose opaque is the instance. */
void instance_host_job_message(void* opaque, int type, const char* text);
void instance_host_debug_message(void* opaque, int level, const char* text);

/* A daemon's QjsHostDesc with the instance's message sinks. */
#define INSTANCE_HOST(prefix_, modules_)                                 \
  .prefix = (prefix_), .modules = (modules_),                            \
  .job_message = instance_host_job_message, .debug_message = instance_host_debug_message

static inline Instance* instance_of(JSContext* ctx) { return qjs_host_opaque(ctx); }

/* A job message of the script or of the host, held if it is fatal and
 * comes before the daemon's fatal_from events. */
void instance_job_message(Instance* in, int type, const char* text);
/* Each daemon event, before anything else: at a fatal_from event the held
 * messages go out. */
void instance_event(Instance* in, int event);
/* Whether event is one of the host's own (fatal_from). */
bool instance_host_event(const Instance* in, int event);

bool instance_loaded(const Instance* in);

/* A job message with the daemon's prefix, also before any runtime exists. */
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

/* Enters the runtime for an entry point (NULL if no module is loaded),
 * telling the script about a cancel first if it registered the event. */
Instance* instance_enter(PluginContext* ctx);
void instance_leave(Instance* in);

/* Calls handle_plugin_event(event, value) with the daemon's conversion of
 * value (DaemonDesc.string_events, event_value). */
bRC instance_forward_event(Instance* in, int event, void* value);

/* Frees the runtime and the definition; JS values the daemon's code holds
 * must be freed before. */
void instance_free(Instance* in);

#endif
