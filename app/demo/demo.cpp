/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The demo: one primary and two secondaries of dpdk-hotplug_mp, each on its
 * own terminal. A device is attached from a secondary and detached from the
 * primary; after each step every process shows its list.
 *
 *   hotplug_mp-demo <path of dpdk-hotplug_mp> [devargs]
 */
#include <cstdio>
#include <string>

#include "cluster.h"

using namespace hotplug_mp::driver;

namespace {

/* Runs cmd at process i's prompt, prints it as typed and answered. */
std::string
show(Cluster &c, int i, const std::string &cmd)
{
	std::string out = c.run(i, cmd);
	std::printf("[%s] %s%s\n", c.label(i).c_str(), host_prompt, cmd.c_str());
	std::string line;
	for (char ch : out) {
		if (ch != '\n') {
			line += ch;
			continue;
		}
		std::printf("[%s]   %s\n", c.label(i).c_str(), line.c_str());
		line.clear();
	}
	std::fflush(stdout);
	return out;
}

void
list_everywhere(Cluster &c)
{
	for (int i = 0; i < c.size(); i++)
		show(c, i, "list");
}

bool
agree(Cluster &c)
{
	auto all = c.lists();
	for (const auto &l : all)
		if (l != all[0])
			return false;
	return true;
}

} // namespace

int
main(int argc, char **argv)
{
	if (argc < 2) {
		std::fprintf(stderr, "usage: %s <dpdk-hotplug_mp> [devargs]\n", argv[0]);
		return 2;
	}
	std::string devargs = argc > 2 ? argv[2] : "net_null0";
	std::string name = devargs.substr(0, devargs.find(','));
	try {
		ClusterOptions o;
		o.host = argv[1];
		o.secondaries = 2;
		o.prefix = unique_prefix("hpmp_demo");
		std::printf("== starting one primary and two secondaries "
			"(--file-prefix %s)\n", o.prefix.c_str());
		Cluster c(o);
		std::printf("== no process has a device yet\n");
		list_everywhere(c);
		std::printf("\n== secondary 1 attaches %s: every process gets it\n",
			devargs.c_str());
		show(c, 1, "attach " + devargs);
		list_everywhere(c);
		bool ok = agree(c) && c.list(0).size() == 1;
		std::printf("\n== attaching it again from secondary 2 must fail\n");
		std::string again = show(c, 2, "attach " + devargs);
		ok = ok && again.find("failed to attach device") != std::string::npos;
		std::printf("\n== the primary detaches %s: every process loses it\n",
			name.c_str());
		show(c, 0, "detach " + name);
		list_everywhere(c);
		ok = ok && agree(c) && c.list(0).empty();
		c.shutdown();
		std::printf("\n== demo %s\n", ok ? "passed: the processes agreed at "
			"every step and the repeated attach failed" : "FAILED");
		return ok ? 0 : 1;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "demo failed: %s\n", e.what());
		return 1;
	}
}
