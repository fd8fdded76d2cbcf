/* SPDX-License-Identifier: BSD-3-Clause */
#include "forwarding.h"

#include <atomic>
#include <cerrno>
#include <mutex>
#include <set>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "module.h"

namespace hotplug_mp::host {
namespace {

constexpr uint16_t burst = 32;
constexpr uint16_t ring_size = 512;
constexpr const char *pool_name = "hpmp_fwd_pool";

/* The one forwarding of this process. */
struct Forwarding {
	std::mutex mutex;               /* start, stop, status */
	std::atomic<bool> run{false};   /* read by the lcore */
	std::atomic<uint64_t> packets{0};
	uint16_t port = 0;
	unsigned int lcore = RTE_MAX_LCORE; /* RTE_MAX_LCORE: not running */
	std::set<uint16_t> started;     /* ports this primary started */
	bool watching = false;          /* the detach handler is registered */
};

Forwarding &
fwd()
{
	static Forwarding f;
	return f;
}

int
loop(void *)
{
	Forwarding &f = fwd();
	struct rte_mbuf *pkts[burst];

	while (f.run.load(std::memory_order_acquire)) {
		uint16_t n = rte_eth_rx_burst(f.port, 0, pkts, burst);
		if (n == 0)
			continue;
		uint16_t sent = rte_eth_tx_burst(f.port, 0, pkts, n);
		for (uint16_t i = sent; i < n; i++)
			rte_pktmbuf_free(pkts[i]);
		f.packets.fetch_add(n, std::memory_order_relaxed);
	}
	return 0;
}

std::string
device_of(uint16_t port)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	if (rte_eth_dev_get_name_by_port(port, name) != 0)
		return "";
	return name;
}

Result
failed(int err, const std::string &reason)
{
	Result r;
	r.error = err;
	r.reason = reason;
	return r;
}

/* Stops the lcore; the caller holds f.mutex. */
void
stop_locked(Forwarding &f)
{
	if (f.lcore == RTE_MAX_LCORE)
		return;
	f.run.store(false, std::memory_order_release);
	rte_eal_wait_lcore(f.lcore);
	f.lcore = RTE_MAX_LCORE;
}

#if HOTPLUG_MP_HAVE_HANDLERS

/*
 * Runs in the thread doing the detach here (the interrupt thread in a
 * secondary) once every process allowed it, just before the device goes
 * from this one: stop polling its port, and in the primary stop the port
 * it started. A detach that some process refuses stops nothing.
 */
void
on_event(const struct rte_dev_hotplug_request *req,
	enum rte_dev_hotplug_event event, void *) noexcept
{
	if (event != RTE_DEV_HOTPLUG_DETACHING)
		return;
	Forwarding &f = fwd();
	std::lock_guard<std::mutex> g(f.mutex);
	if (f.lcore != RTE_MAX_LCORE && device_of(f.port) == req->devname) {
		stop_locked(f);
		/* an EAL thread: the line waits for the next prompt */
		try {
			Module::instance().console().post("stopped forwarding on "
				"port " + std::to_string(f.port) + " (" +
				req->devname + "): it is being detached");
		} catch (...) {
		}
	}
	for (auto it = f.started.begin(); it != f.started.end();) {
		if (device_of(*it) == req->devname) {
			rte_eth_dev_stop(*it);
			it = f.started.erase(it);
		} else {
			++it;
		}
	}
}

/* No pre_detach: forwarding never refuses, so it adds no round trip. */
const struct rte_dev_hotplug_ops ops = {
	.pre_detach = nullptr,
	.event = on_event,
};

#endif

} // namespace

Result
port_start(uint16_t port)
{
	Result r;
	r.device = device_of(port);
	if (!rte_eth_dev_is_valid_port(port))
		return failed(-ENODEV, "no such port");
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return failed(-EPERM, "only the primary process configures ports");

	struct rte_mempool *mp = rte_mempool_lookup(pool_name);
	if (mp == nullptr)
		mp = rte_pktmbuf_pool_create(pool_name, 4095, 256, 0,
			RTE_MBUF_DEFAULT_BUF_SIZE, static_cast<int>(rte_socket_id()));
	if (mp == nullptr)
		return failed(-rte_errno, "cannot create the mbuf pool");

	struct rte_eth_conf conf = {};
	int ret = rte_eth_dev_configure(port, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, ring_size,
			rte_eth_dev_socket_id(port), nullptr, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, ring_size,
			rte_eth_dev_socket_id(port), nullptr);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	if (ret != 0)
		return failed(ret, "cannot configure and start the port");
	std::lock_guard<std::mutex> g(fwd().mutex);
	fwd().started.insert(port);
	return r;
}

Result
forward_start(uint16_t port)
{
	Forwarding &f = fwd();
	std::lock_guard<std::mutex> g(f.mutex);
	if (!rte_eth_dev_is_valid_port(port))
		return failed(-ENODEV, "no such port");
	if (f.lcore != RTE_MAX_LCORE)
		return failed(-EBUSY, "already forwarding on port " +
			std::to_string(f.port) + "; forward stop first");
	/*
	 * DPDK (22.11 to 26.07) sets a process's fast-path queue pointers
	 * when the port is probed in it (secondary) or started (primary): a
	 * secondary which attached the port before the primary configured it
	 * has none.
	 */
	if (rte_eth_fp_ops[port].rxq.data == nullptr ||
	    rte_eth_fp_ops[port].txq.data == nullptr)
		return failed(-ENOTCONN, "this process has no queues of the "
			"port: it was attached here before the primary configured "
			"it (start this process after \"port start\")");
	unsigned int lcore;
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (rte_eal_get_lcore_state(lcore) == WAIT)
			break;
	}
	if (lcore >= RTE_MAX_LCORE)
		return failed(-ENOSPC, "no free worker lcore "
			"(start the process with two, e.g. -l 0-1 --main-lcore 1)");
	f.port = port;
	f.packets = 0;
	f.run = true;
	int ret = rte_eal_remote_launch(loop, nullptr, lcore);
	if (ret != 0) {
		f.run = false;
		return failed(ret, "cannot launch the lcore");
	}
	f.lcore = lcore;
	Result r;
	r.device = device_of(port);
	return r;
}

Result
forward_stop()
{
	Forwarding &f = fwd();
	std::lock_guard<std::mutex> g(f.mutex);
	if (f.lcore == RTE_MAX_LCORE)
		return failed(-EINVAL, "not forwarding");
	stop_locked(f);
	return Result{};
}

void
forward_shutdown()
{
#if HOTPLUG_MP_HAVE_HANDLERS
	/* returns once a running handler has: none runs after */
	if (fwd().watching)
		rte_dev_hotplug_handler_unregister(&ops, nullptr);
	fwd().watching = false;
#endif
	Forwarding &f = fwd();
	std::lock_guard<std::mutex> g(f.mutex);
	stop_locked(f);
}

std::string
forward_status()
{
	Forwarding &f = fwd();
	std::lock_guard<std::mutex> g(f.mutex);
	if (f.lcore == RTE_MAX_LCORE)
		return "not forwarding";
	return "forwarding on port " + std::to_string(f.port) + " (" +
		device_of(f.port) + ") on lcore " + std::to_string(f.lcore) +
		": " + std::to_string(f.packets.load()) + " packets";
}

bool
forwarding_watches_detach()
{
#if HOTPLUG_MP_HAVE_HANDLERS
	fwd().watching = rte_dev_hotplug_handler_register(&ops, nullptr) == 0;
	return fwd().watching;
#else
	return false;
#endif
}

bool
forwarding_safe_from_detach()
{
	return HOTPLUG_MP_HAVE_HANDLERS;
}

} // namespace hotplug_mp::host
