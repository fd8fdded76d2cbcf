/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a physical-port test has inside the emulated machine (tools/vm):
 * the guest's emulated NICs, virtio-net-pci and e1000e behind an emulated
 * Intel IOMMU, bound as a tester binds them (driver_override, then the
 * kernel's probe), with the real PMDs, VFIO and uio under DPDK; and the
 * host's QEMU, asked over the guest's second serial port to take a NIC
 * out (device_del) or to put it back (device_add).
 *
 * Only in the guest: EmulatedPci() throws elsewhere, and Cluster refuses
 * a PCI allowlist outside it, so no test ever binds or probes a device of
 * the machine it runs on.
 */
#ifndef HOTPLUG_MP_TEST_EMULATED_PCI_H
#define HOTPLUG_MP_TEST_EMULATED_PCI_H

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

#include "cluster.h"

namespace hotplug_mp::test {

using namespace std::chrono_literals;

class EmulatedPci {
public:
	/* In the guest of tools/vm (harness::in_emulated_machine()). */
	static bool available();

	EmulatedPci();

	/* The NICs of a model, "virtio" or "e1000e", by PCI address. */
	std::vector<std::string> nics(const std::string &model) const;
	/* Every NIC of both models: what the processes may probe. */
	std::vector<std::string> all_nics() const;

	/*
	 * driver_override, then the kernel's probe; "" leaves it driverless.
	 * Returns once the driver has set the NIC up for DPDK.
	 */
	void bind(const std::string &addr, const std::string &driver);
	std::string driver_of(const std::string &addr) const;
	bool present(const std::string &addr) const;

	/*
	 * The machine's PCI bus, every process allowing only the NICs, in
	 * the IOVA mode the driver needs: physical addresses for uio, which
	 * has no IOMMU mapping of its own (the guest's IOMMU passes its
	 * devices through, iommu=pt), the EAL's choice for vfio-pci.
	 */
	harness::ClusterOptions cluster_options(const std::string &driver,
		int secondaries = 2) const;
	std::vector<std::string> eal_args(const std::string &driver) const;

	/*
	 * What process pid holds of the device: its VFIO device descriptor
	 * and mappings, or its uio device and resource mappings, one line
	 * each. Empty once the process has let the device go.
	 */
	std::vector<std::string> holds(pid_t pid, const std::string &addr) const;

	/*
	 * QEMU's device_del of the NIC at addr, answered once QEMU has
	 * removed it (the guest's kernel let it go); returns how long that
	 * took. Throws with the host's answer otherwise (it waits timeout).
	 */
	std::chrono::milliseconds unplug(const std::string &addr,
		std::chrono::seconds timeout = 20s);
	/* device_add of the NIC taken out, then waits for the guest's kernel
	 * to list it at addr again. */
	void replug(const std::string &addr, std::chrono::seconds timeout = 20s);

private:
	/* The device node DPDK opens for the NIC with that driver exists. */
	bool driver_ready(const std::string &addr,
		const std::string &driver) const;
	std::string ask_host(const std::string &request,
		std::chrono::seconds timeout);
};

} // namespace hotplug_mp::test

#endif
