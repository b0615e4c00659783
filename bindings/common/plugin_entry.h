/* The two symbols a daemon looks up in every plugin; the only ones the
 * .so files export. */
#ifndef PLUGIN_ENTRY_H
#define PLUGIN_ENTRY_H

#include "bareos_abi.h"

#define PLUGIN_EXPORT __attribute__((visibility("default")))

PLUGIN_EXPORT bRC loadPlugin(void* core_api_version, void* core_functions,
                             void** plugin_information, void** plugin_functions);
PLUGIN_EXPORT bRC unloadPlugin(void);

#endif
