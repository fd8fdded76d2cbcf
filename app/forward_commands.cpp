/* SPDX-License-Identifier: BSD-3-Clause */
#include "forward_commands.h"

#include <cstdio>
#include <cstring>

#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>

#include "forwarding.h"
#include "guarded.h"
#include "module.h"

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

} // namespace

constinit Instruction<4> cmd_port_start = instruction(
	guarded<cmd_port_start_parsed>,
	"port start <port>: configure and start a port (primary)",
	&cmd_port_start_port, &cmd_port_start_start, &cmd_port_start_id);

namespace {

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

} // namespace

constinit Instruction<3> cmd_forward = instruction(
	guarded<cmd_forward_parsed>,
	"forward <port>: send what the port receives back out",
	&cmd_forward_forward, &cmd_forward_id);

namespace {

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

} // namespace

constinit Instruction<3> cmd_forward_ctl = instruction(
	guarded<cmd_forward_ctl_parsed>,
	"forward stop|status: stop forwarding, or show it",
	&cmd_forward_ctl_forward, &cmd_forward_ctl_what);

} // namespace hotplug_mp::host
