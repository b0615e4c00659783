/* Positions in a bundle mapped back to the plugin's sources. */
#ifndef SOURCE_MAP_H
#define SOURCE_MAP_H

#include "quickjs.h"

typedef struct SourceMap SourceMap;

/* NULL when the file is missing or not a source map. */
SourceMap* source_map_load(JSContext* ctx, const char* path);
void source_map_free(SourceMap* map);
/* text with each "<bundle>:line:column" replaced by its source position;
 * malloc()ed, NULL when out of memory. */
char* source_map_rewrite(const SourceMap* map, const char* bundle, const char* text);

#endif
