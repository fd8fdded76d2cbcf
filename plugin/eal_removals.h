/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Devices the machine takes away, through DPDK's device events: the PCI
 * bus turns VFIO's device request into RTE_DEV_EVENT_REMOVE in the
 * primary, and the uevent monitor does the same for a device the kernel
 * removed (uio). rte_dev_hotplug_handle_enable() keeps an access to a
 * removed device's BARs from killing a process (SIGBUS).
 */
#ifndef HOTPLUG_MP_EAL_REMOVALS_H
#define HOTPLUG_MP_EAL_REMOVALS_H

#include <functional>
#include <mutex>
#include <string>

#include "hotplug.h"

namespace hotplug_mp {

class EalRemovals {
public:
	EalRemovals() = default;
	/* Unregisters and stops what it registered and started. */
	~EalRemovals();
	EalRemovals(const EalRemovals &) = delete;
	EalRemovals &operator=(const EalRemovals &) = delete;

	Result watch(std::function<void(const std::string &)> on_removal);
	Result start();

	/* Called by the EAL (see eal_removals.cpp). */
	void removed(const std::string &devname);

private:
	std::mutex mutex_;
	std::function<void(const std::string &)> on_removal_;
	bool registered_ = false;
	bool monitoring_ = false;
	bool handling_ = false;
};

} // namespace hotplug_mp

#endif
