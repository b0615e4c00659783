/* The director's surface (common/surface.h): bareosdir's constants with
 * the names of Python's bareosdir, and its variables. */
#include "../common/surface.h"
#include "dir_abi.h"

static const VarKind read_kinds[] = {
    [bDirVarJob] = VAR_STR,          [bDirVarLevel] = VAR_INT,
    [bDirVarType] = VAR_INT,         [bDirVarJobId] = VAR_INT,
    [bDirVarClient] = VAR_STR,       [bDirVarNumVols] = VAR_INT,
    [bDirVarPool] = VAR_STR,         [bDirVarStorage] = VAR_STR,
    [bDirVarWriteStorage] = VAR_STR, [bDirVarReadStorage] = VAR_STR,
    [bDirVarCatalog] = VAR_STR,      [bDirVarMediaType] = VAR_STR,
    [bDirVarJobName] = VAR_STR,      [bDirVarJobStatus] = VAR_INT,
    [bDirVarPriority] = VAR_INT,     [bDirVarVolumeName] = VAR_STR,
    [bDirVarCatalogRes] = VAR_NONE,  [bDirVarJobErrors] = VAR_INT,
    [bDirVarJobFiles] = VAR_INT,     [bDirVarSDJobFiles] = VAR_INT,
    [bDirVarSDErrors] = VAR_INT,     [bDirVarFDJobStatus] = VAR_INT,
    [bDirVarSDJobStatus] = VAR_INT,  [bDirVarPluginDir] = VAR_STR,
    [bDirVarLastRate] = VAR_INT,     [bDirVarJobBytes] = VAR_U64,
    [bDirVarReadBytes] = VAR_U64,
};

static const VarKind write_kinds[] = {
    [bwDirVarJobReport] = VAR_STR, [bwDirVarVolumeName] = VAR_STR,
    [bwDirVarPriority] = VAR_INT,  [bwDirVarJobLevel] = VAR_INT,
};

static const ConstEntry read_vars[] = {
    CONST_INT(bDirVarJob),          CONST_INT(bDirVarLevel),       CONST_INT(bDirVarType),
    CONST_INT(bDirVarJobId),        CONST_INT(bDirVarClient),      CONST_INT(bDirVarNumVols),
    CONST_INT(bDirVarPool),         CONST_INT(bDirVarStorage),     CONST_INT(bDirVarWriteStorage),
    CONST_INT(bDirVarReadStorage),  CONST_INT(bDirVarCatalog),     CONST_INT(bDirVarMediaType),
    CONST_INT(bDirVarJobName),      CONST_INT(bDirVarJobStatus),   CONST_INT(bDirVarPriority),
    CONST_INT(bDirVarVolumeName),   CONST_INT(bDirVarCatalogRes),  CONST_INT(bDirVarJobErrors),
    CONST_INT(bDirVarJobFiles),     CONST_INT(bDirVarSDJobFiles),  CONST_INT(bDirVarSDErrors),
    CONST_INT(bDirVarFDJobStatus),  CONST_INT(bDirVarSDJobStatus), CONST_INT(bDirVarPluginDir),
    CONST_INT(bDirVarLastRate),     CONST_INT(bDirVarJobBytes),    CONST_INT(bDirVarReadBytes),
};

static const ConstEntry write_vars[] = {
    CONST_INT(bwDirVarJobReport), CONST_INT(bwDirVarVolumeName),
    CONST_INT(bwDirVarPriority),  CONST_INT(bwDirVarJobLevel),
};

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
