/* What the simulated daemons (bareos-fd-sim, bareos-sd-sim/bareos-dir-sim)
 * share: allocation that aborts on failure, growable lists, message type
 * names, JSON strings for the reports and finding and loading plugin files
 * the way every Bareos daemon does at startup. */
#ifndef SIMLIB_H
#define SIMLIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/bareos_abi.h"

/* ---- util.c ---- */
extern const char* prog_name; /* for messages on stderr */

typedef struct {
  char** v;
  size_t n, cap;
} strlist;

typedef struct {
  void* v;
  size_t n, cap;
} vec;
#define VEC(x, T) ((T*)(x).v)

void* xmalloc(size_t n);
void* xcalloc(size_t n, size_t size);
void* xrealloc(void* p, size_t n);
char* xstrdup(const char* s);
char* xstrndup(const char* s, size_t n);
char* xasprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
char* xvasprintf(const char* fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void* vec_push(vec* v, size_t elsize);
void strlist_add(strlist* l, char* owned);
/* Adds the comma-separated names in s. */
void strlist_add_names(strlist* l, const char* s);
void strlist_free(strlist* l);
/* A plugin string given on the command line, or with "@FILE" the bytes of
 * FILE without its last newline: plugin strings that are not UTF-8 cannot
 * come through the arguments of a test written in JavaScript. */
char* plugin_string_arg(const char* arg);
const char* msg_type_name(int type);
/* CLOCK_MONOTONIC in nanoseconds, for the timings make bench reads. */
uint64_t now_ns(void);

/* ---- json.c ---- */
/* str as a JSON string.  File names are bytes: one that is not part of
 * valid UTF-8 becomes the lone surrogate U+DC00+byte (surrogateescape), so
 * the tests get every name back losslessly. */
void json_str(FILE* out, const char* str);

/* ---- plugins.c ---- */
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

#endif
