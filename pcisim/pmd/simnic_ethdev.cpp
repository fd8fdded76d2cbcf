/* SPDX-License-Identifier: BSD-3-Clause */
#include "simnic_ethdev.h"

#include <cstdio>

#include <ethdev_pci.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_version.h>

#include "removal_watch.h"
#include "simnic_log.h"

namespace hotplug_mp::simnic {

namespace {

constexpr uint16_t max_queues = 8;
constexpr uint16_t max_desc = 4096;
constexpr uint16_t min_desc = 32;

/*
 * One queue, in shared memory. An rx queue owns the ring its tx twin fills;
 * counters are written only by the one process polling the queue.
 */
struct Queue {
	struct rte_ring *ring;    /* rx: owned; tx: the rx twin's, or none */
	uint16_t port_id;
	uint16_t queue_id;
	uint64_t packets;
	uint64_t bytes;
	uint64_t errors;
};

struct Adapter {
	struct rte_ether_addr mac;
};

Queue *
rxq(struct rte_eth_dev *dev, uint16_t i)
{
	return static_cast<Queue *>(dev->data->rx_queues[i]);
}

Queue *
txq(struct rte_eth_dev *dev, uint16_t i)
{
	return static_cast<Queue *>(dev->data->tx_queues[i]);
}

uint16_t
rx_burst(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	auto *q = static_cast<Queue *>(queue);
	unsigned int got = rte_ring_dequeue_burst(q->ring,
		reinterpret_cast<void **>(pkts), n, nullptr);
	for (unsigned int i = 0; i < got; i++) {
		pkts[i]->port = q->port_id;
		q->bytes += rte_pktmbuf_pkt_len(pkts[i]);
	}
	q->packets += got;
	return static_cast<uint16_t>(got);
}

uint16_t
tx_burst(void *queue, struct rte_mbuf **pkts, uint16_t n)
{
	auto *q = static_cast<Queue *>(queue);
	if (q->ring == nullptr) {
		/* no rx twin: the wire takes them and nobody listens */
		for (uint16_t i = 0; i < n; i++) {
			q->bytes += rte_pktmbuf_pkt_len(pkts[i]);
			rte_pktmbuf_free(pkts[i]);
		}
		q->packets += n;
		return n;
	}
	uint64_t bytes = 0;
	for (uint16_t i = 0; i < n; i++)
		bytes += rte_pktmbuf_pkt_len(pkts[i]);
	unsigned int sent = rte_ring_enqueue_burst(q->ring,
		reinterpret_cast<void **>(pkts), n, nullptr);
	for (unsigned int i = sent; i < n; i++)
		bytes -= rte_pktmbuf_pkt_len(pkts[i]);
	q->packets += sent;
	q->bytes += bytes;
	q->errors += n - sent;
	return static_cast<uint16_t>(sent);
}

int
dev_configure(struct rte_eth_dev *)
{
	return 0;
}

int
dev_infos_get(struct rte_eth_dev *, struct rte_eth_dev_info *info)
{
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = 9618;
	info->max_rx_queues = max_queues;
	info->max_tx_queues = max_queues;
	info->min_rx_bufsize = 0;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	info->rx_desc_lim.nb_max = max_desc;
	info->rx_desc_lim.nb_min = min_desc;
	info->rx_desc_lim.nb_align = 1;
	info->tx_desc_lim = info->rx_desc_lim;
	return 0;
}

void
queue_free(Queue *q, bool owns_ring)
{
	if (q == nullptr)
		return;
	if (owns_ring && q->ring != nullptr) {
		/* packets still in flight go back to their pools */
		void *m;
		while (rte_ring_dequeue(q->ring, &m) == 0)
			rte_pktmbuf_free(static_cast<struct rte_mbuf *>(m));
		rte_ring_free(q->ring);
	}
	rte_free(q);
}

void
rx_queue_release(struct rte_eth_dev *dev, uint16_t i)
{
	queue_free(rxq(dev, i), true);
	dev->data->rx_queues[i] = nullptr;
}

void
tx_queue_release(struct rte_eth_dev *dev, uint16_t i)
{
	queue_free(txq(dev, i), false);
	dev->data->tx_queues[i] = nullptr;
}

int
rx_queue_setup(struct rte_eth_dev *dev, uint16_t i, uint16_t nb_desc,
	unsigned int socket, const struct rte_eth_rxconf *,
	struct rte_mempool *)
{
	if (dev->data->rx_queues[i] != nullptr)
		rx_queue_release(dev, i);
	auto *q = static_cast<Queue *>(rte_zmalloc_socket("simnic_rxq",
		sizeof(Queue), RTE_CACHE_LINE_SIZE, static_cast<int>(socket)));
	if (q == nullptr)
		return -ENOMEM;
	char name[RTE_RING_NAMESIZE];
	snprintf(name, sizeof(name), "simnic_p%u_q%u", dev->data->port_id, i);
	q->ring = rte_ring_create(name, nb_desc, static_cast<int>(socket),
		RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
	if (q->ring == nullptr) {
		SIMNIC_LOG(ERR, "%s: cannot create ring %s: %s",
			dev->data->name, name, rte_strerror(rte_errno));
		rte_free(q);
		return -rte_errno;
	}
	q->port_id = dev->data->port_id;
	q->queue_id = i;
	dev->data->rx_queues[i] = q;
	return 0;
}

int
tx_queue_setup(struct rte_eth_dev *dev, uint16_t i, uint16_t,
	unsigned int socket, const struct rte_eth_txconf *)
{
	if (dev->data->tx_queues[i] != nullptr)
		tx_queue_release(dev, i);
	auto *q = static_cast<Queue *>(rte_zmalloc_socket("simnic_txq",
		sizeof(Queue), RTE_CACHE_LINE_SIZE, static_cast<int>(socket)));
	if (q == nullptr)
		return -ENOMEM;
	q->port_id = dev->data->port_id;
	q->queue_id = i;
	dev->data->tx_queues[i] = q;
	return 0;
}

int
dev_start(struct rte_eth_dev *dev)
{
	/* the loopback: tx queue i feeds rx queue i */
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		Queue *t = txq(dev, i);
		Queue *r = i < dev->data->nb_rx_queues ? rxq(dev, i) : nullptr;
		if (t != nullptr)
			t->ring = r != nullptr ? r->ring : nullptr;
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	dev->data->dev_link.link_status = RTE_ETH_LINK_UP;
	return 0;
}

int
dev_stop(struct rte_eth_dev *dev)
{
	dev->data->dev_link.link_status = RTE_ETH_LINK_DOWN;
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

int
dev_close(struct rte_eth_dev *dev)
{
	removal_watch_stop(dev);
	/* queues live in shared memory: only the primary frees them */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		tx_queue_release(dev, i);
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		rx_queue_release(dev, i);
	return 0;
}

int
link_update(struct rte_eth_dev *, int)
{
	return 0; /* start and stop keep dev_link current */
}

/*
 * Per-queue counters: in struct rte_eth_stats up to DPDK 25.07, in a struct
 * eth_queue_stats of their own from 25.11 on.
 */
#if RTE_VERSION >= RTE_VERSION_NUM(25, 11, 0, 0)
using QueueStats = struct eth_queue_stats;
#else
using QueueStats = struct rte_eth_stats;
#endif

int
queue_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st,
	QueueStats *qst)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		const Queue *q = rxq(dev, i);
		if (q == nullptr)
			continue;
		st->ipackets += q->packets;
		st->ibytes += q->bytes;
		if (qst != nullptr && i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			qst->q_ipackets[i] = q->packets;
			qst->q_ibytes[i] = q->bytes;
		}
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		const Queue *q = txq(dev, i);
		if (q == nullptr)
			continue;
		st->opackets += q->packets;
		st->obytes += q->bytes;
		st->oerrors += q->errors;
		if (qst != nullptr && i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			qst->q_opackets[i] = q->packets;
			qst->q_obytes[i] = q->bytes;
		}
	}
	return 0;
}

#if RTE_VERSION >= RTE_VERSION_NUM(25, 11, 0, 0)
int
stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st,
	struct eth_queue_stats *qst)
{
	return queue_stats_get(dev, st, qst);
}
#else
int
stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	return queue_stats_get(dev, st, st);
}
#endif

int
stats_reset(struct rte_eth_dev *dev)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		if (Queue *q = rxq(dev, i))
			q->packets = q->bytes = q->errors = 0;
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		if (Queue *q = txq(dev, i))
			q->packets = q->bytes = q->errors = 0;
	return 0;
}

int
accept(struct rte_eth_dev *)
{
	return 0; /* a loopback receives everything anyway */
}

int
mtu_set(struct rte_eth_dev *, uint16_t)
{
	return 0;
}

const struct eth_dev_ops *
ops()
{
	static const struct eth_dev_ops o = [] {
		struct eth_dev_ops v = {};
		v.dev_configure = dev_configure;
		v.dev_start = dev_start;
		v.dev_stop = dev_stop;
		v.dev_close = dev_close;
		v.promiscuous_enable = accept;
		v.promiscuous_disable = accept;
		v.allmulticast_enable = accept;
		v.allmulticast_disable = accept;
		v.link_update = link_update;
		v.stats_get = stats_get;
		v.stats_reset = stats_reset;
		v.dev_infos_get = dev_infos_get;
		v.mtu_set = mtu_set;
		v.rx_queue_setup = rx_queue_setup;
		v.rx_queue_release = rx_queue_release;
		v.tx_queue_setup = tx_queue_setup;
		v.tx_queue_release = tx_queue_release;
		return v;
	}();
	return &o;
}

} // namespace

size_t
adapter_size()
{
	return sizeof(Adapter);
}

int
ethdev_init(struct rte_eth_dev *dev)
{
	/* function pointers differ per process: set them in every one */
	dev->dev_ops = ops();
	dev->rx_pkt_burst = rx_burst;
	dev->tx_pkt_burst = tx_burst;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;

	auto *ad = static_cast<Adapter *>(dev->data->dev_private);
	const struct rte_pci_addr &a =
		container_of(dev->device, struct rte_pci_device, device)->addr;
	/* locally administered, unique per PCI address */
	ad->mac = {{0x02, 0x5d, static_cast<uint8_t>(a.domain),
		static_cast<uint8_t>(a.bus), static_cast<uint8_t>(a.devid),
		static_cast<uint8_t>(a.function)}};
	dev->data->mac_addrs = static_cast<struct rte_ether_addr *>(
		rte_zmalloc("simnic_mac", sizeof(struct rte_ether_addr), 0));
	if (dev->data->mac_addrs == nullptr)
		return -ENOMEM;
	rte_ether_addr_copy(&ad->mac, dev->data->mac_addrs);
	dev->data->dev_link.link_speed = RTE_ETH_SPEED_NUM_10G;
	dev->data->dev_link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	dev->data->dev_link.link_autoneg = RTE_ETH_LINK_FIXED;
	dev->data->dev_link.link_status = RTE_ETH_LINK_DOWN;
	return 0;
}

int
ethdev_uninit(struct rte_eth_dev *dev)
{
	return dev_close(dev);
}

} // namespace hotplug_mp::simnic
