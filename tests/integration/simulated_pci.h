/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a physical-port test needs without hardware: a simulated sysfs PCI
 * tree changed through the dpdk-pcisim tool, as a tester changes a real one
 * with dpdk-devbind.py, and the net_simnic PMD copied where EAL -d accepts
 * it. Processes started from cluster_options() scan only this tree.
 */
#ifndef HOTPLUG_MP_TEST_SIMULATED_PCI_H
#define HOTPLUG_MP_TEST_SIMULATED_PCI_H

#include <string>
#include <vector>

#include "cluster.h"
#include "environment.h"
#include "sysfs_tree.h"

namespace hotplug_mp::test {

inline std::string pcisim_tool() { return env_or("HOTPLUG_MP_PCISIM", ""); }
inline std::string simnic_pmd() { return env_or("HOTPLUG_MP_SIMNIC", ""); }

class SimulatedPci {
public:
	SimulatedPci();

	/* Adds a simulated NIC with its kernel driver; returns its address. */
	std::string add_nic();
	/* dpdk-pcisim bind ADDR DRIVER (vfio-pci, igb_uio, simnic...). */
	void bind(const std::string &addr, const std::string &driver);
	void unbind(const std::string &addr);
	/* dpdk-pcisim remove ADDR: the card is taken out. */
	void remove(const std::string &addr);
	std::string driver_of(const std::string &addr) const;

	/* PCI bus on this tree, net_simnic loaded, in every process. */
	harness::ClusterOptions cluster_options(int secondaries = 2) const;
	/* EAL arguments and environment for another DPDK program. */
	std::vector<std::string> eal_args() const;
	std::string sysfs_env() const;

private:
	void tool(const std::vector<std::string> &args);

	TempDir dir_;
	pcisim::Tree tree_;
	std::string pmd_;
	int nics_ = 0;
};

} // namespace hotplug_mp::test

#endif
