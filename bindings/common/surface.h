/* What a daemon's scripts see and provide by name: its module's constants,
 * the kind of value each variable has and the entry points the daemon
 * calls.  One table per daemon (fd/fd_surface.c, ...): the plugin reads it,
 * and at build time bindings/typings.c prints the kit's typings of it, so
 * the C side and the TypeScript side cannot drift apart. */
#ifndef SURFACE_H
#define SURFACE_H

#include "consts.h"

/* How GetValue/SetValue pass a variable: VAR_LOCAL ones the plugin keeps
 * itself (DaemonDesc.get_local/set_local), never the core. */
typedef enum { VAR_NONE, VAR_INT, VAR_U64, VAR_BOOL, VAR_STR, VAR_LOCAL } VarKind;

typedef struct DaemonSurface {
  const char* daemon; /* "fd", "sd", "dir": names its typings */
  ConstGroups consts; /* BAREOS_COMMON_GROUPS first */
  /* The variables GetValue reads, by name; kinds by variable number. */
  const ConstEntry* read_vars;
  size_t read_var_count;
  const VarKind* read_kinds;
  int read_count;
  const VarKind* write_kinds;
  int write_count;
  /* The entry points the daemon calls beside daemon_entry_points,
   * NULL-terminated. */
  const char* const* entry_points;
} DaemonSurface;

/* The entry points every daemon calls, NULL-terminated. */
extern const char* const daemon_entry_points[];

/* Each .so links its own daemon's; the typings generator all three. */
extern const DaemonSurface fd_surface, sd_surface, dir_surface;

/* A variable table is written once, as rows X(name, kind) of a list
 * macro, and gives both the constants (VAR_CONST) and the kinds by
 * variable number (VAR_KIND). */
#define VAR_CONST(name, kind) CONST_INT(name),
#define VAR_KIND(name, kind) [name] = (kind),

#define SURFACE_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SURFACE_VARIABLES(names, read, write)                                                \
  .read_vars = (names), .read_var_count = SURFACE_COUNT(names), .read_kinds = (read),           \
  .read_count = SURFACE_COUNT(read), .write_kinds = (write), .write_count = SURFACE_COUNT(write)

#endif
