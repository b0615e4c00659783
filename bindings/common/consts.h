/* Module constants declared as tables: every constant is exported by name
 * and also collected in its group's dictionary (bRCs, bEventType, ...),
 * keyed by name like the Python modules' dictionaries. */
#ifndef CONSTS_H
#define CONSTS_H

#include <stddef.h>
#include <stdint.h>

#include "quickjs.h"

typedef struct ConstEntry {
  const char* name;
  int32_t value;
  const char* text; /* string constants (bLevels), else NULL */
} ConstEntry;

typedef struct ConstGroup {
  const char* dict; /* dictionary export name */
  const ConstEntry* entries;
  size_t count;
  const char* doc; /* what the group is, for its typings */
} ConstGroup;

/* A module's groups, as one object that tables can point at. */
typedef struct ConstGroups {
  const ConstGroup* groups;
  size_t count;
} ConstGroups;

#define CONST_INT(name) {#name, name, NULL}
#define CONST_GROUP(dict, table, doc) {dict, table, sizeof(table) / sizeof((table)[0]), doc}
#define CONST_GROUPS(table) {table, sizeof(table) / sizeof((table)[0])}

/* Shared by every daemon's module: bRCs and bJobMessageType. */
#define BAREOS_RC_COUNT 9
#define BAREOS_MESSAGE_TYPE_COUNT 18
extern const ConstEntry bareos_rcs[BAREOS_RC_COUNT];
extern const ConstEntry bareos_message_types[BAREOS_MESSAGE_TYPE_COUNT];
/* ... as the groups every daemon's module starts with. */
#define BAREOS_COMMON_GROUPS                                                  \
  CONST_GROUP("bRCs", bareos_rcs, "Return codes of every entry point and most functions."), \
  CONST_GROUP("bJobMessageType", bareos_message_types, "Job message types for JobMessage().")

/* Declares the exports (module creation) and sets them (module init). */
int consts_declare(JSContext* ctx, JSModuleDef* m, const ConstGroups* groups);
int consts_define(JSContext* ctx, JSModuleDef* m, const ConstGroups* groups);

#endif
