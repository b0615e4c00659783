/* The plugin functions every daemon calls the same way, driven by the
 * daemon's table (plugin_daemon): loading, one instance per job, events. */
#include <stdlib.h>

#include "instance.h"
#include "plugin_entry.h"

const DaemonCore* daemon_core;

bRC loadPlugin(void* api, void* core_functions, void** info, void** funcs) {
  (void)api;
  daemon_core = core_functions;
  *info = plugin_daemon.info;
  *funcs = plugin_daemon.functions;
  return bRC_OK;
}

bRC unloadPlugin(void) { return bRC_OK; }

bRC daemon_new_plugin(PluginContext* ctx) {
  const DaemonDesc* d = &plugin_daemon;
  Instance* in = calloc(1, d->job_size);
  if (!in) return bRC_Error;
  in->desc = d;
  in->ctx = ctx;
  ctx->plugin_private_context = in;
  for (EventSet s = d->registered | d->fatal_from; s; s &= s - 1)
    daemon_core->registerBareosEvents(ctx, 1, __builtin_ctzll(s));
  return bRC_OK;
}

bRC daemon_free_plugin(PluginContext* ctx) {
  Instance* in = ctx->plugin_private_context;
  if (!in) return bRC_OK;
  instance_free(in);
  if (in->desc->job_free) in->desc->job_free(in);
  free(in);
  ctx->plugin_private_context = NULL;
  return bRC_OK;
}

bRC daemon_plugin_value(PluginContext* ctx, pVariable var, void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}

bRC daemon_handle_event(PluginContext* ctx, bEvent* event, void* value) {
  Instance* in = ctx->plugin_private_context;
  if (!in) return bRC_Error;
  const DaemonDesc* d = in->desc;
  int type = (int)event->eventType;
  instance_event(in, type);
  if (d->cancel_event && type == d->cancel_event) {
    /* Another thread: only flag it; the job thread tells the script. */
    if (in->host) qjs_host_cancel(in->host);
    return bRC_OK;
  }
  if (event_in(d->definition_events, type))
    return instance_definition(in, value, type == d->deferred_definition);
  bRC rc;
  if (d->event && d->event(in, type, value, &rc)) return rc;
  if (!instance_loaded(in)) return bRC_OK;
  /* The host's own events reach the script only if it asked for them. */
  if (instance_host_event(in, type) && !event_in(in->script_events, type)) return bRC_OK;
  return instance_forward_event(in, type, value);
}
