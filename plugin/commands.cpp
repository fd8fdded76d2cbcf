/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hotplug commands, in the shape of testpmd's driver command modules:
 * per command one result struct, one handler and its tokens beside it, and
 * one table at the end that registers them with their help text.
 *
 * Results go to stdout, not cmdline_printf(): under testpmd's --cmdline-file
 * the cmdline's output fd is -1 and cmdline_printf() output is lost.
 */
#include <atomic>
#include <cstdio>
#include <exception>
#include <string>

#include <cmdline_parse.h>
#include <cmdline_parse_string.h>
#include <rte_common.h>

#include "commands.h"
#include "hotplug.h"
#include "messages.h"

namespace {

std::atomic<unsigned int> failed_commands;

hotplug_mp::Hotplug &
hotplug()
{
	static std::unique_ptr<hotplug_mp::Hotplug> h =
		hotplug_mp::make_eal_hotplug();
	return *h;
}

void
emit(const std::string &text)
{
	std::fputs(text.c_str(), stdout);
	if (text.empty() || text.back() != '\n')
		std::fputc('\n', stdout);
	std::fflush(stdout);
}

/* cmdline calls handlers through C: no exception may leave one. */
template <void (*Handler)(void *)>
void
guarded(void *parsed_result, struct cmdline *, void *) noexcept
{
	try {
		Handler(parsed_result);
	} catch (const std::exception &e) {
		failed_commands++;
		emit(std::string("internal error: ") + e.what());
	} catch (...) {
		failed_commands++;
		emit("internal error");
	}
}

void
report(const hotplug_mp::Result &r, std::string (*message)(const hotplug_mp::Result &))
{
	if (!r.ok())
		failed_commands++;
	emit(message(r));
}

/* *** attach <devargs> *** */
struct cmd_attach_result {
	cmdline_fixed_string_t attach;
	cmdline_multi_string_t devargs;
};

void
cmd_attach_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_attach_result *>(parsed_result);

	report(hotplug().attach(res->devargs), hotplug_mp::attach_message);
}

cmdline_parse_token_string_t cmd_attach_attach =
	TOKEN_STRING_INITIALIZER(struct cmd_attach_result, attach, "attach");
cmdline_parse_token_string_t cmd_attach_devargs =
	TOKEN_STRING_INITIALIZER(struct cmd_attach_result, devargs,
		TOKEN_STRING_MULTI);

cmdline_parse_inst_t cmd_attach = {
	.f = guarded<cmd_attach_parsed>,
	.data = nullptr,
	.help_str = "attach <devargs>: attach a device in every process",
	.tokens = {
		&cmd_attach_attach.hdr,
		&cmd_attach_devargs.hdr,
		nullptr,
	},
};

/* *** detach <devargs> *** */
struct cmd_detach_result {
	cmdline_fixed_string_t detach;
	cmdline_multi_string_t devargs;
};

void
cmd_detach_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_detach_result *>(parsed_result);

	report(hotplug().detach(res->devargs), hotplug_mp::detach_message);
}

cmdline_parse_token_string_t cmd_detach_detach =
	TOKEN_STRING_INITIALIZER(struct cmd_detach_result, detach, "detach");
cmdline_parse_token_string_t cmd_detach_devargs =
	TOKEN_STRING_INITIALIZER(struct cmd_detach_result, devargs,
		TOKEN_STRING_MULTI);

cmdline_parse_inst_t cmd_detach = {
	.f = guarded<cmd_detach_parsed>,
	.data = nullptr,
	.help_str = "detach <devargs>: detach a device from every process",
	.tokens = {
		&cmd_detach_detach.hdr,
		&cmd_detach_devargs.hdr,
		nullptr,
	},
};

/* *** list *** */
struct cmd_list_result {
	cmdline_fixed_string_t list;
};

void
cmd_list_parsed(void *)
{
	emit(hotplug_mp::list_message(hotplug().ports()));
}

cmdline_parse_token_string_t cmd_list_list =
	TOKEN_STRING_INITIALIZER(struct cmd_list_result, list, "list");

cmdline_parse_inst_t cmd_list = {
	.f = guarded<cmd_list_parsed>,
	.data = nullptr,
	.help_str = "list: list the ethernet ports of this process",
	.tokens = {
		&cmd_list_list.hdr,
		nullptr,
	},
};

struct testpmd_driver_commands hotplug_cmds = {
	.next = {},
	.commands = {
		{
			&cmd_attach,
			"attach <devargs>\n"
			"    Attach a device in every process (primary and secondaries).\n",
		},
		{
			&cmd_detach,
			"detach <devargs>\n"
			"    Detach a device from every process.\n",
		},
		{
			&cmd_list,
			"list\n"
			"    List the ethernet ports of this process: \"<port>\\t<name>\".\n",
		},
		{ nullptr, nullptr },
	},
};

} // namespace

extern "C" struct testpmd_driver_commands *
hotplug_mp_commands(void)
{
	return &hotplug_cmds;
}

extern "C" unsigned int
hotplug_mp_failed_commands(void)
{
	return failed_commands.load();
}

RTE_INIT(hotplug_mp_register_commands)
{
	testpmd_add_driver_commands(&hotplug_cmds);
}
