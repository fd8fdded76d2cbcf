/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A card taken out: its port reports RTE_ETH_EVENT_INTR_RMV from the
 * interrupt thread, and dpdk-testpmd detaches the device from an alarm
 * (rmv_port_callback), in the interrupt thread as well. That detach must
 * not wait there for another hotplug operation: the one running may need
 * the interrupt thread, here an attach whose probe waits for an alarm, as
 * drivers that poll their hardware from alarms do.
 *
 * In a secondary the same removal must not keep the interrupt thread from
 * the primary's requests, which the secondary's own attach waits for.
 */
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"
#include "simulated_pci.h"
#include "testpmd_process.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;

class RemovalEvent : public TestpmdOnSimulatedPci {};

TEST_F(RemovalEvent, TestpmdDetachesWhileAnAttachNeedsTheInterruptThread)
{
	const std::string taken_out = pci_.add_nic();
	pci_.bind(taken_out, "vfio-pci");
	/* with its kernel driver, testpmd leaves it at start */
	const std::string attached = pci_.add_nic();
	auto tp = start({.env = {"SIMNIC_RMV_WATCH_MS=20",
		"SIMNIC_PROBE_ALARM_MS=1500"}});
	tp->expect(testpmd_prompt, 30s);

	pci_.bind(attached, "vfio-pci");
	tp->send_line("attach " + attached);
	/* the probe waits for its alarm: take the other card out meanwhile */
	tp->expect(attached + ": probe waits for an alarm", 10s);
	pci_.remove(taken_out);
	std::string out = tp->expect(testpmd_prompt, 20s);
	EXPECT_TRUE(contains(out, "attached device " + attached)) << out;
	/* the removal is done now, or once the attach has ended */
	if (!contains(out, "is detached"))
		out += tp->expect("is detached", 10s);

	/* the port number depends on which came first */
	out = tp->command("list", testpmd_prompt);
	auto ports = harness::parse_list(out);
	ASSERT_EQ(ports.size(), 1u) << out;
	EXPECT_EQ(ports[0].name, attached) << out;
	tp->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*tp, 20s)) << tp->transcript();
}

/*
 * The same in a secondary: its application thread attaches a device and
 * waits for the primary; meanwhile two cards of the secondary's ports are
 * taken out, and its interrupt thread has their removals to do, one after
 * the other. The primary then asks the secondary to attach the device
 * too, which its interrupt thread does: that thread must be free, not
 * waiting for the secondary's own operation, which waits for the primary.
 */
TEST_F(RemovalEvent, SecondaryAttachEndsWhileItsInterruptThreadHasRemovals)
{
	const std::vector<std::string> taken_out = {pci_.add_nic(), pci_.add_nic()};
	for (const auto &a : taken_out)
		pci_.bind(a, "vfio-pci");
	const std::string attached = pci_.add_nic();
	auto primary = start({.env = {"SIMNIC_PROBE_DELAY_MS=500"}});
	primary->expect(testpmd_prompt, 30s);
	auto secondary = start({.primary = false, .env = {"SIMNIC_RMV_WATCH_MS=20"}});
	secondary->expect(testpmd_prompt, 30s);

	pci_.bind(attached, "vfio-pci");
	secondary->send_line("attach " + attached);
	/* the primary probes it: take the other cards out meanwhile */
	primary->expect(attached + ": probe takes 500 ms more", 10s);
	for (const auto &a : taken_out)
		pci_.remove(a);
	std::string out = secondary->expect(testpmd_prompt, 30s);
	EXPECT_TRUE(contains(out, "attached device " + attached)) << out;

	/* both processes have it; the removals are not this test's to judge */
	for (auto *p : {primary.get(), secondary.get()}) {
		out = p->command("list", testpmd_prompt, 30s);
		bool listed = false;
		for (const auto &port : harness::parse_list(out))
			listed = listed || port.name == attached;
		EXPECT_TRUE(listed) << p->name() << ":\n" << out;
	}
	secondary->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*secondary, 30s)) << secondary->transcript();
	primary->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*primary, 30s)) << primary->transcript();
}

} // namespace
} // namespace hotplug_mp::test
