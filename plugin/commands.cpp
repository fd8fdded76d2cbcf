/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hotplug commands, in the shape of testpmd's driver command modules:
 * per command one result struct, one handler and its tokens beside it, and
 * one table at the end that registers them. Each command's help is
 * written once, where the command is (command_table.h derives the rest).
 *
 * Results go through the module's console to stdout, not cmdline_printf():
 * under testpmd's --cmdline-file the cmdline's output fd is -1 and
 * cmdline_printf() output is lost.
 */
#include <string>

#include <cmdline_parse.h>
#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>

#include "command_table.h"
#include "commands.h"
#include "guarded.h"
#include "messages.h"
#include "module.h"

namespace {

hotplug_mp::Hotplug &
hotplug()
{
	return hotplug_mp::Module::instance().hotplug();
}

hotplug_mp::Console &
console()
{
	return hotplug_mp::Module::instance().console();
}

/*
 * Every command ends with the lines that waited for a prompt (events of
 * other processes' requests): the host draws the prompt right after, and
 * in testpmd, which knows nothing of them, this is the one moment they
 * can go out between whole lines.
 */
template <void (*Handler)(void *)>
void
then_flush(void *parsed_result)
{
	hotplug_mp::Module::instance().eal_ready();
	Handler(parsed_result);
	console().flush();
}

template <void (*Handler)(void *)>
constexpr auto guarded = hotplug_mp::guarded<then_flush<Handler>,
	hotplug_mp::Module::command_failed>;

template <typename... Args>
void
report(const hotplug_mp::Result &r,
	std::string (*message)(const hotplug_mp::Result &, Args...), Args... args)
{
	console().report(message(r, args...), r.ok());
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

constinit auto cmd_attach = hotplug_mp::command<"attach <devargs>",
	"Attach a device in every process (primary and secondaries).">(
	guarded<cmd_attach_parsed>, &cmd_attach_attach, &cmd_attach_devargs);

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

constinit auto cmd_detach = hotplug_mp::command<"detach <devargs>",
	"Detach a device from every process.">(
	guarded<cmd_detach_parsed>, &cmd_detach_detach, &cmd_detach_devargs);

/* *** list *** */
struct cmd_list_result {
	cmdline_fixed_string_t list;
};

void
cmd_list_parsed(void *)
{
	console().report(hotplug_mp::list_message(hotplug().ports()));
}

cmdline_parse_token_string_t cmd_list_list =
	TOKEN_STRING_INITIALIZER(struct cmd_list_result, list, "list");

constinit auto cmd_list = hotplug_mp::command<"list",
	"List the ethernet ports of this process: \"<port>\\t<name>\".">(
	guarded<cmd_list_parsed>, &cmd_list_list);

/* *** lock <device> *** */
struct cmd_lock_result {
	cmdline_fixed_string_t lock;
	cmdline_fixed_string_t device;
};

void
cmd_lock_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_lock_result *>(parsed_result);

	report(hotplug().lock(res->device), hotplug_mp::lock_message);
}

cmdline_parse_token_string_t cmd_lock_lock =
	TOKEN_STRING_INITIALIZER(struct cmd_lock_result, lock, "lock");
cmdline_parse_token_string_t cmd_lock_device =
	TOKEN_STRING_INITIALIZER(struct cmd_lock_result, device, nullptr);

constinit auto cmd_lock = hotplug_mp::command<"lock <device>",
	"Refuse the detach of the device, from any process, "
	"while this process uses it.">(
	guarded<cmd_lock_parsed>, &cmd_lock_lock, &cmd_lock_device);

/* *** unlock <device> *** */
struct cmd_unlock_result {
	cmdline_fixed_string_t unlock;
	cmdline_fixed_string_t device;
};

void
cmd_unlock_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_unlock_result *>(parsed_result);

	report(hotplug().unlock(res->device), hotplug_mp::unlock_message);
}

cmdline_parse_token_string_t cmd_unlock_unlock =
	TOKEN_STRING_INITIALIZER(struct cmd_unlock_result, unlock, "unlock");
cmdline_parse_token_string_t cmd_unlock_device =
	TOKEN_STRING_INITIALIZER(struct cmd_unlock_result, device, nullptr);

constinit auto cmd_unlock = hotplug_mp::command<"unlock <device>",
	"Allow the detach of the device again.">(
	guarded<cmd_unlock_parsed>, &cmd_unlock_unlock, &cmd_unlock_device);

/* *** events on|off *** */
struct cmd_events_result {
	cmdline_fixed_string_t events;
	cmdline_fixed_string_t onoff;
};

void
cmd_events_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_events_result *>(parsed_result);

	bool on = std::string(res->onoff) == "on";
	hotplug_mp::Module::instance().set_events(on);
	console().report(std::string("event lines ") + (on ? "on" : "off"));
}

cmdline_parse_token_string_t cmd_events_events =
	TOKEN_STRING_INITIALIZER(struct cmd_events_result, events, "events");
cmdline_parse_token_string_t cmd_events_onoff =
	TOKEN_STRING_INITIALIZER(struct cmd_events_result, onoff, "on#off");

constinit auto cmd_events = hotplug_mp::command<"events on|off",
	"Print, or not, what other processes' requests did here (default on).">(
	guarded<cmd_events_parsed>, &cmd_events_events, &cmd_events_onoff);

/* *** hotplug-timeout *** */
struct cmd_timeout_show_result {
	cmdline_fixed_string_t keyword;
};

void
cmd_timeout_show_parsed(void *)
{
	unsigned int ms = 0;
	hotplug_mp::Result r = hotplug().timeout(&ms);

	report(r, hotplug_mp::timeout_message, ms);
}

cmdline_parse_token_string_t cmd_timeout_show_keyword =
	TOKEN_STRING_INITIALIZER(struct cmd_timeout_show_result, keyword,
		"hotplug-timeout");

constinit auto cmd_timeout_show = hotplug_mp::command<"hotplug-timeout",
	"Show how long an attach or detach may take in every process.">(
	guarded<cmd_timeout_show_parsed>, &cmd_timeout_show_keyword);

/* *** hotplug-timeout <ms> *** */
struct cmd_timeout_set_result {
	cmdline_fixed_string_t keyword;
	uint32_t ms;
};

void
cmd_timeout_set_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_timeout_set_result *>(parsed_result);

	report(hotplug().set_timeout(res->ms), hotplug_mp::set_timeout_message,
		res->ms);
}

cmdline_parse_token_string_t cmd_timeout_set_keyword =
	TOKEN_STRING_INITIALIZER(struct cmd_timeout_set_result, keyword,
		"hotplug-timeout");
cmdline_parse_token_num_t cmd_timeout_set_ms =
	TOKEN_NUM_INITIALIZER(struct cmd_timeout_set_result, ms, RTE_UINT32);

constinit auto cmd_timeout_set = hotplug_mp::command<"hotplug-timeout <ms>",
	"Set the hotplug timeout, from the primary, for requests from every "
	"process.">(
	guarded<cmd_timeout_set_parsed>, &cmd_timeout_set_keyword,
	&cmd_timeout_set_ms);

constinit auto hotplug_cmds = hotplug_mp::command_table(
	hotplug_mp::entry(cmd_attach),
	hotplug_mp::entry(cmd_detach),
	hotplug_mp::entry(cmd_list),
	hotplug_mp::entry(cmd_lock),
	hotplug_mp::entry(cmd_unlock),
	hotplug_mp::entry(cmd_events),
	hotplug_mp::entry(cmd_timeout_show),
	hotplug_mp::entry(cmd_timeout_set));

} // namespace

extern "C" struct testpmd_driver_commands *
hotplug_mp_commands(void)
{
	return hotplug_cmds.get();
}
