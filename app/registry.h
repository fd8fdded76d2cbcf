/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's side of testpmd's driver-command ABI: modules (ours built in,
 * others loaded with EAL -d) and the host itself register tables through
 * testpmd_add_driver_commands(); the host builds its prompt from them.
 */
#ifndef HOTPLUG_MP_REGISTRY_H
#define HOTPLUG_MP_REGISTRY_H

#include <string>
#include <vector>

#include <cmdline_parse.h>

namespace hotplug_mp::host {

/* NULL-terminated instruction list of every registered command. */
std::vector<cmdline_parse_inst_t *> command_context();

/* The help text of every registered command, in the same order. */
std::vector<std::string> command_help();

} // namespace hotplug_mp::host

#endif
