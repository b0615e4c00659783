/* What every simulated daemon needs besides plugins: allocation that aborts
 * on failure, growable lists, message type names, clocks and the process's
 * own numbers. */
#ifndef SIM_LIB_UTIL_H
#define SIM_LIB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
/* A message a plugin sent, without the newlines it ends in. */
char* xvasprintf_line(const char* fmt, va_list ap) __attribute__((format(printf, 1, 0)));
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
/* s as a decimal number in min..max: false if it is not all one. */
bool parse_number(const char* s, long long min, long long max, long long* out);
/* s as one of the characters in allowed: false if it is not. */
bool parse_one_of(const char* s, const char* allowed, char* out);

/* A command-line option that takes a number: the field of the options
 * struct it goes to (of C type kind), its range, and what to say when the
 * argument is not a number in range. */
typedef enum { NUM_INT, NUM_U32, NUM_LONG, NUM_U64, NUM_TIME } num_kind;
typedef struct {
  int id;
  num_kind kind;
  size_t off;
  long long min, max;
  const char* why;
} num_option;
#define NUM_OPTION(id, kind, T, member, min, max, why) \
  {id, kind, offsetof(T, member), min, max, why}
/* If id is one of the n options of table, arg goes to its field of opts:
 * NULL if it did (or id is none of them), else the option's why. */
const char* num_option_set(const num_option* table, size_t n, int id, const char* arg,
                           void* opts);
/* CLOCK_MONOTONIC in nanoseconds, for the timings make bench reads. */
uint64_t now_ns(void);
/* Resident memory of this process in KiB, for leak checks and make bench. */
long rss_kib(void);

#endif
