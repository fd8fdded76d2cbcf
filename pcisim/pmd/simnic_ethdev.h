/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated NIC's ethdev: what a port does once the PCI driver has
 * probed it. Packets sent on tx queue i come back on rx queue i (loopback),
 * through a ring in shared memory, so any process of the group can poll.
 */
#ifndef HOTPLUG_MP_SIMNIC_ETHDEV_H
#define HOTPLUG_MP_SIMNIC_ETHDEV_H

#include <ethdev_driver.h>

namespace hotplug_mp::simnic {

/* Private data of a port, in shared memory. */
size_t adapter_size();

/* Sets up a port just allocated (primary) or attached (secondary). */
int ethdev_init(struct rte_eth_dev *dev);
/* Releases what ethdev_init and queue set-up took, in this process. */
int ethdev_uninit(struct rte_eth_dev *dev);

} // namespace hotplug_mp::simnic

#endif
