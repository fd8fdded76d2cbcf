/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A card taken out of the simulated tree (dpdk-pcisim remove ADDR): its
 * port reports RTE_ETH_EVENT_INTR_RMV, as a NIC whose device-removal
 * interrupt fires (mlx5, failsafe's sub-devices). With
 * SIMNIC_RMV_WATCH_MS=N in its environment, a process looks every N ms,
 * from an EAL alarm, whether the device of each of its ports is still in
 * the tree: the event comes from the interrupt thread, as real PMDs
 * report it, and its callbacks (testpmd's deferred removal) run there.
 */
#ifndef HOTPLUG_MP_SIMNIC_REMOVAL_WATCH_H
#define HOTPLUG_MP_SIMNIC_REMOVAL_WATCH_H

#include <ethdev_driver.h>

namespace hotplug_mp::simnic {

/* Watches the device of dev every every_ms, until it is gone or stopped. */
void removal_watch_start(struct rte_eth_dev *dev, unsigned int every_ms);
/* Stops the watch of dev, if any; waits for a look under way. */
void removal_watch_stop(struct rte_eth_dev *dev);

} // namespace hotplug_mp::simnic

#endif
