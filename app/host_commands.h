/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's own commands (forwarding, help, quit), in one table that
 * registers through testpmd's driver-command ABI, as a module's does.
 */
#ifndef HOTPLUG_MP_HOST_COMMANDS_H
#define HOTPLUG_MP_HOST_COMMANDS_H

namespace hotplug_mp::host {

/* Adds the host's table after those of the modules loaded so far. */
void register_host_commands();

/* Set by "quit"; the prompt and a script stop at it. */
bool quit_requested();

} // namespace hotplug_mp::host

#endif
