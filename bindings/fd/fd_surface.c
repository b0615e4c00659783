/* The file daemon's surface (common/surface.h): the constants of bareosfd,
 * group by group, with the names and values of Python's bareosfd, its
 * variables and the entry points it calls. */
#include "../common/surface.h"
#include "fd_abi.h"

#define N(name, value) {#name, value, NULL}
#define L(name, ch) {#name, 0, ch}

/* The variables, with the kind GetValue() reads each as. */
#define VARIABLES(X) \
  X(bVarJobId, VAR_INT)          X(bVarFDName, VAR_STR) \
  X(bVarLevel, VAR_INT)          X(bVarType, VAR_INT) \
  X(bVarClient, VAR_STR)         X(bVarJobName, VAR_STR) \
  X(bVarJobStatus, VAR_INT)      X(bVarSinceTime, VAR_LOCAL) \
  X(bVarAccurate, VAR_INT)       X(bVarFileSeen, VAR_NONE) \
  X(bVarVssClient, VAR_NONE)     X(bVarWorkingDir, VAR_STR) \
  X(bVarWhere, VAR_STR)          X(bVarRegexWhere, VAR_STR) \
  X(bVarExePath, VAR_STR)        X(bVarVersion, VAR_STR) \
  X(bVarDistName, VAR_NONE)      X(bVarPrevJobName, VAR_STR) \
  X(bVarPrefixLinks, VAR_INT)    X(bVarCheckChanges, VAR_BOOL) \
  X(bVarUsedConfig, VAR_STR)     X(bVarPluginPath, VAR_STR)

static const ConstEntry variables[] = {VARIABLES(VAR_CONST)};
static const VarKind read_kinds[] = {VARIABLES(VAR_KIND)};

static const ConstEntry file_types[] = {
    CONST_INT(FT_LNKSAVED),  CONST_INT(FT_REGE),     CONST_INT(FT_REG),
    CONST_INT(FT_LNK),       CONST_INT(FT_DIREND),   CONST_INT(FT_SPEC),
    CONST_INT(FT_NOACCESS),  CONST_INT(FT_NOFOLLOW), CONST_INT(FT_NOSTAT),
    CONST_INT(FT_NOCHG),     CONST_INT(FT_DIRNOCHG), CONST_INT(FT_ISARCH),
    CONST_INT(FT_NORECURSE), CONST_INT(FT_NOFSCHG),  CONST_INT(FT_NOOPEN),
    CONST_INT(FT_RAW),       CONST_INT(FT_FIFO),     CONST_INT(FT_DIRBEGIN),
    CONST_INT(FT_INVALIDFS), CONST_INT(FT_INVALIDDT), CONST_INT(FT_REPARSE),
    CONST_INT(FT_PLUGIN),    CONST_INT(FT_DELETED),  CONST_INT(FT_BASE),
    CONST_INT(FT_RESTORE_FIRST), CONST_INT(FT_JUNCTION),
    CONST_INT(FT_PLUGIN_CONFIG), CONST_INT(FT_PLUGIN_CONFIG_FILLED),
};

static const ConstEntry create_statuses[] = {
    CONST_INT(CF_SKIP), CONST_INT(CF_ERROR), CONST_INT(CF_EXTRACT),
    CONST_INT(CF_CREATED), CONST_INT(CF_CORE),
};

static const ConstEntry events[] = {
    CONST_INT(bEventJobStart),            CONST_INT(bEventJobEnd),
    CONST_INT(bEventStartBackupJob),      CONST_INT(bEventEndBackupJob),
    CONST_INT(bEventStartRestoreJob),     CONST_INT(bEventEndRestoreJob),
    CONST_INT(bEventStartVerifyJob),      CONST_INT(bEventEndVerifyJob),
    CONST_INT(bEventBackupCommand),       CONST_INT(bEventRestoreCommand),
    CONST_INT(bEventEstimateCommand),     CONST_INT(bEventLevel),
    CONST_INT(bEventSince),               CONST_INT(bEventCancelCommand),
    CONST_INT(bEventRestoreObject),       CONST_INT(bEventEndFileSet),
    CONST_INT(bEventPluginCommand),       CONST_INT(bEventOptionPlugin),
    CONST_INT(bEventHandleBackupFile),    CONST_INT(bEventNewPluginOptions),
    CONST_INT(bEventVssInitializeForBackup),
    CONST_INT(bEventVssInitializeForRestore),
    CONST_INT(bEventVssSetBackupState),   CONST_INT(bEventVssPrepareForBackup),
    CONST_INT(bEventVssBackupAddComponents),
    CONST_INT(bEventVssPrepareSnapshot),  CONST_INT(bEventVssCreateSnapshots),
    CONST_INT(bEventVssRestoreLoadComponentMetadata),
    CONST_INT(bEventVssRestoreSetComponentsSelected),
    CONST_INT(bEventVssCloseRestore),     CONST_INT(bEventVssBackupComplete),
};

static const ConstEntry io_functions[] = {
    CONST_INT(IO_OPEN), CONST_INT(IO_READ), CONST_INT(IO_WRITE),
    CONST_INT(IO_CLOSE), CONST_INT(IO_SEEK),
};

static const ConstEntry io_statuses[] = {
    N(iostat_error, IOSTAT_ERROR),
    N(iostat_do_in_plugin, IOSTAT_DO_IN_PLUGIN),
    N(iostat_do_in_core, IOSTAT_DO_IN_CORE),
};

static const ConstEntry levels[] = {
    L(L_FULL, "F"),           L(L_INCREMENTAL, "I"),
    L(L_DIFFERENTIAL, "D"),   L(L_SINCE, "S"),
    L(L_VERIFY_CATALOG, "C"), L(L_VERIFY_INIT, "V"),
    L(L_VERIFY_VOLUME_TO_CATALOG, "O"),
    L(L_VERIFY_DISK_TO_CATALOG, "d"),
    L(L_VERIFY_DATA, "A"),    L(L_BASE, "B"),
    L(L_NONE, " "),           L(L_VIRTUAL_FULL, "f"),
};

static const ConstGroup groups[] = {
    BAREOS_COMMON_GROUPS,
    CONST_GROUP("bVariable", variables,
                "Daemon variables for GetValue() / SetValue()."),
    CONST_GROUP("bFileType", file_types,
                "File types of SavePacket.type and RestorePacket.type."),
    CONST_GROUP("bCFs", create_statuses,
                "What create_file() tells the core to do (RestorePacket.create_status)."),
    CONST_GROUP("bEventType", events,
                "Events for RegisterEvents() and handle_plugin_event()."),
    CONST_GROUP("bIOPS", io_functions,
                "IoPacket.func: which I/O operation plugin_io() performs."),
    CONST_GROUP("bIOPstatus", io_statuses,
                "IoPacket.status on IO_OPEN: who does the I/O."),
    CONST_GROUP("bLevels", levels,
                "Job levels as one-letter strings."),
};

/* The plugin keeps bVarSinceTime itself (fd_plugin.c). */
static const VarKind write_kinds[] = {
    [bVarSinceTime] = VAR_LOCAL,
    [bVarCheckChanges] = VAR_BOOL,
    [bVarFileSeen] = VAR_STR,
};

/* What fd_files.c and restore_object call beside the shared ones. */
static const char* const entry_points[] = {
    "start_backup_file", "end_backup_file", "start_restore_file", "end_restore_file",
    "restore_object_data", "plugin_io", "create_file", "set_file_attributes", "check_file",
    "get_acl", "set_acl", "get_xattr", "set_xattr", "handle_backup_file", NULL};

const DaemonSurface fd_surface = {
    .daemon = "fd",
    .consts = CONST_GROUPS(groups),
    SURFACE_VARIABLES(variables, read_kinds, write_kinds),
    .entry_points = entry_points,
};
