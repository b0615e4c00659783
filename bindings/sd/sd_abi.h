/* The storage daemon's plugin interface (version 4, Bareos 25.x, LP64). */
#ifndef SD_ABI_H
#define SD_ABI_H

#include "../common/bareos_abi.h"

#define SD_PLUGIN_MAGIC "*SDPluginData*"
#define SD_PLUGIN_INTERFACE_VERSION 4
#define SD_NR_EVENTS 24

typedef enum {
  bsdVarJob = 1, bsdVarLevel, bsdVarType, bsdVarJobId, bsdVarClient, bsdVarPool,
  bsdVarPoolType, bsdVarStorage, bsdVarMediaType, bsdVarJobName, bsdVarJobStatus,
  bsdVarVolumeName, bsdVarJobErrors, bsdVarJobFiles, bsdVarJobBytes, bsdVarPluginDir
} bsdrVariable;

typedef enum {
  bsdwVarJobReport = 1, bsdwVarVolumeName, bsdwVarPriority, bsdwVarJobLevel
} bsdwVariable;

typedef enum {
  bSdEventJobStart = 1, bSdEventJobEnd, bSdEventDeviceInit, bSdEventDeviceMount,
  bSdEventVolumeLoad, bSdEventDeviceReserve, bSdEventDeviceOpen, bSdEventLabelRead,
  bSdEventLabelVerified, bSdEventLabelWrite, bSdEventDeviceClose,
  bSdEventVolumeUnload, bSdEventDeviceUnmount, bSdEventReadError,
  bSdEventWriteError, bSdEventDriveStatus, bSdEventVolumeStatus,
  bSdEventSetupRecordTranslation, bSdEventReadRecordTranslation,
  bSdEventWriteRecordTranslation, bSdEventDeviceRelease,
  bSdEventNewPluginOptions, bSdEventChangerLock, bSdEventChangerUnlock
} bSdEventType;

/* The device and record helpers take C++ objects the plugin never sees;
 * they are declared with opaque pointers only to keep the layout. */
typedef struct SdCoreFunctions {
  BAREOS_CORE_FUNCTIONS_HEAD(bsdrVariable, bsdwVariable, void*);
  char* (*EditDeviceCodes)(void* dcr, void* omsg, const char* imsg, const char* cmd);
  char* (*LookupCryptoKey)(const char* volume_name);
  bool (*UpdateVolumeInfo)(void* dcr);
  void (*UpdateTapeAlert)(void* dcr, uint64_t flags);
  void* (*new_record)(bool with_data);
  void (*CopyRecordState)(void* dst, void* src);
  void (*FreeRecord)(void* rec);
} SdCoreFunctions;

typedef BareosPluginFunctions SdPluginFunctions;

_Static_assert(sizeof(SdCoreFunctions) == 120, "SD CoreFunctions");
_Static_assert(offsetof(SdCoreFunctions, getBareosValue) == 32, "SD getBareosValue");
_Static_assert(offsetof(SdCoreFunctions, DebugMessage) == 56, "SD DebugMessage");
_Static_assert(offsetof(SdCoreFunctions, EditDeviceCodes) == 64, "SD EditDeviceCodes");
_Static_assert(offsetof(SdCoreFunctions, FreeRecord) == 112, "SD FreeRecord");
_Static_assert(sizeof(bsdrVariable) == sizeof(int) && sizeof(bsdwVariable) == sizeof(int),
               "SD variables are int-sized");

#endif
