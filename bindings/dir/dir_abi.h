/* The director's plugin interface (version 4, Bareos 25.x, LP64). */
#ifndef DIR_ABI_H
#define DIR_ABI_H

#include "../common/bareos_abi.h"

#define DIR_PLUGIN_MAGIC "*DirPluginData*"
#define DIR_PLUGIN_INTERFACE_VERSION 4
#define DIR_NR_EVENTS 11

typedef enum {
  bDirVarJob = 1, bDirVarLevel, bDirVarType, bDirVarJobId, bDirVarClient,
  bDirVarNumVols, bDirVarPool, bDirVarStorage, bDirVarWriteStorage,
  bDirVarReadStorage, bDirVarCatalog, bDirVarMediaType, bDirVarJobName,
  bDirVarJobStatus, bDirVarPriority, bDirVarVolumeName, bDirVarCatalogRes,
  bDirVarJobErrors, bDirVarJobFiles, bDirVarSDJobFiles, bDirVarSDErrors,
  bDirVarFDJobStatus, bDirVarSDJobStatus, bDirVarPluginDir, bDirVarLastRate,
  bDirVarJobBytes, bDirVarReadBytes
} brDirVariable;

typedef enum {
  bwDirVarJobReport = 1, bwDirVarVolumeName, bwDirVarPriority, bwDirVarJobLevel
} bwDirVariable;

typedef enum {
  bDirEventJobStart = 1, bDirEventJobEnd, bDirEventJobInit, bDirEventJobRun,
  bDirEventVolumePurged, bDirEventNewVolume, bDirEventNeedVolume,
  bDirEventVolumeFull, bDirEventRecyle, bDirEventGetScratch,
  bDirEventNewPluginOptions
} bDirEventType;

typedef struct DirCoreFunctions {
  BAREOS_CORE_FUNCTIONS_HEAD(brDirVariable, bwDirVariable, void*);
} DirCoreFunctions;

typedef BareosPluginFunctions DirPluginFunctions;

_Static_assert(sizeof(DirCoreFunctions) == 64, "DIR CoreFunctions");
_Static_assert(offsetof(DirCoreFunctions, DebugMessage) == 56, "DIR DebugMessage");
_Static_assert(sizeof(brDirVariable) == sizeof(int) && sizeof(bwDirVariable) == sizeof(int),
               "DIR variables are int-sized");

#endif
