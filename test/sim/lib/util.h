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
/* CLOCK_MONOTONIC in nanoseconds, for the timings make bench reads. */
uint64_t now_ns(void);
/* Resident memory of this process in KiB, for leak checks and make bench. */
long rss_kib(void);

#endif
