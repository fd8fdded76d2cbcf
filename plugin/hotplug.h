/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device hotplug as the command module sees it. No DPDK type appears here:
 * make_eal_hotplug() is the one door to the EAL, and everything DPDK-specific
 * lives in eal_hotplug.cpp.
 */
#ifndef HOTPLUG_MP_HOTPLUG_H
#define HOTPLUG_MP_HOTPLUG_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "result.h"

namespace hotplug_mp {

struct Port {
	uint16_t id;
	std::string name;
};

/*
 * What another process's request did to a device here (the event handlers
 * of change eal-hotplug-handlers).
 */
struct Event {
	enum Kind { attached, detached, attach_rolled_back, detach_rolled_back };
	Kind kind;
	std::string device;
	int requester;          /* process ID */
	bool requester_primary;
};

class Hotplug {
public:
	virtual ~Hotplug() = default;

	/* Attach in every process of the multi-process group. */
	virtual Result attach(const std::string &devargs) = 0;
	/* Detach from every process of the multi-process group. */
	virtual Result detach(const std::string &devargs) = 0;
	/* Ethernet ports this process sees, by port id. */
	virtual std::vector<Port> ports() const = 0;
	/* "primary" or "secondary". */
	virtual std::string role() const = 0;

	/*
	 * The group's hotplug timeout: the time an attach or detach may take
	 * in every process (change eal-hotplug-timeout-setting). On
	 * success error is 0 and *ms set; -ENOTSUP where the EAL has no such
	 * setting.
	 */
	virtual Result timeout(unsigned int *ms) const = 0;
	/* Sets it; only the primary may (-EPERM elsewhere). */
	virtual Result set_timeout(unsigned int ms) = 0;

	/*
	 * While a device is locked here, its detach fails in every process
	 * (the pre-detach handlers of change eal-detach-refusal); -ENOTSUP where the
	 * EAL cannot refuse a detach, -ENODEV for a device this process does
	 * not have.
	 */
	virtual Result lock(const std::string &devname) = 0;
	virtual Result unlock(const std::string &devname) = 0;
	/*
	 * Calls on_event for each attach, detach and rollback done here, in
	 * the EAL thread that does it; -ENOTSUP where the EAL has no events.
	 */
	virtual Result watch(std::function<void(const Event &)> on_event) = 0;

	/*
	 * Calls on_removal with a device's name when the machine takes it
	 * away: the kernel asks for it back (VFIO's device request) or has
	 * removed it (a uevent, with uio). In the EAL's interrupt thread, in
	 * the primary only, which is to detach it from every process. May be
	 * called before rte_eal_init().
	 */
	virtual Result watch_removals(
		std::function<void(const std::string &)> on_removal) = 0;
	/*
	 * Once rte_eal_init() is done: what watching removals needs of the
	 * EAL, the uevent monitor in the primary and, in every process, the
	 * handling of accesses to a removed device's BARs (SIGBUS).
	 */
	virtual Result start_removals() = 0;
};

std::unique_ptr<Hotplug> make_eal_hotplug();

} // namespace hotplug_mp

#endif
