/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target: the module's command layer. Input lines go through DPDK's
 * cmdline parser to the module's commands (attach, detach, list, lock,
 * unlock, events, hotplug-timeout), as typed at a prompt; the EAL is the
 * fake of eal_fake.h, its answers taken from the first bytes of the input.
 *
 * Beyond ASan, UBSan and LeakSanitizer, every input must hold:
 *  - no command throws (guarded<> would print "internal error");
 *  - the group is never asked to probe devargs longer than the
 *    multi-process channel carries (127 characters).
 */
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <cmdline.h>

#include "commands.h"
#include "eal_fake.h"
#include "module.h"
#include "output.h"

/* The module registers itself from a constructor; the table is taken below. */
extern "C" void
testpmd_add_driver_commands(struct testpmd_driver_commands *)
{
}

namespace {

/* lines per input: a prompt session, not a file */
constexpr size_t max_lines = 64;

struct cmdline *
command_line()
{
	static std::vector<cmdline_parse_inst_t *> ctx;
	static std::unique_ptr<struct cmdline, decltype(&cmdline_free)> cl(
		nullptr, cmdline_free);

	if (cl)
		return cl.get();
	struct testpmd_driver_commands *table = hotplug_mp_commands();
	for (unsigned int i = 0; table->commands[i].ctx != nullptr; i++)
		ctx.push_back(table->commands[i].ctx);
	ctx.push_back(nullptr);
	cl.reset(cmdline_new(ctx.data(), "> ", -1, -1));
	if (!cl)
		std::abort();
	return cl.get();
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	hotplug_mp::fuzz::start_quiet();
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	using hotplug_mp::fuzz::fake_eal;

	std::string text = hotplug_mp::fuzz::configure_fake_eal(data, size);
	std::vector<std::string> lines = hotplug_mp::fuzz::split_lines(text);
	struct cmdline *cl = command_line();

	hotplug_mp::Module::instance().set_events(true);
	if (lines.size() > max_lines)
		lines.resize(max_lines);
	for (std::string line : lines) {
		/* a terminal line: up to its first NUL, ended by a newline */
		line = line.substr(0, line.find('\0'));
		unsigned int probes = fake_eal().probes;
		cmdline_parse(cl, (line + "\n").c_str());
		if (fake_eal().probes != probes &&
		    fake_eal().last_probe.size() > 127)
			std::abort();
	}
	hotplug_mp::fuzz::check_no_internal_error(
		hotplug_mp::fuzz::take_stdout());
	return 0;
}
