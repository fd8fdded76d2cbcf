/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data path during a detach: a secondary forwards on a port (rx to tx,
 * on its worker lcore) while the primary detaches the port's device. The
 * secondary's hotplug event handler (eal-hotplug-handlers) stops the
 * forwarding before the process removes the device; a lock refuses the
 * detach instead. The suite also runs these tests on an AddressSanitizer
 * build.
 */
#include <chrono>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;

/* Packets counted by "forward status", -1 when not forwarding. */
long
forwarded(harness::Cluster &c, int i)
{
	std::smatch m;
	std::string out = c.run(i, "forward status");
	if (!std::regex_search(out, m, std::regex(": ([0-9]+) packets")))
		return -1;
	return std::stol(m[1]);
}

/* Waits until process i has forwarded more than n packets. */
::testing::AssertionResult
forwards_beyond(harness::Cluster &c, int i, long n)
{
	auto end = std::chrono::steady_clock::now() + 10s;
	long now = -1;
	while (std::chrono::steady_clock::now() < end)
		if ((now = forwarded(c, i)) > n)
			return ::testing::AssertionSuccess();
	return ::testing::AssertionFailure() << c.label(i) << " forwarded "
		<< now << " packets, not more than " << n;
}

/*
 * The primary attaches net_null0 and starts its port; secondary 1, which
 * had it attached before, cannot forward on it (DPDK 22.11 gives it no
 * queue pointers); secondary 2, started then with a worker lcore, does.
 */
class Forward : public ::testing::Test {
protected:
	void SetUp() override
	{
		if (!has("eal-hotplug-handlers"))
			GTEST_SKIP() << "needs eal-hotplug-handlers: without it the detach "
				"would free the port under the forwarding lcore";
		harness::ClusterOptions o = cluster_options(1);
		/* secondary 2: main lcore 1, a worker on lcore 0 */
		o.lcores_of[2] = {"-l", "0-1", "--main-lcore", "1"};
		c_ = std::make_unique<harness::Cluster>(o);
		std::string out = c_->run(0, "attach net_null0");
		ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
		out = c_->run(0, "port start 0");
		ASSERT_TRUE(contains(out, "started port 0 (net_null0)")) << out;
		ASSERT_EQ(c_->add_secondary(), fwd);
		out = c_->run(fwd, "forward 0");
		ASSERT_TRUE(contains(out, "forwarding on port 0 (net_null0)")) << out;
		ASSERT_TRUE(forwards_beyond(*c_, fwd, 0));
	}

	/* Every process quits cleanly: no sanitizer report, status 0. */
	void TearDown() override
	{
		if (!c_)
			return;
		for (int i = 0; i < c_->size(); i++)
			EXPECT_TRUE(c_->proc(i).running()) << c_->label(i) << " died:\n"
				<< c_->proc(i).transcript();
		for (const auto &e : c_->shutdown())
			EXPECT_TRUE(ended_cleanly(e));
	}

	static constexpr int fwd = 2;
	std::unique_ptr<harness::Cluster> c_;
};

TEST_F(Forward, ASecondaryWithoutQueuePointersRefusesClearly)
{
	std::string out = c_->run(1, "forward 0");
	EXPECT_TRUE(contains(out, "failed to forward on port 0: ENOTCONN "
		"(Transport endpoint is not connected): this process has no queues "
		"of the port")) << out;
}

TEST_F(Forward, TheSecondaryStopsBeforeThePrimaryDetaches)
{
	harness::Cluster &c = *c_;
	std::string out = c.run(0, "detach net_null0");
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	/* said before the next prompt, after what the command prints */
	out = c.run(fwd, "forward status");
	EXPECT_TRUE(contains(out, "not forwarding\n"
		"stopped forwarding on port 0 (net_null0): it is being detached\n"))
		<< out;
	EXPECT_TRUE(all_list(c, {}));
	/* alive and well: it attaches a device and the group agrees */
	attach_detach_round(c, flows[0], "net_ring0", "net_ring0");
}

TEST_F(Forward, ALockKeepsTheDeviceAndTheForwarding)
{
	harness::Cluster &c = *c_;
	ASSERT_TRUE(contains(c.run(fwd, "lock net_null0"), "locked device net_null0"));
	long before = forwarded(c, fwd);
	std::string out = c.run(0, "detach net_null0");
	EXPECT_TRUE(contains(out, "failed to detach device net_null0: EBUSY")) << out;
	EXPECT_TRUE(all_list(c, {"net_null0"}));
	EXPECT_TRUE(forwards_beyond(c, fwd, before)) << "forwarding stopped";
}

/*
 * Every process is asked before the detach goes anywhere; the forwarding
 * stops only once all have allowed it. Here secondary 1 refuses: the
 * forwarding secondary keeps forwarding, whichever was asked first.
 */
TEST_F(Forward, ARefusalElsewhereKeepsTheForwarding)
{
	harness::Cluster &c = *c_;
	ASSERT_TRUE(contains(c.run(1, "lock net_null0"), "locked device net_null0"));
	long before = forwarded(c, fwd);
	std::string out = c.run(0, "detach net_null0");
	EXPECT_TRUE(contains(out, "failed to detach device net_null0: EBUSY")) << out;
	EXPECT_TRUE(all_list(c, {"net_null0"}));
	EXPECT_TRUE(forwards_beyond(c, fwd, before)) << "forwarding stopped";
	/* a command there prints whatever waited for its prompt */
	out = c.run(fwd, "forward status");
	EXPECT_TRUE(contains(out, "forwarding on port 0")) << out;
	EXPECT_FALSE(contains(c.proc(fwd).transcript(), "stopped forwarding"));
}

} // namespace
} // namespace hotplug_mp::test

namespace hotplug_mp::test {
namespace {

TEST(ForwardStock, ForwardingWarnsThatTheEalCannotStopIt)
{
	if (has("eal-hotplug-handlers"))
		GTEST_SKIP() << "for an EAL without eal-hotplug-handlers";
	harness::ClusterOptions o = cluster_options(0);
	o.lcores_of[1] = {"-l", "0-1", "--main-lcore", "1"};
	harness::Cluster c(o);
	ASSERT_TRUE(contains(c.run(0, "attach net_null0"), "attached device net_null0"));
	ASSERT_TRUE(contains(c.run(0, "port start 0"), "started port 0"));
	ASSERT_EQ(c.add_secondary(), 1);
	std::string out = c.run(1, "forward 0");
	EXPECT_TRUE(contains(out, "forwarding on port 0 (net_null0)")) << out;
	EXPECT_TRUE(contains(out, "warning: this EAL cannot stop the forwarding "
		"before a detach (hotplug_mp's change eal-hotplug-handlers adds hotplug handlers)"))
		<< out;
	EXPECT_TRUE(contains(c.run(1, "forward stop"), "stopped forwarding"));
	EXPECT_TRUE(contains(c.run(0, "detach net_null0"), "detached device net_null0"));
}

} // namespace
} // namespace hotplug_mp::test
