/* Pieces of the CoreFunctions every simulated daemon shares. */
#include <stdio.h>

#include "lib/core.h"
#include "lib/util.h"

void core_message_no_job(int type, const char* fmt, va_list ap) {
  fprintf(stderr, "%s: [%s] (no job) ", prog_name, msg_type_name(type));
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}
