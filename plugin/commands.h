/* SPDX-License-Identifier: BSD-3-Clause */
/* What the command module offers its host beyond the testpmd ABI. */
#ifndef HOTPLUG_MP_COMMANDS_H
#define HOTPLUG_MP_COMMANDS_H

#include "testpmd_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The module's command table, as handed to testpmd_add_driver_commands(). */
struct testpmd_driver_commands *hotplug_mp_commands(void);

#ifdef __cplusplus
}
#endif

#endif
