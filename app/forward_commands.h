/* SPDX-License-Identifier: BSD-3-Clause */
/* The host's forwarding commands: port start, forward, forward stop|status. */
#ifndef HOTPLUG_MP_FORWARD_COMMANDS_H
#define HOTPLUG_MP_FORWARD_COMMANDS_H

#include "command_table.h"

namespace hotplug_mp::host {

extern Instruction<4> cmd_port_start;
extern Instruction<3> cmd_forward;
extern Instruction<3> cmd_forward_ctl;

} // namespace hotplug_mp::host

#endif
