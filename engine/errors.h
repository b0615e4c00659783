/* Script errors as job messages: the exception with its stack, positions
 * mapped back to the plugin's sources, and the cause of an out-of-memory
 * error, interrupts and timeouts said as such. */
#ifndef QJS_ERRORS_H
#define QJS_ERRORS_H

#include "runtime.h"

/* Reports the pending exception as an M_FATAL job message naming `where`
 * (M_INFO for an interrupt by job cancel). */
void qjs_host_report_exception(QjsHost* host, const char* where);

#endif
