/* What bareosfd has beyond the functions every daemon module shares
 * (common/daemon_module.c): the FileSet and accurate calls, the packet
 * classes and the constants. */
#ifndef FD_MODULE_H
#define FD_MODULE_H

#include "../common/consts.h"
#include "../common/daemon.h"

extern const DaemonModule fd_module;
extern const ConstGroups fd_consts;

#endif
