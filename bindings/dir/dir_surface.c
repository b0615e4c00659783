/* The director's surface (common/surface.h): bareosdir's constants with
 * the names of Python's bareosdir, and its variables. */
#include "../common/surface.h"
#include "dir_abi.h"

/* The variables GetValue() reads and SetValue() sets, with their kinds. */
#define READ_VARS(X) \
  X(bDirVarJob, VAR_STR)           X(bDirVarLevel, VAR_INT)         X(bDirVarType, VAR_INT) \
  X(bDirVarJobId, VAR_INT)         X(bDirVarClient, VAR_STR)        X(bDirVarNumVols, VAR_INT) \
  X(bDirVarPool, VAR_STR)          X(bDirVarStorage, VAR_STR)       X(bDirVarWriteStorage, VAR_STR) \
  X(bDirVarReadStorage, VAR_STR)   X(bDirVarCatalog, VAR_STR)       X(bDirVarMediaType, VAR_STR) \
  X(bDirVarJobName, VAR_STR)       X(bDirVarJobStatus, VAR_INT)     X(bDirVarPriority, VAR_INT) \
  X(bDirVarVolumeName, VAR_STR)    X(bDirVarCatalogRes, VAR_NONE)   X(bDirVarJobErrors, VAR_INT) \
  X(bDirVarJobFiles, VAR_INT)      X(bDirVarSDJobFiles, VAR_INT)    X(bDirVarSDErrors, VAR_INT) \
  X(bDirVarFDJobStatus, VAR_INT)   X(bDirVarSDJobStatus, VAR_INT)   X(bDirVarPluginDir, VAR_STR) \
  X(bDirVarLastRate, VAR_INT)      X(bDirVarJobBytes, VAR_U64)      X(bDirVarReadBytes, VAR_U64)
#define WRITE_VARS(X) \
  X(bwDirVarJobReport, VAR_STR)   X(bwDirVarVolumeName, VAR_STR) \
  X(bwDirVarPriority, VAR_INT)    X(bwDirVarJobLevel, VAR_INT)

static const ConstEntry read_vars[] = {READ_VARS(VAR_CONST)};
static const VarKind read_kinds[] = {READ_VARS(VAR_KIND)};
static const ConstEntry write_vars[] = {WRITE_VARS(VAR_CONST)};
static const VarKind write_kinds[] = {WRITE_VARS(VAR_KIND)};

static const ConstEntry events[] = {
    CONST_INT(bDirEventJobStart),     CONST_INT(bDirEventJobEnd),
    CONST_INT(bDirEventJobInit),      CONST_INT(bDirEventJobRun),
    CONST_INT(bDirEventVolumePurged), CONST_INT(bDirEventNewVolume),
    CONST_INT(bDirEventNeedVolume),   CONST_INT(bDirEventVolumeFull),
    CONST_INT(bDirEventRecyle),       CONST_INT(bDirEventGetScratch),
    CONST_INT(bDirEventNewPluginOptions),
};

static const ConstGroup groups[] = {
    BAREOS_COMMON_GROUPS,
    CONST_GROUP("bDirVariable", read_vars,
                "Variables for GetValue()."),
    CONST_GROUP("bwDirVariable", write_vars,
                "Variables for SetValue()."),
    CONST_GROUP("bDirEventType", events,
                "Events for RegisterEvents() and handle_plugin_event()."),
};

const DaemonSurface dir_surface = {
    .daemon = "dir",
    .consts = CONST_GROUPS(groups),
    SURFACE_VARIABLES(read_vars, read_kinds, write_kinds),
};
