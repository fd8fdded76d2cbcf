/* SPDX-License-Identifier: BSD-3-Clause */
#include "simulated_pci.h"

#include <cstdio>
#include <stdexcept>

#include "pty_process.h"

namespace hotplug_mp::test {

namespace {

pcisim::Tree
make_tree(const TempDir &dir)
{
	return pcisim::Tree::create(dir.path() / "sysfs");
}

} // namespace

SimulatedPci::SimulatedPci() : tree_(make_tree(dir_))
{
	if (pcisim_tool().empty() || simnic_pmd().empty())
		throw std::runtime_error("HOTPLUG_MP_PCISIM or HOTPLUG_MP_SIMNIC is not set");
	pmd_ = loadable_copy(dir_, simnic_pmd()).string();
}

void
SimulatedPci::tool(const std::vector<std::string> &args)
{
	std::vector<std::string> argv = {pcisim_tool(), "--root",
		tree_.root().string()};
	argv.insert(argv.end(), args.begin(), args.end());
	std::string out;
	if (harness::run_command(argv, &out) != 0) {
		std::string cmd;
		for (const auto &a : argv)
			cmd += a + " ";
		throw std::runtime_error("failed: " + cmd + "\n" + out);
	}
}

std::string
SimulatedPci::add_nic()
{
	char addr[16];
	snprintf(addr, sizeof(addr), "0000:81:00.%d", nics_++);
	tool({"add", addr});
	return addr;
}

void
SimulatedPci::bind(const std::string &addr, const std::string &driver)
{
	tool({"bind", addr, driver});
}

void
SimulatedPci::unbind(const std::string &addr)
{
	tool({"unbind", addr});
}

void
SimulatedPci::remove(const std::string &addr)
{
	tool({"remove", addr});
}

std::string
SimulatedPci::driver_of(const std::string &addr) const
{
	return tree_.device(addr).driver;
}

harness::ClusterOptions
SimulatedPci::cluster_options(int secondaries) const
{
	harness::ClusterOptions o = test::cluster_options(secondaries);
	o.sysfs_pci = tree_.devices_dir().string();
	o.eal.insert(o.eal.end(), {"-d", pmd_});
	return o;
}

std::vector<std::string>
SimulatedPci::eal_args() const
{
	return {"-d", pmd_};
}

std::string
SimulatedPci::sysfs_env() const
{
	return "SYSFS_PCI_DEVICES=" + tree_.devices_dir().string();
}

} // namespace hotplug_mp::test
