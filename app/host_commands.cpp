/* SPDX-License-Identifier: BSD-3-Clause */
#include "host_commands.h"

#include <atomic>
#include <string>

#include <cmdline.h>
#include <cmdline_parse_string.h>

#include "command_table.h"
#include "forward_commands.h"
#include "guarded.h"
#include "module.h"
#include "registry.h"
#include "testpmd_abi.h"

namespace hotplug_mp::host {
namespace {

std::atomic<bool> quit_flag;

Console &
console()
{
	return Module::instance().console();
}

/* *** quit *** */
struct cmd_quit_result {
	cmdline_fixed_string_t quit;
};

void
cmd_quit_parsed(void *, struct cmdline *cl, void *) noexcept
{
	quit_flag = true;
	cmdline_quit(cl);
}

cmdline_parse_token_string_t cmd_quit_quit =
	TOKEN_STRING_INITIALIZER(struct cmd_quit_result, quit, "quit");

constinit auto cmd_quit = command<"quit", "Exit.">(cmd_quit_parsed,
	&cmd_quit_quit);

/* *** help *** */
struct cmd_help_result {
	cmdline_fixed_string_t help;
};

void
cmd_help_parsed(void *)
{
	std::string text = "commands:\n";
	for (const std::string &h : command_help())
		text += h;
	console().report(text);
}

cmdline_parse_token_string_t cmd_help_help =
	TOKEN_STRING_INITIALIZER(struct cmd_help_result, help, "help");

constinit auto cmd_help = command<"help", "Show this text.">(
	guarded<cmd_help_parsed, Module::command_failed>, &cmd_help_help);

constinit auto host_cmds = command_table(
	entry(cmd_help),
	entry(cmd_quit));

} // namespace

void
register_host_commands()
{
	register_forward_commands();
	testpmd_add_driver_commands(host_cmds.get());
}

bool
quit_requested()
{
	return quit_flag;
}

} // namespace hotplug_mp::host
