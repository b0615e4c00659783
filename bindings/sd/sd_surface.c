/* The storage daemon's surface (common/surface.h): bareossd's constants
 * with the names of Python's bareossd, and its variables. */
#include "../common/surface.h"
#include "sd_abi.h"

/* The variables GetValue() reads and SetValue() sets, with their kinds. */
#define READ_VARS(X) \
  X(bsdVarJob, VAR_STR)         X(bsdVarLevel, VAR_INT)       X(bsdVarType, VAR_INT) \
  X(bsdVarJobId, VAR_INT)       X(bsdVarClient, VAR_STR)      X(bsdVarPool, VAR_STR) \
  X(bsdVarPoolType, VAR_STR)    X(bsdVarStorage, VAR_STR)     X(bsdVarMediaType, VAR_STR) \
  X(bsdVarJobName, VAR_STR)     X(bsdVarJobStatus, VAR_INT)   X(bsdVarVolumeName, VAR_STR) \
  X(bsdVarJobErrors, VAR_INT)   X(bsdVarJobFiles, VAR_INT)    X(bsdVarJobBytes, VAR_U64) \
  X(bsdVarPluginDir, VAR_STR)
#define WRITE_VARS(X) \
  X(bsdwVarJobReport, VAR_STR)   X(bsdwVarVolumeName, VAR_STR) \
  X(bsdwVarPriority, VAR_INT)    X(bsdwVarJobLevel, VAR_INT)

static const ConstEntry read_vars[] = {READ_VARS(VAR_CONST)};
static const VarKind read_kinds[] = {READ_VARS(VAR_KIND)};
static const ConstEntry write_vars[] = {WRITE_VARS(VAR_CONST)};
static const VarKind write_kinds[] = {WRITE_VARS(VAR_KIND)};

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
