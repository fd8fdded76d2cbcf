/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-pcisim: makes and changes a simulated sysfs PCI tree, the steps a
 * test plan performs on real hardware with dpdk-devbind.py. See
 * doc/pci_simulator.rst.
 */
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "sysfs_tree.h"

using namespace hotplug_mp::pcisim;

namespace {

const char usage[] =
	"usage: dpdk-pcisim [--root DIR] COMMAND [ARGS]\n"
	"DIR defaults to $PCISIM_ROOT. Commands:\n"
	"  create                     make an empty tree in DIR\n"
	"  add ADDR [--driver NAME] [--numa N] [--vendor ID] [--device ID]\n"
	"                             add a simulated NIC (default: bound to\n"
	"                             its kernel driver \"simnic\")\n"
	"  bind ADDR DRIVER           bind to vfio-pci, igb_uio, uio_pci_generic\n"
	"                             or back to a kernel driver (simnic)\n"
	"  unbind ADDR                leave the device without driver\n"
	"  remove ADDR                take the card out\n"
	"  status                     list devices by driver\n"
	"  env                        print SYSFS_PCI_DEVICES=... for DPDK\n";

struct Usage : Error {
	using Error::Error;
};

std::string
take(std::vector<std::string> &args, const char *what)
{
	if (args.empty())
		throw Usage(std::string("missing ") + what);
	std::string v = args.front();
	args.erase(args.begin());
	return v;
}

unsigned long
number(const std::string &s, const char *what, unsigned long max)
{
	size_t end = 0;
	unsigned long v = 0;
	try {
		v = std::stoul(s, &end, 0);
	} catch (const std::exception &) {
		end = 0;
	}
	if (end != s.size() || s.empty() || v > max)
		throw Usage("bad " + std::string(what) + " '" + s + "'");
	return v;
}

void
no_more(const std::vector<std::string> &args)
{
	if (!args.empty())
		throw Usage("unexpected argument '" + args.front() + "'");
}

void
print_env(const Tree &t)
{
	std::cout << "SYSFS_PCI_DEVICES=" << t.devices_dir().string() << "\n";
}

void
status(const Tree &t)
{
	auto all = t.devices();
	const char *groups[] = {"Bound to a DPDK-compatible driver",
		"Bound to a kernel driver", "Not bound"};
	std::cout << "Simulated PCI devices in " << t.devices_dir().string() << "\n";
	for (int g = 0; g < 3; g++) {
		std::cout << "\n" << groups[g] << ":\n";
		for (const auto &d : all) {
			int group = d.driver.empty() ? 2 :
				is_dpdk_driver(d.driver) ? 0 : 1;
			if (group != g)
				continue;
			char ids[16];
			snprintf(ids, sizeof(ids), "%04x:%04x", d.vendor, d.device);
			std::cout << d.addr << " '" << ids << "'";
			if (!d.driver.empty())
				std::cout << " drv=" << d.driver;
			std::cout << "\n";
		}
	}
}

int
run(std::vector<std::string> args)
{
	std::string root;
	if (const char *r = std::getenv("PCISIM_ROOT"))
		root = r;
	if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
		std::cout << usage;
		return 0;
	}
	if (!args.empty() && args[0] == "--root") {
		args.erase(args.begin());
		root = take(args, "DIR after --root");
	}
	std::string cmd = take(args, "COMMAND");
	if (root.empty())
		throw Usage("no tree: give --root DIR or set PCISIM_ROOT");

	if (cmd == "create") {
		no_more(args);
		print_env(Tree::create(root));
		return 0;
	}
	Tree t = Tree::open(root);
	if (cmd == "add") {
		DeviceSpec spec;
		spec.addr = take(args, "ADDR");
		while (!args.empty()) {
			std::string opt = take(args, "option");
			std::string val = take(args, ("value of " + opt).c_str());
			if (opt == "--driver")
				spec.driver = val;
			else if (opt == "--numa")
				spec.numa_node = static_cast<int>(number(val, "NUMA node", 63));
			else if (opt == "--vendor")
				spec.vendor = static_cast<uint16_t>(number(val, "vendor id", 0xffff));
			else if (opt == "--device")
				spec.device = static_cast<uint16_t>(number(val, "device id", 0xffff));
			else
				throw Usage("unknown option '" + opt + "'");
		}
		t.add(spec);
	} else if (cmd == "bind") {
		std::string addr = take(args, "ADDR");
		std::string drv = take(args, "DRIVER");
		no_more(args);
		t.bind(addr, drv);
	} else if (cmd == "unbind") {
		std::string addr = take(args, "ADDR");
		no_more(args);
		t.unbind(addr);
	} else if (cmd == "remove") {
		std::string addr = take(args, "ADDR");
		no_more(args);
		t.remove(addr);
	} else if (cmd == "status") {
		no_more(args);
		status(t);
	} else if (cmd == "env") {
		no_more(args);
		print_env(t);
	} else {
		throw Usage("unknown command '" + cmd + "'");
	}
	return 0;
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		return run(std::vector<std::string>(argv + 1, argv + argc));
	} catch (const Usage &e) {
		std::cerr << "dpdk-pcisim: " << e.what() << "\n" << usage;
		return 2;
	} catch (const std::exception &e) {
		std::cerr << "dpdk-pcisim: " << e.what() << "\n";
		return 1;
	}
}
