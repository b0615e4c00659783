/* What bareosfd has beyond the functions every daemon module shares
 * (common/daemon_module.c): the FileSet and accurate calls and the packet
 * classes. */
#ifndef FD_MODULE_H
#define FD_MODULE_H

#include "../common/daemon.h"

extern const DaemonModule fd_module;

#endif
