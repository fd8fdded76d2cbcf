/* SPDX-License-Identifier: BSD-3-Clause */
#include "host_commands.h"

#include <atomic>
#include <cstdio>

#include <cmdline.h>
#include <cmdline_parse_string.h>

#include "bench_command.h"
#include "forward_commands.h"
#include "registry.h"

namespace hotplug_mp::host {
namespace {

std::atomic<bool> quit_flag;

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

cmdline_parse_inst_t cmd_quit = {
	.f = cmd_quit_parsed,
	.data = nullptr,
	.help_str = "quit: exit",
	.tokens = {
		&cmd_quit_quit.hdr,
		nullptr,
	},
};

/* *** help *** */
struct cmd_help_result {
	cmdline_fixed_string_t help;
};

void
cmd_help_parsed(void *, struct cmdline *, void *) noexcept
{
	try {
		std::puts("commands:");
		for (const std::string &h : module_help())
			std::fputs(h.c_str(), stdout);
		std::fputs(forward_help().c_str(), stdout);
		std::fputs(bench_help().c_str(), stdout);
		std::puts("help\n    Show this text.\nquit\n    Exit.");
	} catch (...) {
		std::puts("help: out of memory");
	}
	std::fflush(stdout);
}

cmdline_parse_token_string_t cmd_help_help =
	TOKEN_STRING_INITIALIZER(struct cmd_help_result, help, "help");

cmdline_parse_inst_t cmd_help = {
	.f = cmd_help_parsed,
	.data = nullptr,
	.help_str = "help: show the commands",
	.tokens = {
		&cmd_help_help.hdr,
		nullptr,
	},
};

} // namespace

std::vector<cmdline_parse_inst_t *>
own_commands()
{
	std::vector<cmdline_parse_inst_t *> all = {&cmd_help, &cmd_quit};
	for (cmdline_parse_inst_t *c : forward_commands())
		all.push_back(c);
	for (cmdline_parse_inst_t *c : bench_commands())
		all.push_back(c);
	return all;
}

bool
quit_requested()
{
	return quit_flag;
}

} // namespace hotplug_mp::host
