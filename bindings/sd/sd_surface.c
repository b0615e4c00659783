/* The storage daemon's surface (common/surface.h): bareossd's constants
 * with the names of Python's bareossd, and its variables. */
#include "../common/surface.h"
#include "sd_abi.h"

static const VarKind read_kinds[] = {
    [bsdVarJob] = VAR_STR,        [bsdVarLevel] = VAR_INT,     [bsdVarType] = VAR_INT,
    [bsdVarJobId] = VAR_INT,      [bsdVarClient] = VAR_STR,    [bsdVarPool] = VAR_STR,
    [bsdVarPoolType] = VAR_STR,   [bsdVarStorage] = VAR_STR,   [bsdVarMediaType] = VAR_STR,
    [bsdVarJobName] = VAR_STR,    [bsdVarJobStatus] = VAR_INT, [bsdVarVolumeName] = VAR_STR,
    [bsdVarJobErrors] = VAR_INT,  [bsdVarJobFiles] = VAR_INT,  [bsdVarJobBytes] = VAR_U64,
    [bsdVarPluginDir] = VAR_STR,
};

static const VarKind write_kinds[] = {
    [bsdwVarJobReport] = VAR_STR, [bsdwVarVolumeName] = VAR_STR,
    [bsdwVarPriority] = VAR_INT,  [bsdwVarJobLevel] = VAR_INT,
};

static const ConstEntry read_vars[] = {
    CONST_INT(bsdVarJob),       CONST_INT(bsdVarLevel),      CONST_INT(bsdVarType),
    CONST_INT(bsdVarJobId),     CONST_INT(bsdVarClient),     CONST_INT(bsdVarPool),
    CONST_INT(bsdVarPoolType),  CONST_INT(bsdVarStorage),    CONST_INT(bsdVarMediaType),
    CONST_INT(bsdVarJobName),   CONST_INT(bsdVarJobStatus),  CONST_INT(bsdVarVolumeName),
    CONST_INT(bsdVarJobErrors), CONST_INT(bsdVarJobFiles),   CONST_INT(bsdVarJobBytes),
    CONST_INT(bsdVarPluginDir),
};

static const ConstEntry write_vars[] = {
    CONST_INT(bsdwVarJobReport), CONST_INT(bsdwVarVolumeName),
    CONST_INT(bsdwVarPriority),  CONST_INT(bsdwVarJobLevel),
};

/* Python names them bsdEvent..., the C header bSdEvent... */
#define EV(name) {"bsdEvent" #name, bSdEvent##name, NULL}
static const ConstEntry events[] = {
    EV(JobStart),       EV(JobEnd),        EV(DeviceInit),
    EV(DeviceMount),    EV(VolumeLoad),    EV(DeviceReserve),
    EV(DeviceOpen),     EV(LabelRead),     EV(LabelVerified),
    EV(LabelWrite),     EV(DeviceClose),   EV(VolumeUnload),
    EV(DeviceUnmount),  EV(ReadError),     EV(WriteError),
    EV(DriveStatus),    EV(VolumeStatus),  EV(SetupRecordTranslation),
    EV(ReadRecordTranslation), EV(WriteRecordTranslation),
    EV(DeviceRelease),  EV(NewPluginOptions), EV(ChangerLock),
    EV(ChangerUnlock),
};

static const ConstGroup groups[] = {
    BAREOS_COMMON_GROUPS,
    CONST_GROUP("bsdVariable", read_vars,
                "Variables for GetValue()."),
    CONST_GROUP("bsdwVariable", write_vars,
                "Variables for SetValue()."),
    CONST_GROUP("bsdEventType", events,
                "Events for RegisterEvents() and handle_plugin_event()."),
};

const DaemonSurface sd_surface = {
    .daemon = "sd",
    .consts = CONST_GROUPS(groups),
    SURFACE_VARIABLES(read_vars, read_kinds, write_kinds),
};
