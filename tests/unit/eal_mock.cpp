/* SPDX-License-Identifier: BSD-3-Clause */
#include "eal_mock.h"

#include <cstring>

#include <rte_bus.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_ethdev.h>

namespace hotplug_mp::test {

namespace {
EalMock *current;
}

EalMock::EalMock() { current = this; }
EalMock::~EalMock() { current = nullptr; }

std::map<int, std::pair<rte_eth_dev_cb_fn, void *>> &
eth_callbacks()
{
	/* never destroyed: the module unregisters at exit, after statics go */
	static auto *cbs = new std::map<int, std::pair<rte_eth_dev_cb_fn, void *>>;
	return *cbs;
}

} // namespace hotplug_mp::test

using hotplug_mp::test::current;

extern "C" {

int
__wrap_rte_devargs_parse(struct rte_devargs *da, const char *dev)
{
	std::memset(da, 0, sizeof(*da));
	std::string name;
	int ret = current->devargs_parse(dev, &name);
	if (ret == 0) {
		std::snprintf(da->name, sizeof(da->name), "%s", name.c_str());
		/* a bus, which only __wrap_rte_bus_name() looks at */
		da->bus = reinterpret_cast<struct rte_bus *>(&current->bus);
	}
	return ret;
}

void
__wrap_rte_devargs_reset(struct rte_devargs *)
{
}

const char *
__wrap_rte_bus_name(const struct rte_bus *)
{
	return current->bus.c_str();
}

int
__wrap_rte_dev_probe(const char *devargs)
{
	return current->dev_probe(devargs);
}

int
__wrap_rte_eal_hotplug_remove(const char *bus, const char *name)
{
	return current->hotplug_remove(bus, name);
}

enum rte_proc_type_t
__wrap_rte_eal_process_type(void)
{
	return current->primary() ? RTE_PROC_PRIMARY : RTE_PROC_SECONDARY;
}

int
__wrap_rte_eal_primary_proc_alive(const char *)
{
	return current->primary_alive() ? 1 : 0;
}

int
__wrap_rte_eth_dev_callback_register(uint16_t port_id,
	enum rte_eth_event_type event, rte_eth_dev_cb_fn cb_fn, void *cb_arg)
{
	if (port_id != RTE_ETH_ALL)
		return -ENOTSUP;
	hotplug_mp::test::eth_callbacks()[event] = {cb_fn, cb_arg};
	return 0;
}

int
__wrap_rte_eth_dev_callback_unregister(uint16_t, enum rte_eth_event_type event,
	rte_eth_dev_cb_fn, void *)
{
	hotplug_mp::test::eth_callbacks().erase(event);
	return 0;
}

int
__wrap_rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return current->ports.count(port_id) != 0;
}

int
__wrap_rte_eth_dev_owner_get(const uint16_t port_id,
	struct rte_eth_dev_owner *owner)
{
	std::memset(owner, 0, sizeof(*owner));
	/* as ethdev: a port with no name has no data to read */
	auto it = current->ports.find(port_id);
	return it != current->ports.end() && !it->second.empty() ? 0 : -ENODEV;
}

int
__wrap_rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	if (current->on_name_lookup)
		current->on_name_lookup(port_id);
	auto it = current->ports.find(port_id);
	if (it == current->ports.end())
		return -ENODEV;
	std::snprintf(name, RTE_ETH_NAME_MAX_LEN, "%s", it->second.c_str());
	return 0;
}

unsigned int
__wrap_rte_dev_hotplug_timeout_get(void)
{
	return current->timeout_get();
}

int
__wrap_rte_dev_hotplug_timeout_set(unsigned int ms)
{
	return current->timeout_set(ms);
}

/*
 * The module registers for device events when it is loaded, before any
 * test made a mock: without one, these succeed and record nothing.
 */
int
__wrap_rte_dev_event_callback_register(const char *, rte_dev_event_cb_fn cb,
	void *arg)
{
	if (current != nullptr) {
		current->event_cb = cb;
		current->event_arg = arg;
	}
	return 0;
}

int
__wrap_rte_dev_event_callback_unregister(const char *, rte_dev_event_cb_fn,
	void *)
{
	if (current != nullptr)
		current->event_cb = nullptr;
	return 0;
}

int
__wrap_rte_dev_event_monitor_start(void)
{
	if (current != nullptr)
		current->monitoring = true;
	return 0;
}

int
__wrap_rte_dev_event_monitor_stop(void)
{
	if (current != nullptr)
		current->monitoring = false;
	return 0;
}

int
__wrap_rte_dev_hotplug_handle_enable(void)
{
	if (current != nullptr)
		current->handling = true;
	return 0;
}

int
__wrap_rte_dev_hotplug_handle_disable(void)
{
	if (current != nullptr)
		current->handling = false;
	return 0;
}

} // extern "C"
