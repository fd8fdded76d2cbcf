/* SPDX-License-Identifier: BSD-3-Clause */
/* The host's forwarding commands: port start, forward, forward stop|status. */
#ifndef HOTPLUG_MP_FORWARD_COMMANDS_H
#define HOTPLUG_MP_FORWARD_COMMANDS_H

#include <cmdline_parse.h>

namespace hotplug_mp::host {

extern cmdline_parse_inst_t cmd_port_start;
extern cmdline_parse_inst_t cmd_forward;
extern cmdline_parse_inst_t cmd_forward_ctl;

} // namespace hotplug_mp::host

#endif
