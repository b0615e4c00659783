/* The job reports: the messages a job collected, as text and as JSON, and
 * the JSON file the tests read. */
#ifndef SIM_LIB_REPORT_H
#define SIM_LIB_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/util.h"

typedef struct sim_msg {
  int type; /* M_* for job messages, the level for debug messages */
  char* text;
} sim_msg;

/* Appends a message; text is owned by the list from then on. */
void msgs_add(vec* msgs, int type, char* text);
void msgs_free(vec* msgs);
/* "  [M_TYPE] text" lines. */
void msgs_text(FILE* out, const vec* msgs);
/* ,"key":[...] with each message's type name and number, or with levels
 * its debug level. */
void msgs_json(FILE* out, const char* key, const vec* msgs, bool levels);

/* str as a JSON string.  File names are bytes: one that is not part of
 * valid UTF-8 becomes the lone surrogate U+DC00+byte (surrogateescape), so
 * the tests get every name back losslessly. */
void json_str(FILE* out, const char* str);

/* Writes path as {"jobs":[job 0,\n job 1, ...] then what rest writes}, each
 * job written by job(out, i, arg).  -1, said on stderr, if it cannot. */
int report_write(const char* path, size_t n, void (*job)(FILE* out, size_t i, const void* arg),
                 void (*rest)(FILE* out, const void* arg), const void* arg);

#endif
