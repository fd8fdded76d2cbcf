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

constinit auto cmd_quit = instruction(
	cmd_quit_parsed, "quit: exit",
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

constinit auto cmd_help = instruction(
	guarded<cmd_help_parsed, Module::command_failed>,
	"help: show the commands",
	&cmd_help_help);

constinit auto host_cmds = command_table(
	command(cmd_port_start,
		"port start <port>\n"
		"    Configure the port with one rx and one tx queue, and start it\n"
		"    (primary).\n"),
	command(cmd_forward,
		"forward <port>\n"
		"    Send what the port receives back out, on a worker lcore.\n"),
	command(cmd_forward_ctl,
		"forward stop|status\n"
		"    Stop forwarding, or show the packets forwarded.\n"),
	command(cmd_help,
		"help\n"
		"    Show this text.\n"),
	command(cmd_quit,
		"quit\n"
		"    Exit.\n"));

} // namespace

void
register_host_commands()
{
	testpmd_add_driver_commands(host_cmds.get());
}

bool
quit_requested()
{
	return quit_flag;
}

} // namespace hotplug_mp::host
