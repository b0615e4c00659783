/* Plugin definition strings, parsed the way Bareos' python plugins do:
 * "<plugin>:key=value:key=value...", items split on ':' unless escaped as
 * "\:".  module_path, module_name and instance are taken out; the rest,
 * the limits the host reads too, reaches the script verbatim (escapes
 * kept) as "key=value:key=value:". */
#ifndef PLUGIN_DEF_H
#define PLUGIN_DEF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct PluginDef {
  char* module_path;
  char* module_name;
  char* memory_limit; /* raw option values, validated by the daemon side */
  char* daemon_memory_limit;
  char* timeout;
  char* instance;
  char* residual;     /* never NULL after a successful parse */
} PluginDef;

typedef enum { PLUGIN_DEF_OK, PLUGIN_DEF_SKIP, PLUGIN_DEF_ERROR } PluginDefResult;

/* Parses text into def.  With keep_existing, host keys already set in def
 * keep their value and the new residual is appended after the old one (the
 * script's parser takes the first occurrence of a key), which is how
 * NewPluginOptions overrides the FileSet's definition.  On error, err holds
 * a message for the job log. */
PluginDefResult plugin_def_parse(const char* text, PluginDef* def,
                                 bool keep_existing, char* err, size_t errlen);
void plugin_def_clear(PluginDef* def);

#endif
