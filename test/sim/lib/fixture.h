/* What the simulators' native test plugins (fixtures/echo-*.c) share: the
 * two exported entry points and a getPluginValue/setPluginValue that does
 * nothing.  FIXTURE_LOAD(core, info, funcs) defines loadPlugin, which keeps
 * the daemon's core table in core and hands out info and funcs. */
#ifndef SIM_LIB_FIXTURE_H
#define SIM_LIB_FIXTURE_H

#include "common/bareos_abi.h"

#define FIXTURE_EXPORT __attribute__((visibility("default")))

FIXTURE_EXPORT bRC loadPlugin(void* api, void* core, void** info, void** funcs);
FIXTURE_EXPORT bRC unloadPlugin(void);

static bRC fixture_plugin_value(PluginContext* ctx, pVariable var, void* value) {
  (void)ctx, (void)var, (void)value;
  return bRC_OK;
}

#define FIXTURE_LOAD(core_var, info_var, funcs_var)                  \
  bRC loadPlugin(void* api, void* core, void** pinfo, void** pfuncs) { \
    (void)api;                                                       \
    core_var = core;                                                 \
    *pinfo = &info_var;                                              \
    *pfuncs = &funcs_var;                                            \
    return bRC_OK;                                                   \
  }                                                                  \
  bRC unloadPlugin(void) { return bRC_OK; }

#endif
