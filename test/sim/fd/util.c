/* Names and paths of the file daemon's own. */
#include <string.h>

#include "sim.h"

/* Bareos prefixes "where" to the backed-up name with exactly one slash. */
char* path_join(const char* where, const char* name) {
  if (!where || !*where) return xstrdup(name);
  size_t wl = strlen(where);
  while (wl > 1 && where[wl - 1] == '/') wl--;
  return xasprintf("%.*s%s%s", (int)wl, where, name[0] == '/' ? "" : "/", name);
}

const char* const job_kind_names[] = {
    [JOB_BACKUP] = "backup", [JOB_ESTIMATE] = "estimate", [JOB_RESTORE] = "restore",
    [JOB_NATIVE] = "native"};

static const char* const ft_names[] = {
    NULL,         "FT_LNKSAVED",   "FT_REGE",      "FT_REG",         "FT_LNK",
    "FT_DIREND",  "FT_SPEC",       "FT_NOACCESS",  "FT_NOFOLLOW",    "FT_NOSTAT",
    "FT_NOCHG",   "FT_DIRNOCHG",   "FT_ISARCH",    "FT_NORECURSE",   "FT_NOFSCHG",
    "FT_NOOPEN",  "FT_RAW",        "FT_FIFO",      "FT_DIRBEGIN",    "FT_INVALIDFS",
    "FT_INVALIDDT", "FT_REPARSE",  "FT_PLUGIN",    "FT_DELETED",     "FT_BASE",
    "FT_RESTORE_FIRST", "FT_JUNCTION", "FT_PLUGIN_CONFIG", "FT_PLUGIN_CONFIG_FILLED"};

const char* ft_name(int type) {
  if (type > 0 && type < (int)(sizeof ft_names / sizeof *ft_names)) return ft_names[type];
  return "FT_?";
}
