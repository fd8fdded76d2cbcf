/* SPDX-License-Identifier: BSD-3-Clause */
#include "eal_ports.h"

#include <bitset>

#include <rte_eal.h>
#include <rte_ethdev.h>

#include "log.h"

namespace hotplug_mp {

namespace {

/*
 * ethdev's iteration (RTE_ETH_FOREACH_DEV) takes no lock: it reads the
 * data of a port that rte_eth_dev_release_port(), in the thread detaching
 * its device, clears meanwhile (in the primary), and "list" crashed so (a removed e1000e,
 * detached by the remover while the emulated machine's test listed the
 * ports). A release calls the port's DESTROY callbacks before it clears
 * anything: the port is marked there, under the lock a listing holds, and
 * a listing reads no marked port. A port id given out again is unmarked
 * by its NEW event.
 */
std::mutex listing;
std::bitset<RTE_MAX_ETHPORTS> releasing;

/*
 * Hand-off: the thread releasing a port waits here until no listing runs
 * (a listing takes microseconds), so none reads the port once it goes on.
 * No exception leaves: this is called from C.
 */
int
port_event(uint16_t port_id, enum rte_eth_event_type event, void *,
	void *) noexcept
{
	try {
		std::lock_guard<std::mutex> g(listing);
		if (port_id < RTE_MAX_ETHPORTS)
			releasing[port_id] = event == RTE_ETH_EVENT_DESTROY;
	} catch (...) {
	}
	return 0;
}

} // namespace

std::vector<Port>
EalPorts::list()
{
	/*
	 * At the first listing, once the EAL runs: a release before it has
	 * no listing to wait for. In the primary only: a secondary's release
	 * leaves the port's data, in shared memory, where it was, and the
	 * callbacks would take shared memory (rte_zmalloc()) from a secondary,
	 * which DPDK's AddressSanitizer support cannot follow (each process
	 * keeps its own view of the shared heap).
	 */
	std::call_once(registering_, [] {
		if (rte_eal_process_type() != RTE_PROC_PRIMARY)
			return;
		int ret = rte_eth_dev_callback_register(RTE_ETH_ALL,
			RTE_ETH_EVENT_NEW, port_event, nullptr);
		if (ret == 0) {
			ret = rte_eth_dev_callback_register(RTE_ETH_ALL,
				RTE_ETH_EVENT_DESTROY, port_event, nullptr);
			if (ret != 0)
				rte_eth_dev_callback_unregister(RTE_ETH_ALL,
					RTE_ETH_EVENT_NEW, port_event, nullptr);
		}
		if (ret != 0)
			HPMP_LOG(ERR, "listing ports while another thread "
				"releases one may crash: %d", ret);
	});

	std::vector<Port> out;
	std::lock_guard<std::mutex> g(listing);

	/*
	 * The ports RTE_ETH_FOREACH_DEV gives, a marked one read not at all.
	 * A port whose data the primary cleared while this process still
	 * holds it has no name and no owner: ethdev's iteration gives it, and
	 * so does "list", which hides no disagreement between processes.
	 */
	for (uint16_t id = 0; id < RTE_MAX_ETHPORTS; id++) {
		struct rte_eth_dev_owner owner;
		char name[RTE_ETH_NAME_MAX_LEN];

		if (releasing[id] || !rte_eth_dev_is_valid_port(id))
			continue;
		if (rte_eth_dev_get_name_by_port(id, name) != 0)
			continue;
		if (name[0] != '\0' && (rte_eth_dev_owner_get(id, &owner) != 0 ||
		    owner.id != RTE_ETH_DEV_NO_OWNER))
			continue;
		out.push_back(Port{id, name});
	}
	return out;
}

} // namespace hotplug_mp
