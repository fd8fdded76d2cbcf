/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-process fault injection, read from the environment of the process at
 * each probe and remove, so that every process of a multi-process group can
 * be told something different:
 *
 *   SIMNIC_FAIL_PROBE=all|ADDR[,ADDR...]   probe fails with -EIO
 *   SIMNIC_FAIL_REMOVE=all|ADDR[,ADDR...]  remove fails with -EBUSY
 *   SIMNIC_PROBE_DELAY_MS=N                probe takes N ms more
 *                                           (a real NIC's init cost)
 *   SIMNIC_REMOVE_DELAY_MS=N               remove takes N ms more
 *   SIMNIC_PROBE_ALARM_MS=N                probe waits for an EAL alarm of
 *                                           N ms, as drivers that poll their
 *                                           hardware from alarms do; it
 *                                           fails if the alarm is late
 *   SIMNIC_RMV_WATCH_MS=N                  a port looks every N ms whether its
 *                                           card is still in the tree and
 *                                           reports its removal (see
 *                                           removal_watch.h)
 *   SIMNIC_PROBE_ATTACH=DEVARGS            probe first attaches DEVARGS with
 *                                           rte_dev_probe(), as drivers with
 *                                           sub-devices do (failsafe,
 *                                           vdev_netvsc), and fails if that
 *                                           attach fails
 *   SIMNIC_PROBE_AGAIN=1                   (read once, at start) the driver
 *                                           takes a device it has already
 *                                           probed again
 *                                           (RTE_PCI_DRV_PROBE_AGAIN), as mlx5
 *                                           does to add representors; a
 *                                           repeated probe adds no port
 */
#ifndef HOTPLUG_MP_SIMNIC_FAULTS_H
#define HOTPLUG_MP_SIMNIC_FAULTS_H

#include <string>

#include <rte_pci.h>

namespace hotplug_mp::simnic {

struct Faults {
	bool fail_probe = false;
	bool fail_remove = false;
	unsigned int probe_delay_ms = 0;
	unsigned int remove_delay_ms = 0;
	unsigned int probe_alarm_ms = 0;
	unsigned int rmv_watch_ms = 0;
	std::string probe_attach;
};

Faults faults_for(const struct rte_pci_addr &addr);

} // namespace hotplug_mp::simnic

#endif
