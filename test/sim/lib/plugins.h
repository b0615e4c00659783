/* Finding, loading and describing plugin files the way every Bareos daemon
 * does at startup; each daemon brings its suffix, magic and version. */
#ifndef SIM_LIB_PLUGINS_H
#define SIM_LIB_PLUGINS_H

#include <stdint.h>
#include <stdio.h>

#include "common/bareos_abi.h"
#include "lib/util.h"

/* What a daemon accepts: plugin files named *suffix whose information has
 * its magic, interface version and an AGPLv3 license. */
typedef struct {
  const char* suffix;
  const char* magic;
  uint32_t version;
  void* api;  /* the PluginApiDefinition loadPlugin gets */
  void* core; /* the core functions loadPlugin gets */
} plugin_rules;

/* A plugin file loaded and accepted. */
typedef struct {
  Plugin pl;  /* file, handle, information, functions, unloadPlugin */
  char* name; /* the file name without the suffix */
  char* path;
} loaded_plugin;

/* Loads the plugins in dir, in order: with Plugin Names (names) exactly
 * those, else every *suffix file in alphabetical order.  Each one loaded
 * and accepted goes to take(); one that is not is said on stderr (symbolic
 * links are skipped silently).  -1, said on stderr, if dir cannot be read. */
int plugins_load(const plugin_rules* rules, const char* dir, const strlist* names,
                 void (*take)(void* arg, const loaded_plugin* p), void* arg);
/* unloadPlugin, then the file is closed and p's strings freed. */
void plugin_unload(loaded_plugin* p);

/* One entry point of a daemon's plugin function table, by its offset. */
typedef struct {
  const char* name;
  size_t off;
} plugin_entry;
#define PLUGIN_ENTRY(T, m) {#m, offsetof(T, m)}

/* Like bpluginfo -v: p's information, then whether each entry point of its
 * function table fns (which starts with size and version) is set. */
void plugin_info(FILE* out, const char* type_text, const loaded_plugin* p, const void* fns,
                 const plugin_entry* entries, size_t n);

#endif
