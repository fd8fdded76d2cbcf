/* SPDX-License-Identifier: BSD-3-Clause */
#include "registry.h"

#include "testpmd_abi.h"

namespace {

TAILQ_HEAD(driver_commands_list, testpmd_driver_commands) driver_commands =
	TAILQ_HEAD_INITIALIZER(driver_commands);

} // namespace

/*
 * Exported from the executable (-Wl,--export-dynamic) so that modules loaded
 * with EAL -d find it, as they find testpmd's. Runs from constructors, before
 * main(): the list is statically initialised and nothing here can throw.
 */
extern "C" void
testpmd_add_driver_commands(struct testpmd_driver_commands *c)
{
	struct testpmd_driver_commands *known;

	TAILQ_FOREACH(known, &driver_commands, next)
		if (known == c)
			return;
	TAILQ_INSERT_TAIL(&driver_commands, c, next);
}

namespace hotplug_mp::host {

std::vector<cmdline_parse_inst_t *>
command_context()
{
	std::vector<cmdline_parse_inst_t *> ctx;
	struct testpmd_driver_commands *c;

	TAILQ_FOREACH(c, &driver_commands, next)
		for (unsigned int i = 0; c->commands[i].ctx != nullptr; i++)
			ctx.push_back(c->commands[i].ctx);
	ctx.push_back(nullptr);
	return ctx;
}

std::vector<std::string>
command_help()
{
	std::vector<std::string> help;
	struct testpmd_driver_commands *c;

	TAILQ_FOREACH(c, &driver_commands, next)
		for (unsigned int i = 0; c->commands[i].ctx != nullptr; i++)
			help.emplace_back(c->commands[i].help);
	return help;
}

} // namespace hotplug_mp::host
