/* What every daemon's module offers and calls with the same names: the
 * return codes, the job message types and the shared entry points. */
#include "bareos_abi.h"
#include "surface.h"

const ConstEntry bareos_rcs[BAREOS_RC_COUNT] = {
    CONST_INT(bRC_OK),   CONST_INT(bRC_Stop), CONST_INT(bRC_Error),
    CONST_INT(bRC_More), CONST_INT(bRC_Term), CONST_INT(bRC_Seen),
    CONST_INT(bRC_Core), CONST_INT(bRC_Skip), CONST_INT(bRC_Cancel),
};

const ConstEntry bareos_message_types[BAREOS_MESSAGE_TYPE_COUNT] = {
    CONST_INT(M_ABORT),    CONST_INT(M_DEBUG),      CONST_INT(M_FATAL),
    CONST_INT(M_ERROR),    CONST_INT(M_WARNING),    CONST_INT(M_INFO),
    CONST_INT(M_SAVED),    CONST_INT(M_NOTSAVED),   CONST_INT(M_SKIPPED),
    CONST_INT(M_MOUNT),    CONST_INT(M_ERROR_TERM), CONST_INT(M_TERM),
    CONST_INT(M_RESTORED), CONST_INT(M_SECURITY),   CONST_INT(M_ALERT),
    CONST_INT(M_VOLMGMT),  CONST_INT(M_AUDIT),      CONST_INT(M_CONFIG_ERROR),
};

const char* const daemon_entry_points[] = {"load_bareos_plugin", "parse_plugin_definition",
                                           "handle_plugin_event", NULL};
