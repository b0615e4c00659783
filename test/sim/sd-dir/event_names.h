/* The names of the storage daemon's and the director's events, indexed by
 * event number: for the simulator's messages and its test plugins' logs. */
#ifndef SDDIR_EVENT_NAMES_H
#define SDDIR_EVENT_NAMES_H

#include "dir/dir_abi.h"
#include "sd/sd_abi.h"

static const char* const sd_event_names[] = {
    NULL,           "JobStart",      "JobEnd",          "DeviceInit",
    "DeviceMount",  "VolumeLoad",    "DeviceReserve",   "DeviceOpen",
    "LabelRead",    "LabelVerified", "LabelWrite",      "DeviceClose",
    "VolumeUnload", "DeviceUnmount", "ReadError",       "WriteError",
    "DriveStatus",  "VolumeStatus",  "SetupRecordTranslation", "ReadRecordTranslation",
    "WriteRecordTranslation",        "DeviceRelease",   "NewPluginOptions",
    "ChangerLock",  "ChangerUnlock"};
_Static_assert(sizeof sd_event_names / sizeof *sd_event_names == SD_NR_EVENTS + 1,
               "SD event names");

static const char* const dir_event_names[] = {
    NULL,          "JobStart",   "JobEnd",     "JobInit",   "JobRun",
    "VolumePurged", "NewVolume", "NeedVolume", "VolumeFull", "Recyle",
    "GetScratch",  "NewPluginOptions"};
_Static_assert(sizeof dir_event_names / sizeof *dir_event_names == DIR_NR_EVENTS + 1,
               "DIR event names");

#endif
