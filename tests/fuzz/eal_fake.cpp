/* SPDX-License-Identifier: BSD-3-Clause */
#include "eal_fake.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_ethdev.h>

namespace hotplug_mp::fuzz {

namespace {

/* what the EAL returns, success and the errors the module explains */
constexpr int answers[] = {
	0, -EEXIST, -EBUSY, -ENODEV, -ENOTSUP, -ETIMEDOUT, -ENOMSG, -EIO,
	-EINVAL, -ENOENT, -EFAULT, -EPERM, -ENOMEM, 1, -EAGAIN, -ECANCELED,
};

int
answer(uint8_t b)
{
	return answers[b % (sizeof(answers) / sizeof(answers[0]))];
}

} // namespace

std::string
configure_fake_eal(const uint8_t *data, size_t size, size_t max)
{
	size_t used = fake_eal().configure(data, size < max ? size : max);
	return std::string(reinterpret_cast<const char *>(data) + used,
		size - used);
}

FakeEal &
fake_eal()
{
	static FakeEal f;
	return f;
}

size_t
FakeEal::configure(const uint8_t *data, size_t size)
{
	constexpr size_t need = 6;
	uint8_t b[need] = {};

	std::memcpy(b, data, size < need ? size : need);
	*this = FakeEal{};
	primary = (b[0] & 1) == 0;
	primary_alive = (b[0] & 0x8) == 0;
	parse_ret = (b[0] & 0x6) != 0 ? 0 : answer(b[1] >> 4);
	probe_ret = answer(b[1]);
	remove_ret = answer(b[2]);
	timeout_ms = b[3] * 1000u;
	timeout_set_ret = answer(b[3] >> 4);
	/* up to 7 ports, ids spread over the range */
	for (unsigned int i = 0; i < (b[4] & 7u); i++)
		ports[static_cast<uint16_t>(i * (b[5] + 1u) % RTE_MAX_ETHPORTS)] =
			"net_null" + std::to_string(i);
	return size < need ? size : need;
}

} // namespace hotplug_mp::fuzz

using hotplug_mp::fuzz::fake_eal;

extern "C" {

/* the vdev name: what comes before the first comma */
int
__wrap_rte_devargs_parse(struct rte_devargs *da, const char *dev)
{
	std::memset(da, 0, sizeof(*da));
	if (fake_eal().parse_ret != 0)
		return fake_eal().parse_ret;
	std::snprintf(da->name, sizeof(da->name), "%.*s",
		static_cast<int>(std::strcspn(dev, ",")), dev);
	/* a bus, which only __wrap_rte_bus_name() looks at */
	static char bus;
	da->bus = reinterpret_cast<struct rte_bus *>(&bus);
	return 0;
}

void
__wrap_rte_devargs_reset(struct rte_devargs *)
{
}

const char *
__wrap_rte_bus_name(const struct rte_bus *)
{
	return "vdev";
}

int
__wrap_rte_dev_probe(const char *devargs)
{
	fake_eal().probes++;
	fake_eal().last_probe = devargs;
	return fake_eal().probe_ret;
}

int
__wrap_rte_eal_hotplug_remove(const char *bus, const char *name)
{
	fake_eal().removes++;
	fake_eal().last_bus = bus;
	fake_eal().last_name = name;
	return fake_eal().remove_ret;
}

enum rte_proc_type_t
__wrap_rte_eal_process_type(void)
{
	return fake_eal().primary ? RTE_PROC_PRIMARY : RTE_PROC_SECONDARY;
}

int
__wrap_rte_eal_primary_proc_alive(const char *)
{
	return fake_eal().primary_alive ? 1 : 0;
}

int
__wrap_rte_eth_dev_callback_register(uint16_t, enum rte_eth_event_type,
	rte_eth_dev_cb_fn, void *)
{
	return 0;
}

int
__wrap_rte_eth_dev_callback_unregister(uint16_t, enum rte_eth_event_type,
	rte_eth_dev_cb_fn, void *)
{
	return 0;
}

int
__wrap_rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return fake_eal().ports.count(port_id) != 0;
}

int
__wrap_rte_eth_dev_owner_get(const uint16_t port_id,
	struct rte_eth_dev_owner *owner)
{
	std::memset(owner, 0, sizeof(*owner));
	/* as ethdev: a port with no name has no data to read */
	auto it = fake_eal().ports.find(port_id);
	return it != fake_eal().ports.end() && !it->second.empty() ? 0 : -ENODEV;
}

int
__wrap_rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	auto it = fake_eal().ports.find(port_id);
	if (it == fake_eal().ports.end())
		return -ENODEV;
	std::snprintf(name, RTE_ETH_NAME_MAX_LEN, "%s", it->second.c_str());
	return 0;
}

unsigned int
__wrap_rte_dev_hotplug_timeout_get(void)
{
	return fake_eal().timeout_ms;
}

int
__wrap_rte_dev_hotplug_timeout_set(unsigned int ms)
{
	if (fake_eal().timeout_set_ret == 0)
		fake_eal().timeout_ms = ms;
	return fake_eal().timeout_set_ret;
}

/* Device events: nothing is ever removed from the fake's machine. */
int
__wrap_rte_dev_event_callback_register(const char *, rte_dev_event_cb_fn,
	void *)
{
	return 0;
}

int
__wrap_rte_dev_event_callback_unregister(const char *, rte_dev_event_cb_fn,
	void *)
{
	return 0;
}

int
__wrap_rte_dev_event_monitor_start(void)
{
	return 0;
}

int
__wrap_rte_dev_event_monitor_stop(void)
{
	return 0;
}

int
__wrap_rte_dev_hotplug_handle_enable(void)
{
	return 0;
}

int
__wrap_rte_dev_hotplug_handle_disable(void)
{
	return 0;
}

} // extern "C"
