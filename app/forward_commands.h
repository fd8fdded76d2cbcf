/* SPDX-License-Identifier: BSD-3-Clause */
/* The host's forwarding commands: port start, forward, forward stop|status. */
#ifndef HOTPLUG_MP_FORWARD_COMMANDS_H
#define HOTPLUG_MP_FORWARD_COMMANDS_H

#include <string>
#include <vector>

#include <cmdline_parse.h>

namespace hotplug_mp::host {

std::vector<cmdline_parse_inst_t *> forward_commands();
std::string forward_help();

} // namespace hotplug_mp::host

#endif
