/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ethdev ports of this process, listed while other threads release
 * ports: the module's remover, and the interrupt thread running another
 * process's detach request.
 */
#ifndef HOTPLUG_MP_EAL_PORTS_H
#define HOTPLUG_MP_EAL_PORTS_H

#include <mutex>
#include <vector>

#include "hotplug.h"

namespace hotplug_mp {

class EalPorts {
public:
	/*
	 * Its ethdev callbacks stay registered: ethdev keeps them in EAL
	 * memory (rte_zmalloc()), which rte_eal_cleanup() has released by the
	 * time the module goes, at exit; unregistering them then crashed.
	 */
	EalPorts() = default;
	~EalPorts() = default;
	EalPorts(const EalPorts &) = delete;
	EalPorts &operator=(const EalPorts &) = delete;

	/* The ports by id; no port is released while they are read. */
	std::vector<Port> list();

private:
	std::once_flag registering_;
};

} // namespace hotplug_mp

#endif
