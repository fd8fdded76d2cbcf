/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's forwarding commands (port start, forward, forward
 * stop|status), in a table of their own.
 */
#ifndef HOTPLUG_MP_FORWARD_COMMANDS_H
#define HOTPLUG_MP_FORWARD_COMMANDS_H

namespace hotplug_mp::host {

/* Adds the forwarding commands' table after those registered so far. */
void register_forward_commands();

} // namespace hotplug_mp::host

#endif
