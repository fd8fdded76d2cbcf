/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL calls the command module makes, mocked at link time: the test is
 * linked with -Wl,--wrap=<symbol> for each, so the module's calls land in
 * __wrap_<symbol>, which forwards to the EalMock of the running test.
 */
#ifndef HOTPLUG_MP_EAL_MOCK_H
#define HOTPLUG_MP_EAL_MOCK_H

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include <gmock/gmock.h>

#include <rte_dev.h>
#include <rte_ethdev.h>

namespace hotplug_mp::test {

class EalMock {
public:
	EalMock();
	~EalMock();

	/* returns 0 or a negative errno; on 0 the device name is name */
	MOCK_METHOD(int, devargs_parse, (const std::string &devargs, std::string *name));
	MOCK_METHOD(int, dev_probe, (const std::string &devargs));
	MOCK_METHOD(int, hotplug_remove, (const std::string &bus, const std::string &name));
	MOCK_METHOD(bool, primary, ());
	MOCK_METHOD(bool, primary_alive, ());
	MOCK_METHOD(unsigned int, timeout_get, ());
	MOCK_METHOD(int, timeout_set, (unsigned int ms));

	/* the bus every parsed devargs name belongs to */
	std::string bus = "vdev";
	/* ports "list" sees: id -> name */
	std::map<uint16_t, std::string> ports;
	/* run as the name of a port is read, with its id */
	std::function<void(uint16_t)> on_name_lookup;
	/* what the module registered for device events, and started */
	rte_dev_event_cb_fn event_cb = nullptr;
	void *event_arg = nullptr;
	bool monitoring = false;
	bool handling = false;
};

/*
 * What the module registered for the events of every port (RTE_ETH_ALL),
 * by event; it registers once per process, whichever test runs then.
 */
std::map<int, std::pair<rte_eth_dev_cb_fn, void *>> &eth_callbacks();

} // namespace hotplug_mp::test

#endif
