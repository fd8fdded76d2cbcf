/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_simnic: a PCI driver for the simulated NIC of pcisim/tree. It goes
 * through DPDK's real PCI scan, probe and unplug, but maps no BAR, so it
 * needs no hardware: load it with EAL -d in every process of the group and
 * point SYSFS_PCI_DEVICES at a simulated tree.
 *
 * Like a PMD that maps its BARs, it takes only devices bound to vfio-pci,
 * igb_uio or uio_pci_generic; a device left with its kernel driver is
 * skipped, which makes rte_dev_probe() fail with -ENOTSUP.
 */
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

#include <bus_pci_driver.h>
#include <ethdev_pci.h>
#include <rte_alarm.h>
#include <rte_dev.h>
#include <rte_errno.h>

#include "faults.h"
#include "removal_watch.h"
#include "simnic_ethdev.h"
#include "simnic_log.h"

RTE_LOG_REGISTER(simnic_logtype, pmd.net.simnic, INFO);

namespace hotplug_mp::simnic {

namespace {

bool
bound_for_dpdk(const struct rte_pci_device *pdev)
{
	return pdev->kdrv == RTE_PCI_KDRV_VFIO ||
		pdev->kdrv == RTE_PCI_KDRV_IGB_UIO ||
		pdev->kdrv == RTE_PCI_KDRV_UIO_GENERIC;
}

void
alarm_fired(void *arg)
{
	static_cast<std::atomic<bool> *>(arg)->store(true);
}

/*
 * Waits for an EAL alarm of ms: it fires in the interrupt thread, which
 * must therefore be free to run it. Fails after 3 s more.
 */
int
wait_for_alarm(const char *name, unsigned int ms)
{
	using namespace std::chrono;
	SIMNIC_LOG(INFO, "%s: probe waits for an alarm of %u ms "
		"(SIMNIC_PROBE_ALARM_MS)", name, ms);
	std::atomic<bool> fired{false};
	int ret = rte_eal_alarm_set(ms * 1000ULL, alarm_fired, &fired);
	if (ret != 0)
		return ret;
	auto give_up = steady_clock::now() + milliseconds(ms) + seconds(3);
	while (!fired && steady_clock::now() < give_up)
		std::this_thread::sleep_for(milliseconds(1));
	if (!fired) {
		rte_eal_alarm_cancel(alarm_fired, &fired);
		SIMNIC_LOG(ERR, "%s: the alarm did not fire: the interrupt "
			"thread is held up", name);
		return -ETIMEDOUT;
	}
	return 0;
}

int
probe(struct rte_pci_driver *, struct rte_pci_device *pdev)
{
	const char *name = pdev->device.name;
	if (!bound_for_dpdk(pdev)) {
		SIMNIC_LOG(INFO, "%s is not bound to vfio-pci, igb_uio or "
			"uio_pci_generic: skipped", name);
		return 1;
	}
	Faults f = faults_for(pdev->addr);
	if (f.probe_delay_ms != 0) {
		SIMNIC_LOG(INFO, "%s: probe takes %u ms more "
			"(SIMNIC_PROBE_DELAY_MS)", name, f.probe_delay_ms);
		std::this_thread::sleep_for(std::chrono::milliseconds(f.probe_delay_ms));
	}
	if (f.probe_alarm_ms != 0) {
		int ret = wait_for_alarm(name, f.probe_alarm_ms);
		if (ret != 0)
			return ret;
	}
	if (!f.probe_attach.empty()) {
		/* a sub-device, attached from within this attach */
		int ret = rte_dev_probe(f.probe_attach.c_str());
		if (ret != 0 && ret != -EEXIST) {
			SIMNIC_LOG(ERR, "%s: cannot attach %s "
				"(SIMNIC_PROBE_ATTACH): %s", name,
				f.probe_attach.c_str(), rte_strerror(-ret));
			return ret;
		}
	}
	if (f.fail_probe) {
		SIMNIC_LOG(ERR, "%s: probe fails as SIMNIC_FAIL_PROBE asks", name);
		return -EIO;
	}
	uint16_t port;
	if (rte_eth_dev_get_port_by_name(name, &port) == 0) {
		/*
		 * Only with RTE_PCI_DRV_PROBE_AGAIN: the port is there
		 * already, in this process, and nothing is added.
		 */
		SIMNIC_LOG(INFO, "%s: probed again (SIMNIC_PROBE_AGAIN)", name);
		return 0;
	}
	/* a secondary attaches to the port the primary made, by name */
	struct rte_eth_dev *dev = rte_eth_dev_pci_allocate(pdev, adapter_size());
	if (dev == nullptr) {
		if (rte_eal_process_type() == RTE_PROC_PRIMARY)
			return -ENOMEM;
		SIMNIC_LOG(ERR, "%s: the primary process has no port for it",
			name);
		return -ENODEV;
	}
	int ret = ethdev_init(dev);
	if (ret != 0) {
		rte_eth_dev_release_port(dev);
		return ret;
	}
	rte_eth_dev_probing_finish(dev);
	if (f.rmv_watch_ms != 0)
		removal_watch_start(dev, f.rmv_watch_ms);
	/* what a test of a process exiting meanwhile waits for */
	if (f.probe_delay_ms != 0)
		SIMNIC_LOG(INFO, "%s: probe done after the delay", name);
	return 0;
}

int
remove(struct rte_pci_device *pdev)
{
	Faults f = faults_for(pdev->addr);
	if (f.remove_delay_ms != 0) {
		SIMNIC_LOG(INFO, "%s: remove takes %u ms more "
			"(SIMNIC_REMOVE_DELAY_MS)", pdev->device.name,
			f.remove_delay_ms);
		std::this_thread::sleep_for(std::chrono::milliseconds(f.remove_delay_ms));
	}
	if (f.fail_remove) {
		SIMNIC_LOG(ERR, "%s: remove fails as SIMNIC_FAIL_REMOVE asks",
			pdev->device.name);
		return -EBUSY;
	}
	return rte_eth_dev_pci_generic_remove(pdev, ethdev_uninit);
}

const struct rte_pci_id ids[] = {
	{RTE_PCI_DEVICE(0x1b36, 0xd5d0)},
	{.vendor_id = 0},
};

} // namespace

} // namespace hotplug_mp::simnic

static struct rte_pci_driver simnic_pci_driver = {
	.probe = hotplug_mp::simnic::probe,
	.remove = hotplug_mp::simnic::remove,
	.id_table = hotplug_mp::simnic::ids,
};

RTE_PMD_REGISTER_PCI(net_simnic, simnic_pci_driver);

/* before the EAL probes anything: the PCI bus reads the flag at each probe */
RTE_INIT(simnic_probe_again)
{
	const char *again = std::getenv("SIMNIC_PROBE_AGAIN");

	if (again != nullptr && std::string_view(again) == "1")
		simnic_pci_driver.drv_flags |= RTE_PCI_DRV_PROBE_AGAIN;
}
RTE_PMD_REGISTER_PCI_TABLE(net_simnic, hotplug_mp::simnic::ids);
RTE_PMD_REGISTER_KMOD_DEP(net_simnic, "* igb_uio | uio_pci_generic | vfio-pci");
