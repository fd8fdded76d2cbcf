/* SPDX-License-Identifier: BSD-3-Clause */
#include "forward_commands.h"

#include <cstdio>
#include <cstring>

#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>

#include "command_table.h"
#include "forwarding.h"
#include "guarded.h"
#include "module.h"
#include "testpmd_abi.h"

namespace hotplug_mp::host {
namespace {

Console &
console()
{
	return Module::instance().console();
}

template <void (*Handler)(void *)>
constexpr auto guarded = hotplug_mp::guarded<Handler, Module::command_failed>;

/* *** port start <port> *** */
struct cmd_port_start_result {
	cmdline_fixed_string_t port;
	cmdline_fixed_string_t start;
	uint16_t port_id;
};

void
cmd_port_start_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_port_start_result *>(parsed_result);
	Result r = port_start(res->port_id);
	console().report(r.ok() ? "started port " +
			std::to_string(res->port_id) + " (" + r.device + ")" :
		failure_message("start port " + std::to_string(res->port_id), r),
		r.ok());
}

cmdline_parse_token_string_t cmd_port_start_port =
	TOKEN_STRING_INITIALIZER(struct cmd_port_start_result, port, "port");
cmdline_parse_token_string_t cmd_port_start_start =
	TOKEN_STRING_INITIALIZER(struct cmd_port_start_result, start, "start");
cmdline_parse_token_num_t cmd_port_start_id =
	TOKEN_NUM_INITIALIZER(struct cmd_port_start_result, port_id, RTE_UINT16);

constinit auto cmd_port_start = command<"port start <port>",
	"Configure the port with one rx and one tx queue, and start it "
	"(primary).">(
	guarded<cmd_port_start_parsed>, &cmd_port_start_port,
	&cmd_port_start_start, &cmd_port_start_id);

/* *** forward <port> *** */
struct cmd_forward_result {
	cmdline_fixed_string_t forward;
	uint16_t port_id;
};

void
cmd_forward_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_forward_result *>(parsed_result);
	Result r = forward_start(res->port_id);
	console().report(r.ok() ? "forwarding on port " +
			std::to_string(res->port_id) + " (" + r.device + ")" :
		failure_message("forward on port " +
			std::to_string(res->port_id), r), r.ok());
	if (r.ok() && !forwarding_safe_from_detach())
		console().report("warning: this EAL cannot stop the forwarding "
			"before a detach (hotplug_mp's change eal-hotplug-handlers "
			"adds hotplug handlers): run "
			"\"forward stop\" before any process detaches the device");
}

cmdline_parse_token_string_t cmd_forward_forward =
	TOKEN_STRING_INITIALIZER(struct cmd_forward_result, forward, "forward");
cmdline_parse_token_num_t cmd_forward_id =
	TOKEN_NUM_INITIALIZER(struct cmd_forward_result, port_id, RTE_UINT16);

constinit auto cmd_forward = command<"forward <port>",
	"Send what the port receives back out, on a worker lcore.">(
	guarded<cmd_forward_parsed>, &cmd_forward_forward, &cmd_forward_id);

/* *** forward stop|status *** */
struct cmd_forward_ctl_result {
	cmdline_fixed_string_t forward;
	cmdline_fixed_string_t what;
};

void
cmd_forward_ctl_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_forward_ctl_result *>(parsed_result);
	if (std::strcmp(res->what, "status") == 0) {
		console().report(forward_status());
		return;
	}
	Result r = forward_stop();
	console().report(r.ok() ? "stopped forwarding" :
		failure_message("stop forwarding", r), r.ok());
}

cmdline_parse_token_string_t cmd_forward_ctl_forward =
	TOKEN_STRING_INITIALIZER(struct cmd_forward_ctl_result, forward, "forward");
cmdline_parse_token_string_t cmd_forward_ctl_what =
	TOKEN_STRING_INITIALIZER(struct cmd_forward_ctl_result, what, "stop#status");

constinit auto cmd_forward_ctl = command<"forward stop|status",
	"Stop forwarding, or show the packets forwarded.">(
	guarded<cmd_forward_ctl_parsed>, &cmd_forward_ctl_forward,
	&cmd_forward_ctl_what);

constinit auto forward_cmds = command_table(
	entry(cmd_port_start),
	entry(cmd_forward),
	entry(cmd_forward_ctl));

} // namespace

void
register_forward_commands()
{
	testpmd_add_driver_commands(forward_cmds.get());
}

} // namespace hotplug_mp::host
