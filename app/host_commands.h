/* SPDX-License-Identifier: BSD-3-Clause */
/* The host's own commands: help, quit, forwarding and bench. */
#ifndef HOTPLUG_MP_HOST_COMMANDS_H
#define HOTPLUG_MP_HOST_COMMANDS_H

#include <vector>

#include <cmdline_parse.h>

namespace hotplug_mp::host {

std::vector<cmdline_parse_inst_t *> own_commands();

/* Set by "quit"; a script stops at it too. */
bool quit_requested();

} // namespace hotplug_mp::host

#endif
