/* SPDX-License-Identifier: BSD-3-Clause */
#include "removal_watch.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include <rte_alarm.h>
#include <bus_pci_driver.h>

#include "simnic_log.h"

namespace hotplug_mp::simnic {

namespace {

struct Watch {
	std::string path;   /* the device's directory in the tree */
	unsigned int every_ms;
};

/* The watched ports of this process, by port id. */
std::mutex watches_lock;
std::map<uint16_t, Watch> watches;

void *
arg_of(uint16_t port_id)
{
	return reinterpret_cast<void *>(static_cast<uintptr_t>(port_id));
}

void
look(void *arg)
{
	const auto port_id = static_cast<uint16_t>(reinterpret_cast<uintptr_t>(arg));
	unsigned int every_ms;
	{
		std::lock_guard<std::mutex> g(watches_lock);
		auto it = watches.find(port_id);
		if (it == watches.end())
			return;
		std::error_code ec;
		if (std::filesystem::exists(it->second.path, ec)) {
			every_ms = it->second.every_ms;
		} else {
			SIMNIC_LOG(INFO, "port %u: its card is gone from %s: "
				"reporting a removal", port_id,
				it->second.path.c_str());
			watches.erase(it);
			every_ms = 0;
		}
	}
	if (every_ms == 0) {
		rte_eth_dev_callback_process(&rte_eth_devices[port_id],
			RTE_ETH_EVENT_INTR_RMV, nullptr);
		return;
	}
	if (rte_eal_alarm_set(every_ms * 1000ULL, look, arg) != 0)
		SIMNIC_LOG(ERR, "port %u: cannot watch for removal", port_id);
}

} // namespace

void
removal_watch_start(struct rte_eth_dev *dev, unsigned int every_ms)
{
	const uint16_t port_id = dev->data->port_id;
	std::string path = std::string(rte_pci_get_sysfs_path()) + "/" +
		dev->device->name;
	{
		std::lock_guard<std::mutex> g(watches_lock);
		watches[port_id] = Watch{path, every_ms};
	}
	SIMNIC_LOG(INFO, "port %u: reports its removal from %s "
		"(SIMNIC_RMV_WATCH_MS)", port_id, path.c_str());
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_RMV;
	if (rte_eal_alarm_set(every_ms * 1000ULL, look, arg_of(port_id)) != 0)
		SIMNIC_LOG(ERR, "port %u: cannot watch for removal", port_id);
}

void
removal_watch_stop(struct rte_eth_dev *dev)
{
	const uint16_t port_id = dev->data->port_id;
	{
		std::lock_guard<std::mutex> g(watches_lock);
		if (watches.erase(port_id) == 0)
			return;
	}
	/* a look under way ends first; from within one, it ends after */
	rte_eal_alarm_cancel(look, arg_of(port_id));
}

} // namespace hotplug_mp::simnic
