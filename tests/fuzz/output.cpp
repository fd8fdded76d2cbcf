/* SPDX-License-Identifier: BSD-3-Clause */
#include "output.h"

#include <cstdio>
#include <cstdlib>

#include <sys/mman.h>
#include <unistd.h>

#include <rte_log.h>

namespace hotplug_mp::fuzz {

namespace {
int memfd = -1;
}

void
start_quiet()
{
	if (memfd >= 0)
		return;
	rte_log_set_global_level(RTE_LOG_EMERG);
	std::fflush(stdout);
	memfd = memfd_create("hotplug_mp-fuzz-stdout", 0);
	if (memfd < 0 || dup2(memfd, STDOUT_FILENO) < 0) {
		std::perror("hotplug_mp fuzz: cannot capture standard output");
		std::abort();
	}
}

std::string
take_stdout()
{
	std::string out;
	char buf[4096];
	ssize_t n;

	std::fflush(stdout);
	if (lseek(memfd, 0, SEEK_SET) < 0)
		std::abort();
	while ((n = read(memfd, buf, sizeof(buf))) > 0)
		out.append(buf, static_cast<size_t>(n));
	if (ftruncate(memfd, 0) != 0 || lseek(memfd, 0, SEEK_SET) < 0)
		std::abort();
	return out;
}

std::vector<std::string>
split_lines(const std::string &text)
{
	std::vector<std::string> lines;
	size_t start = 0;

	while (start < text.size()) {
		size_t end = text.find('\n', start);
		if (end == std::string::npos)
			end = text.size();
		lines.push_back(text.substr(start, end - start));
		start = end + 1;
	}
	return lines;
}

void
check_no_internal_error(const std::string &output)
{
	/* guarded<>'s line: "internal error" or "internal error: <what>" */
	for (const std::string &line : split_lines(output)) {
		if (line != "internal error" && line.rfind("internal error: ", 0) != 0)
			continue;
		std::fprintf(stderr, "hotplug_mp fuzz: a command threw:\n%s\n",
			output.c_str());
		std::abort();
	}
}

} // namespace hotplug_mp::fuzz
