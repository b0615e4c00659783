/* The file daemon's per-file entry points (fd_files.c), for its plugin
 * function table. */
#ifndef FD_FILES_H
#define FD_FILES_H

#include "fd_job.h"

bRC fd_start_backup_file(PluginContext* ctx, struct save_pkt* sp);
bRC fd_end_backup_file(PluginContext* ctx);
bRC fd_start_restore_file(PluginContext* ctx, const char* cmd);
bRC fd_end_restore_file(PluginContext* ctx);
bRC fd_plugin_io(PluginContext* ctx, struct io_pkt* io);
bRC fd_create_file(PluginContext* ctx, struct restore_pkt* rp);
bRC fd_set_file_attributes(PluginContext* ctx, struct restore_pkt* rp);
bRC fd_check_file(PluginContext* ctx, char* fname);
bRC fd_get_acl(PluginContext* ctx, struct acl_pkt* ap);
bRC fd_set_acl(PluginContext* ctx, struct acl_pkt* ap);
bRC fd_get_xattr(PluginContext* ctx, struct xattr_pkt* xp);
bRC fd_set_xattr(PluginContext* ctx, struct xattr_pkt* xp);
/* handle_backup_file for bEventHandleBackupFile (options plugins). */
bRC fd_handle_backup_file(FdJob* job, struct save_pkt* sp);

#endif
