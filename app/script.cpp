/* SPDX-License-Identifier: BSD-3-Clause */
#include "script.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include <cmdline.h>

#include "host_commands.h"

namespace hotplug_mp::host {

int
run_script(cmdline_parse_ctx_t *ctx, const char *prompt,
	const std::string &path, Console &console)
{
	std::ifstream in(path);
	if (!in) {
		std::fprintf(stderr, "cannot read command file %s\n", path.c_str());
		return -1;
	}
	/*
	 * No fds, as testpmd's file mode: lines are fed to the parser here and
	 * commands print to stdout themselves.
	 */
	std::unique_ptr<struct cmdline, decltype(&cmdline_free)> cl(
		cmdline_new(ctx, prompt, -1, -1), cmdline_free);
	if (!cl) {
		std::fprintf(stderr, "cannot create a command line\n");
		return -1;
	}

	unsigned int lineno = 0;
	std::string line;
	while (!quit_requested() && std::getline(in, line)) {
		lineno++;
		if (line.find_first_not_of(" \t\r") == std::string::npos ||
		    line[line.find_first_not_of(" \t")] == '#')
			continue;
		console.report(prompt + line);
		/* the parser only takes a line that ends in a newline */
		int ret = cmdline_parse(cl.get(), (line + "\n").c_str());
		if (ret == CMDLINE_PARSE_AMBIGUOUS || ret == CMDLINE_PARSE_NOMATCH ||
		    ret == CMDLINE_PARSE_BAD_ARGS)
			console.report(path + ":" + std::to_string(lineno) + ": " +
				(ret == CMDLINE_PARSE_AMBIGUOUS ? "ambiguous command" :
					"bad command") + ": " + line, false);
		console.flush();
	}
	return 0;
}

} // namespace hotplug_mp::host
