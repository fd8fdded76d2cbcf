/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The demo: one primary and two secondaries of dpdk-hotplug_mp, each on its
 * own terminal. A device is attached from a secondary and detached from the
 * primary; after each step every process shows its list. With --simnic, a
 * second group does the same with a physical port: a simulated NIC, bound to
 * vfio-pci while the processes run (doc/pci_simulator.rst).
 *
 *   hotplug_mp-demo <dpdk-hotplug_mp> [--simnic <libnet_simnic.so>] [devargs]
 */
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "cluster.h"
#include "run_dir.h"
#include "sysfs_tree.h"

using namespace hotplug_mp::harness;

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

/*
 * Attach from secondary 1, repeat from secondary 2 (must fail), detach from
 * the primary; true if the processes agreed at every step.
 */
bool
round_trip(Cluster &c, const std::string &devargs, const std::string &name)
{
	std::printf("== no process has a device yet\n");
	list_everywhere(c);
	bool ok = agree(c) && c.list(0).empty();
	std::printf("\n== secondary 1 attaches %s: every process gets it\n",
		devargs.c_str());
	show(c, 1, "attach " + devargs);
	list_everywhere(c);
	ok = ok && agree(c) && c.list(0).size() == 1;
	std::printf("\n== attaching it again from secondary 2 must fail\n");
	std::string again = show(c, 2, "attach " + devargs);
	ok = ok && again.find("failed to attach device") != std::string::npos;
	std::printf("\n== the primary detaches %s: every process loses it\n",
		name.c_str());
	show(c, 0, "detach " + name);
	list_everywhere(c);
	return ok && agree(c) && c.list(0).empty();
}


bool
virtual_device(const std::string &host, const std::string &devargs)
{
	std::string name = devargs.substr(0, devargs.find(','));
	ClusterOptions o;
	o.host = host;
	o.secondaries = 2;
	o.prefix = unique_prefix("hpmp_demo");
	std::printf("== starting one primary and two secondaries "
		"(--file-prefix %s)\n", o.prefix.c_str());
	Cluster c(o);
	bool ok = round_trip(c, devargs, name);
	c.shutdown();
	return ok;
}

bool
physical_port(const std::string &host, const std::string &simnic)
{
	namespace pcisim = hotplug_mp::pcisim;
	const std::string addr = "0000:81:00.0";
	RunDir dir("hpmp_demo");
	pcisim::Tree tree = pcisim::Tree::create(dir.path() / "sysfs");
	tree.add({.addr = addr});
	auto pmd = dir.path() / "libnet_simnic.so";
	std::filesystem::copy_file(simnic, pmd);

	ClusterOptions o;
	o.host = host;
	o.secondaries = 2;
	o.prefix = unique_prefix("hpmp_demo_pci");
	o.sysfs_pci = tree.devices_dir().string();
	o.eal = {"-d", pmd.string()};
	std::printf("\n\n== a physical port: simulated NIC %s in %s, "
		"still with its kernel driver\n", addr.c_str(),
		tree.root().c_str());
	std::printf("== starting a new group: SYSFS_PCI_DEVICES=%s, -d %s\n",
		o.sysfs_pci.c_str(), pmd.c_str());
	Cluster c(o);
	std::printf("== dpdk-pcisim bind %s vfio-pci (the processes run)\n",
		addr.c_str());
	tree.bind(addr, "vfio-pci");
	bool ok = round_trip(c, addr, addr);
	c.shutdown();
	std::printf("\n== dpdk-pcisim bind %s %s (back to the kernel)\n",
		addr.c_str(), pcisim::simnic_kernel_driver);
	tree.bind(addr, pcisim::simnic_kernel_driver);
	return ok;
}

} // namespace

int
main(int argc, char **argv)
{
	std::string host, simnic, devargs = "net_null0";
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		if (a == "--simnic" && i + 1 < argc)
			simnic = argv[++i];
		else if (host.empty())
			host = a;
		else
			devargs = a;
	}
	if (host.empty()) {
		std::fprintf(stderr, "usage: %s <dpdk-hotplug_mp> "
			"[--simnic <libnet_simnic.so>] [devargs]\n", argv[0]);
		return 2;
	}
	try {
		bool ok = virtual_device(host, devargs);
		if (!simnic.empty())
			ok = physical_port(host, simnic) && ok;
		std::printf("\n== demo %s\n", ok ? "passed: the processes agreed at "
			"every step and every repeated attach failed" : "FAILED");
		return ok ? 0 : 1;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "demo failed: %s\n", e.what());
		return 1;
	}
}
