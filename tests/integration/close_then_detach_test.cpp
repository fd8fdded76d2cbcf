/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The primary closes a port, then detaches its device, as dpdk-testpmd's
 * removal handler does (port stop, port close, device detach). Closing
 * releases the port's shared data in the primary only; the detach then
 * reaches the secondaries, which must forget the port as well: no stale
 * port, no crash on the next command, every process listing the same.
 * With the last port closed the primary also frees the memory the
 * secondaries' port pointed to.
 */
#include <chrono>
#include <memory>
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
using harness::PtyProcess;

/* A device the primary attaches: a vdev, or a simulated NIC on vfio-pci. */
enum class Kind { vdev, pci };

class CloseThenDetach : public TestpmdOnSimulatedPci,
			public ::testing::WithParamInterface<Kind> {
protected:
	/* A NIC keeps its kernel driver until the processes run. */
	std::string device(int i)
	{
		if (GetParam() == Kind::vdev)
			return "net_null" + std::to_string(i);
		return pci_.add_nic();
	}

	void attach(const std::string &dev)
	{
		if (GetParam() == Kind::pci)
			pci_.bind(dev, "vfio-pci");
		std::string out = primary("attach " + dev);
		ASSERT_TRUE(contains(out, "attached device " + dev)) << out;
	}

	/* Our host as a secondary of the testpmd primary. */
	std::unique_ptr<PtyProcess> start_host()
	{
		std::vector<std::string> argv = {host(), "-l", "1",
			"--file-prefix", prefix_.name(), "--proc-type", "secondary",
			"--log-level", "lib.eal:notice"};
		for (const auto &a : pci_.eal_args())
			argv.push_back(a);
		for (const auto &a : extra_eal_args())
			argv.push_back(a);
		auto p = std::make_unique<PtyProcess>("host secondary", argv,
			std::vector<std::string>{pci_.sysfs_env()});
		p->expect(harness::host_prompt, 30s);
		return p;
	}

	void start_all()
	{
		primary_ = start();
		primary_->expect(testpmd_prompt, 30s);
		secondary_ = start({.primary = false});
		secondary_->expect(testpmd_prompt, 30s);
		host_ = start_host();
	}

	std::string primary(const std::string &cmd)
	{
		return primary_->command(cmd, testpmd_prompt, 20s);
	}

	/* What each secondary lists; a crash ends the test here. */
	::testing::AssertionResult secondaries_list(
		const std::vector<harness::ListedPort> &want)
	{
		std::string out = secondary_->command("show port summary all",
			testpmd_prompt);
		if (!contains(out, "Number of available ports: " +
				std::to_string(want.size())))
			return ::testing::AssertionFailure()
				<< "testpmd secondary's summary:\n" << out;
		out = secondary_->command("list", testpmd_prompt);
		if (harness::parse_list(out) != want)
			return ::testing::AssertionFailure()
				<< "testpmd secondary lists:\n" << out;
		out = host_->command("list", harness::host_prompt);
		if (harness::parse_list(out) != want)
			return ::testing::AssertionFailure()
				<< "host secondary lists:\n" << out;
		return ::testing::AssertionSuccess();
	}

	void quit_all()
	{
		host_->send_line("quit");
		EXPECT_TRUE(exits_cleanly(*host_, 20s)) << host_->transcript();
		secondary_->send_line("quit");
		EXPECT_TRUE(exits_cleanly(*secondary_, 20s))
			<< secondary_->transcript();
		primary_->send_line("quit");
		EXPECT_TRUE(exits_cleanly(*primary_, 20s)) << primary_->transcript();
	}

	std::unique_ptr<PtyProcess> primary_, secondary_, host_;
};

/* The last port: the primary frees the ports' shared memory with it. */
TEST_P(CloseThenDetach, TheLastPortLeavesNoSecondaryWithIt)
{
	const std::string dev = device(0);
	start_all();
	ASSERT_NO_FATAL_FAILURE(attach(dev));
	ASSERT_TRUE(secondaries_list({{0, dev}}));

	primary("port stop all");
	primary("port close all");
	std::string out = primary("device detach " + dev);
	ASSERT_TRUE(contains(out, "Device " + dev + " is detached")) << out;

	EXPECT_TRUE(secondaries_list({}));
	/* and the device can come back */
	out = primary("attach " + dev);
	EXPECT_TRUE(contains(out, "attached device " + dev)) << out;
	EXPECT_TRUE(secondaries_list({{0, dev}}));
	quit_all();
}

/* One port of two: the other keeps the shared memory alive. */
TEST_P(CloseThenDetach, OnePortOfTwoLeavesOnlyTheOther)
{
	const std::string closed = device(0);
	const std::string kept = device(1);
	start_all();
	for (const auto &d : {closed, kept})
		ASSERT_NO_FATAL_FAILURE(attach(d));
	ASSERT_TRUE(secondaries_list({{0, closed}, {1, kept}}));

	primary("port stop 0");
	primary("port close 0");
	std::string out = primary("device detach " + closed);
	ASSERT_TRUE(contains(out, "Device " + closed + " is detached")) << out;

	EXPECT_TRUE(secondaries_list({{1, kept}}));
	quit_all();
}

std::string
kind_name(const ::testing::TestParamInfo<Kind> &info)
{
	return info.param == Kind::vdev ? "Vdev" : "Pci";
}

INSTANTIATE_TEST_SUITE_P(Mp, CloseThenDetach,
	::testing::Values(Kind::vdev, Kind::pci), kind_name);

} // namespace
} // namespace hotplug_mp::test
