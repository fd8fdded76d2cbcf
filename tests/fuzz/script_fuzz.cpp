/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target: the host's --cmdline-file reader (app/script.cpp). The input,
 * after the bytes that set the fake EAL's answers (eal_fake.h), is the
 * command file; it runs through the host's command table and the module's,
 * as dpdk-hotplug_mp --cmdline-file runs it. The commands that need a
 * running EAL (port start, forward) and quit, which would end every later
 * input, are left out of the table.
 *
 * Beyond ASan, UBSan and LeakSanitizer, every input must hold:
 *  - every line but blank ones and # comments is echoed after the prompt,
 *    in order (up to a NUL, where the terminal would stop printing it);
 *  - no command throws ("internal error").
 */
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "eal_fake.h"
#include "host_commands.h"
#include "module.h"
#include "output.h"
#include "registry.h"
#include "script.h"

namespace {

constexpr const char *prompt = "example> ";

int script_fd = -1;
std::string script_path;
std::vector<cmdline_parse_inst_t *> ctx;

bool
left_out(const cmdline_parse_inst_t *inst)
{
	std::string help = inst->help_str != nullptr ? inst->help_str : "";
	for (const char *c : {"quit", "port start", "forward"})
		if (help.rfind(c, 0) == 0)
			return true;
	return false;
}

/* The lines the reader must echo: neither blank nor a comment. */
std::vector<std::string>
echoed(const std::string &text)
{
	std::vector<std::string> out;

	for (const std::string &line : hotplug_mp::fuzz::split_lines(text)) {
		size_t first = line.find_first_not_of(" \t\r");
		if (first == std::string::npos ||
		    line[line.find_first_not_of(" \t")] == '#')
			continue;
		out.push_back(std::string(prompt) + line.substr(0, line.find('\0')));
	}
	return out;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	hotplug_mp::fuzz::start_quiet();
	hotplug_mp::host::register_host_commands();
	for (cmdline_parse_inst_t *inst : hotplug_mp::host::command_context())
		if (inst == nullptr || !left_out(inst))
			ctx.push_back(inst);
	script_fd = memfd_create("hotplug_mp-fuzz-script", 0);
	if (script_fd < 0)
		std::abort();
	script_path = "/proc/self/fd/" + std::to_string(script_fd);
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::string text = hotplug_mp::fuzz::configure_fake_eal(data, size);

	if (ftruncate(script_fd, 0) != 0 ||
	    pwrite(script_fd, text.data(), text.size(), 0) !=
		    static_cast<ssize_t>(text.size()))
		std::abort();
	hotplug_mp::Module::instance().set_events(true);
	if (hotplug_mp::host::run_script(ctx.data(), prompt, script_path,
			hotplug_mp::Module::instance().console()) != 0)
		std::abort();

	std::string out = hotplug_mp::fuzz::take_stdout();
	size_t pos = 0;
	for (const std::string &echo : echoed(text)) {
		pos = out.find(echo, pos);
		if (pos == std::string::npos) {
			std::fprintf(stderr, "hotplug_mp fuzz: \"%s\" not echoed\n",
				echo.c_str());
			std::abort();
		}
		pos += echo.size();
	}
	hotplug_mp::fuzz::check_no_internal_error(out);
	return 0;
}
