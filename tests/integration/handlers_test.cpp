/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hotplug handlers in every process (eal-hotplug-handlers): a process that
 * locks a device refuses its detach everywhere, and every process hears of
 * what other processes' requests attached, detached or rolled back. On stock
 * DPDK the commands say the EAL lacks the feature.
 */
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;

std::string
pid_of(harness::Cluster &c, int i)
{
	return std::to_string(c.proc(i).pid());
}

class Lock : public ::testing::TestWithParam<int> {};

TEST_P(Lock, ALockedDeviceIsDetachedNowhere)
{
	if (!has("eal-detach-refusal"))
		GTEST_SKIP() << "needs eal-detach-refusal";
	const int issuer = GetParam(); /* 0 primary, 1 secondary */
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(0, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;

	out = c.run(2, "lock net_null0");
	ASSERT_TRUE(contains(out, "locked device net_null0")) << out;
	auto before = c.lists();
	out = c.run(issuer, "detach net_null0");
	EXPECT_TRUE(contains(out, "failed to detach device net_null0: EBUSY "
		"(Device or resource busy): net_null0 is locked by secondary " +
		pid_of(c, 2))) << c.label(issuer) << " printed:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before)) << "a refused detach removed it";

	out = c.run(2, "unlock net_null0");
	EXPECT_TRUE(contains(out, "unlocked device net_null0")) << out;
	out = c.run(issuer, "detach net_null0");
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	EXPECT_TRUE(all_list(c, {}));
}

TEST_P(Lock, ThePrimaryCanLockToo)
{
	if (!has("eal-detach-refusal"))
		GTEST_SKIP() << "needs eal-detach-refusal";
	const int issuer = GetParam() == 0 ? 2 : 1;
	harness::Cluster c(cluster_options(2));
	ASSERT_TRUE(contains(c.run(1, "attach net_ring0"), "attached device net_ring0"));
	ASSERT_TRUE(contains(c.run(0, "lock net_ring0"), "locked device net_ring0"));
	auto before = c.lists();
	std::string out = c.run(issuer, "detach net_ring0");
	EXPECT_TRUE(contains(out, "net_ring0 is locked by primary " + pid_of(c, 0)))
		<< out;
	EXPECT_TRUE(lists_unchanged(c, before));
}

INSTANTIATE_TEST_SUITE_P(Handlers, Lock, ::testing::Values(0, 1),
	issuer_param_name);

/*
 * An event waits for the prompt: a process prints what another process's
 * request did right before it draws its next prompt, after the output of
 * the command it ran meanwhile. Once the request returns, every process
 * has the event waiting, so that command is the point at which to look.
 */
TEST(HandlersEvents, OtherProcessesHearOfAttachAndDetach)
{
	if (!has("eal-hotplug-handlers"))
		GTEST_SKIP() << "needs eal-hotplug-handlers";
	harness::Cluster c(cluster_options(2));
	const std::string by_s1 = "(requested by secondary " + pid_of(c, 1) + ")";
	const std::string by_p = "(requested by primary " + pid_of(c, 0) + ")";

	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	EXPECT_FALSE(contains(out, "device net_null0 attached ("))
		<< "the requester is told of its own request";
	for (int i : {0, 2}) {
		out = c.run(i, "list");
		EXPECT_TRUE(contains(out, "0\tnet_null0\ndevice net_null0 attached " +
			by_s1 + "\n")) << c.label(i) << " printed:\n" << out;
	}

	out = c.run(0, "detach net_null0");
	ASSERT_TRUE(contains(out, "detached device net_null0")) << out;
	for (int i : {1, 2}) {
		out = c.run(i, "list");
		EXPECT_TRUE(contains(out, "device net_null0 detached " + by_p))
			<< c.label(i) << " printed:\n" << out;
	}

	/* "events off" silences a process */
	EXPECT_TRUE(contains(c.run(2, "events off"), "event lines off"));
	ASSERT_TRUE(contains(c.run(0, "attach net_null0"), "attached device net_null0"));
	EXPECT_TRUE(contains(c.run(1, "list"), "device net_null0 attached " + by_p));
	EXPECT_FALSE(contains(c.run(2, "list"), "device net_null0 attached"));
}

/* The line of an event never comes by itself: it waits for a prompt. */
TEST(HandlersEvents, AnIdleProcessPrintsNothingUntilItsPrompt)
{
	if (!has("eal-hotplug-handlers"))
		GTEST_SKIP() << "needs eal-hotplug-handlers";
	harness::Cluster c(cluster_options(1));
	for (int i = 0; i < 5; i++) {
		ASSERT_TRUE(contains(c.run(0, "attach net_null0"), "attached device"));
		ASSERT_TRUE(contains(c.run(0, "detach net_null0"), "detached device"));
	}
	/*
	 * Each request returned after secondary 1 had its events waiting:
	 * had it printed them then, they would come before what "list"
	 * prints, not after.
	 */
	std::string out = c.run(1, "list");
	EXPECT_EQ(out.find("list all etherdev\n"), 0u) << out;
	size_t attached = 0;
	for (size_t at = out.find(" attached (requested by primary");
	     at != std::string::npos; at = out.find(" attached (requested", at + 1))
		attached++;
	EXPECT_EQ(attached, 5u) << out;
}

TEST(HandlersEvents, ARollbackIsHeardWhereItUndidSomething)
{
	if (!has("eal-hotplug-handlers"))
		GTEST_SKIP() << "needs eal-hotplug-handlers";
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_FAIL_PROBE=" + addr};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");
	const std::string by_s1 = "(requested by secondary " + pid_of(c, 1) + ")";

	std::string out = c.run(1, "attach " + addr);
	EXPECT_TRUE(contains(out, "failed to attach device " + addr)) << out;
	/* the primary attached it, then undid that */
	out = c.run(0, "list");
	EXPECT_TRUE(contains(out, "device " + addr + " attached " + by_s1 + "\n"
		"attach of device " + addr + " rolled back " + by_s1 + "\n")) << out;
	EXPECT_TRUE(all_list(c, {}));
}

/* A lock is on a device this process has; a typo protects nothing. */
TEST(HandlersLock, ALockOfAnUnknownDeviceIsRefused)
{
	harness::Cluster c(cluster_options(1));
	ASSERT_TRUE(contains(c.run(0, "attach net_null0"), "attached device net_null0"));
	for (int i : {0, 1}) {
		std::string out = c.run(i, "lock net_null9");
		EXPECT_TRUE(contains(out, "failed to lock device net_null9: ENODEV "
			"(No such device): this process has no such device, so no "
			"process has it: nothing to lock")) << c.label(i) << ":\n" << out;
	}
	EXPECT_TRUE(contains(c.run(1, "detach net_null0"), "detached device net_null0"));
}

TEST(HandlersStock, TheCommandsSayWhatTheEalLacks)
{
	if (has("eal-hotplug-handlers"))
		GTEST_SKIP() << "for an EAL without eal-hotplug-handlers";
	harness::Cluster c(cluster_options(1));
	ASSERT_TRUE(contains(c.run(0, "attach net_null0"), "attached device net_null0"));
	for (const char *cmd : {"lock net_null0", "unlock net_null0"}) {
		std::string out = c.run(1, cmd);
		EXPECT_TRUE(contains(out, "EOPNOTSUPP (Operation not supported): "
			"this EAL has no hotplug handlers (hotplug_mp's change eal-hotplug-handlers adds them)"))
			<< cmd << ":\n" << out;
	}
	/* and the rest works */
	EXPECT_TRUE(contains(c.run(1, "detach net_null0"), "detached device net_null0"));
	EXPECT_TRUE(all_list(c, {}));
}

} // namespace
} // namespace hotplug_mp::test
