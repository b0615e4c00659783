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
  uint32_t size;
  uint32_t version;
  bRC (*registerBareosEvents)(PluginContext* ctx, int nr_events, ...);
  bRC (*unregisterBareosEvents)(PluginContext* ctx, int nr_events, ...);
  bRC (*getInstanceCount)(PluginContext* ctx, int* ret);
  bRC (*getBareosValue)(PluginContext* ctx, brDirVariable var, void* value);
  bRC (*setBareosValue)(PluginContext* ctx, bwDirVariable var, void* value);
  bRC (*JobMessage)(PluginContext* ctx, const char* file, int line, int type,
                    utime_t mtime, const char* fmt, ...)
      __attribute__((format(printf, 6, 7)));
  bRC (*DebugMessage)(PluginContext* ctx, const char* file, int line,
                      int level, const char* fmt, ...)
      __attribute__((format(printf, 5, 6)));
} DirCoreFunctions;

typedef struct DirPluginFunctions {
  uint32_t size;
  uint32_t version;
  bRC (*newPlugin)(PluginContext* ctx);
  bRC (*freePlugin)(PluginContext* ctx);
  bRC (*getPluginValue)(PluginContext* ctx, pVariable var, void* value);
  bRC (*setPluginValue)(PluginContext* ctx, pVariable var, void* value);
  bRC (*handlePluginEvent)(PluginContext* ctx, bEvent* event, void* value);
} DirPluginFunctions;

_Static_assert(sizeof(DirCoreFunctions) == 64, "DIR CoreFunctions");
_Static_assert(offsetof(DirCoreFunctions, DebugMessage) == 56, "DIR DebugMessage");
_Static_assert(sizeof(DirPluginFunctions) == 48, "DIR PluginFunctions");
_Static_assert(offsetof(DirPluginFunctions, handlePluginEvent) == 40, "DIR handlePluginEvent");

#endif
