/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A simulated sysfs PCI tree: what DPDK's PCI bus reads when the environment
 * variable SYSFS_PCI_DEVICES points at it instead of /sys/bus/pci/devices.
 *
 *   ROOT/devices/DDDD:BB:DD.F/   vendor, device, subsystem_vendor,
 *                                subsystem_device, class, numa_node,
 *                                sriov_numvfs, resource, and the symlink
 *                                "driver"
 *   ROOT/drivers/NAME/           one per driver, a link per bound device
 *
 * "Binding" a device replaces its driver symlink, as the kernel does when
 * dpdk-devbind.py writes to .../drivers/NAME/bind. A device without a driver
 * link is skipped by DPDK's scan, exactly as an unbound device in /sys.
 * Nothing here ever touches /sys: a root below /sys is refused.
 */
#ifndef HOTPLUG_MP_PCISIM_SYSFS_TREE_H
#define HOTPLUG_MP_PCISIM_SYSFS_TREE_H

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace hotplug_mp::pcisim {

/* The simulated NIC's identity; net_simnic matches these ids. */
inline constexpr uint16_t simnic_vendor = 0x1b36;
inline constexpr uint16_t simnic_device = 0xd5d0;
/* The kernel driver a simulated NIC has before it is bound for DPDK. */
inline constexpr const char *simnic_kernel_driver = "simnic";

class Error : public std::runtime_error {
	using std::runtime_error::runtime_error;
};

/*
 * "0000:81:00.0" or "81:00.0" (domain 0) to the canonical, lower-case
 * DDDD:BB:DD.F form; throws Error naming what is wrong.
 */
std::string canonical_pci_addr(const std::string &addr);

struct DeviceSpec {
	std::string addr;
	uint16_t vendor = simnic_vendor;
	uint16_t device = simnic_device;
	uint16_t subsystem_vendor = simnic_vendor;
	uint16_t subsystem_device = 0;
	uint32_t class_id = 0x020000; /* Ethernet controller */
	int numa_node = -1;
	std::string driver = simnic_kernel_driver; /* "" for none */
};

struct DeviceState {
	std::string addr;
	uint16_t vendor, device;
	uint32_t class_id;
	std::string driver; /* "" when unbound */
	bool operator==(const DeviceState &) const = default;
};

/* Whether DPDK's PCI bus can use a device bound to this driver. */
bool is_dpdk_driver(const std::string &driver);

class Tree {
public:
	/* Creates ROOT/devices and ROOT/drivers (ROOT may exist, empty). */
	static Tree create(const std::filesystem::path &root);
	/* Opens a tree made by create(); throws Error if it is not one. */
	static Tree open(const std::filesystem::path &root);

	const std::filesystem::path &root() const { return root_; }
	/* What SYSFS_PCI_DEVICES must be set to. */
	std::filesystem::path devices_dir() const { return root_ / "devices"; }

	void add(const DeviceSpec &spec);
	/* Replaces the driver link; driver may be any name. */
	void bind(const std::string &addr, const std::string &driver);
	/* Removes the driver link: DPDK no longer sees the device. */
	void unbind(const std::string &addr);
	/* Removes the device, as a hot-unplug of the card would. */
	void remove(const std::string &addr);

	std::vector<DeviceState> devices() const;
	DeviceState device(const std::string &addr) const;

private:
	explicit Tree(std::filesystem::path root) : root_(std::move(root)) {}
	/* The directory of an existing device; throws Error if none. */
	std::filesystem::path device_dir(const std::string &addr) const;
	void unlink_driver(const std::filesystem::path &dev, const std::string &addr);

	std::filesystem::path root_;
};

} // namespace hotplug_mp::pcisim

#endif
