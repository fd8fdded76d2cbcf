/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Physical ports, test plan 63.1, 63.2 and 63.5, on simulated NICs that go
 * through DPDK's real PCI scan, probe and unplug (pcisim): one primary and
 * two secondaries, each scanning the simulated tree with net_simnic loaded.
 * Beyond the plan: a device not bound for DPDK, a late secondary, and a
 * secondary whose probe fails (rollback).
 */
#include <chrono>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "cluster.h"
#include "expectations.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

std::string
flat(const std::string &driver)
{
	std::string s = driver;
	for (char &ch : s)
		if (ch == '-')
			ch = '_';
	return s;
}

/* 63.1 and 63.5: bind while the processes run, attach, detach, twice. */
class PciTestPlan
	: public ::testing::TestWithParam<std::tuple<std::string, Flow>> {};

TEST_P(PciTestPlan, AttachAfterBindRepeatedTwice)
{
	const auto &[drv, flow] = GetParam();
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	{
		harness::Cluster c(pci.cluster_options(2));
		ASSERT_TRUE(all_list(c, {})) << "at start, the NIC has its kernel driver";

		pci.bind(addr, drv);
		for (int round = 1; round <= 2; round++) {
			SCOPED_TRACE("round " + std::to_string(round));
			attach_detach_round(c, flow, addr, addr);
			if (HasFatalFailure())
				return;
		}
	}
	pci.bind(addr, pcisim::simnic_kernel_driver);
	EXPECT_EQ(pci.driver_of(addr), pcisim::simnic_kernel_driver);
}

std::string
plan_name(const ::testing::TestParamInfo<PciTestPlan::ParamType> &info)
{
	return flat(std::get<0>(info.param)) + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Pci, PciTestPlan,
	::testing::Combine(::testing::Values("vfio-pci", "igb_uio"),
		::testing::ValuesIn(flows)),
	plan_name);

/* 63.2: bound before the processes start; every one lists it; detach. */
class PciBoundAtStart
	: public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(PciBoundAtStart, ListedEverywhereThenDetached)
{
	const auto &[drv, detacher] = GetParam();
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	pci.bind(addr, drv);
	{
		harness::Cluster c(pci.cluster_options(2));
		ASSERT_TRUE(all_list(c, {addr})) << "at start";

		std::string out = c.run(detacher, "detach " + addr);
		EXPECT_TRUE(contains(out, "detached device " + addr)) << out;
		ASSERT_TRUE(all_list(c, {})) << "after detach";

		out = c.run(detacher, "detach " + addr);
		EXPECT_TRUE(contains(out, "failed to detach device " + addr)) << out;
		EXPECT_TRUE(all_list(c, {})) << "after repeated detach";
	}
	pci.bind(addr, pcisim::simnic_kernel_driver);
	EXPECT_EQ(pci.driver_of(addr), pcisim::simnic_kernel_driver);
}

std::string
start_name(const ::testing::TestParamInfo<PciBoundAtStart::ParamType> &info)
{
	return flat(std::get<0>(info.param)) + "_" +
		issuer_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Pci, PciBoundAtStart,
	::testing::Combine(::testing::Values("vfio-pci", "igb_uio"),
		::testing::Values(0, 1)),
	start_name);

/* A device DPDK cannot use: clear error, no process changes. */
struct NotUsable {
	const char *name;
	const char *state; /* "kernel", "unbound" or "absent" */
	const char *expected;
};

const NotUsable not_usable[] = {
	{"LeftWithKernelDriver", "kernel",
		"EOPNOTSUPP (Operation not supported): no driver takes it: "
		"is it bound to vfio-pci, igb_uio or uio_pci_generic?"},
	{"BoundToNoDriver", "unbound",
		"ENODEV (No such device): no such device on the PCI bus"},
	{"NoSuchAddress", "absent",
		"ENODEV (No such device): no such device on the PCI bus"},
};

class PciNotUsable
	: public ::testing::TestWithParam<std::tuple<NotUsable, int>> {};

TEST_P(PciNotUsable, AttachFailsClearlyAndNothingChanges)
{
	const auto &[nu, issuer] = GetParam();
	SimulatedPci pci;
	const std::string used = pci.add_nic();
	pci.bind(used, "vfio-pci");
	std::string addr = pci.add_nic();
	if (std::string(nu.state) == "unbound")
		pci.unbind(addr);
	else if (std::string(nu.state) == "absent")
		addr = "0000:82:00.0";

	harness::Cluster c(pci.cluster_options(2));
	ASSERT_TRUE(all_list(c, {used})) << "at start";
	auto before = c.lists();
	std::string out = c.run(issuer, "attach " + addr);
	EXPECT_TRUE(contains(out, "failed to attach device " + addr + ": " +
		nu.expected)) << c.label(issuer) << " printed:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before));
}

std::string
not_usable_name(const ::testing::TestParamInfo<PciNotUsable::ParamType> &info)
{
	return std::string(std::get<0>(info.param).name) + "_" +
		harness::Cluster::role(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Pci, PciNotUsable,
	::testing::Combine(::testing::ValuesIn(not_usable),
		::testing::Values(0, 1)),
	not_usable_name);

/* An attach issued by process i (0 primary, 1 secondary). */
class PciFrom : public ::testing::TestWithParam<int> {};

TEST_P(PciFrom, LateSecondaryListsAttachedDevice)
{
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::Cluster c(pci.cluster_options(2));
	pci.bind(addr, "vfio-pci");
	std::string out = c.run(GetParam(), "attach " + addr);
	ASSERT_TRUE(contains(out, "attached device " + addr)) << out;

	int late = c.add_secondary();
	EXPECT_EQ(c.list(late), c.list(0)) << c.label(late);
	ASSERT_TRUE(all_list(c, {addr}));

	out = c.run(late, "detach " + addr);
	EXPECT_TRUE(contains(out, "detached device " + addr)) << out;
	EXPECT_TRUE(all_list(c, {}));
}

TEST_P(PciFrom, SecondaryProbeFailureRollsBackEverywhere)
{
	SimulatedPci pci;
	const std::string kept = pci.add_nic();
	const std::string addr = pci.add_nic();
	pci.bind(kept, "vfio-pci");
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_FAIL_PROBE=" + addr};
	harness::Cluster c(o);
	ASSERT_TRUE(all_list(c, {kept})) << "at start";

	pci.bind(addr, "vfio-pci");
	auto before = c.lists();
	std::string out = c.run(GetParam(), "attach " + addr);
	EXPECT_TRUE(contains(out, "failed to attach device " + addr))
		<< "secondary 2's probe fails, yet " << c.label(GetParam())
		<< " printed:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before)) << "after the rolled-back attach";

	/* the kept port still works end to end */
	out = c.run(GetParam(), "detach " + kept);
	EXPECT_TRUE(contains(out, "detached device " + kept)) << out;
	EXPECT_TRUE(all_list(c, {}));
}

TEST_P(PciFrom, SecondaryRemoveFailureRollsBackEverywhere)
{
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	pci.bind(addr, "igb_uio");
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_FAIL_REMOVE=" + addr};
	harness::Cluster c(o);
	ASSERT_TRUE(all_list(c, {addr})) << "at start";

	auto before = c.lists();
	std::string out = c.run(GetParam(), "detach " + addr);
	EXPECT_TRUE(contains(out, "failed to detach device " + addr))
		<< "secondary 2's remove fails, yet " << c.label(GetParam())
		<< " printed:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before)) << "after the rolled-back detach";
}

TEST_P(PciFrom, ProbeDelayIsTakenInEveryProcess)
{
	constexpr int delay_ms = 300;
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=" + std::to_string(delay_ms)};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	auto t0 = std::chrono::steady_clock::now();
	std::string out = c.run(GetParam(), "attach " + addr);
	auto took = std::chrono::steady_clock::now() - t0;
	EXPECT_TRUE(contains(out, "attached device " + addr)) << out;
	/* the requester's answer waits for the slow secondary's probe */
	EXPECT_GE(took, std::chrono::milliseconds(delay_ms));
	EXPECT_TRUE(contains(c.proc(2).expect("ms more (SIMNIC_PROBE_DELAY_MS)",
		std::chrono::seconds(5)), addr));
	EXPECT_TRUE(all_list(c, {addr}));
}

INSTANTIATE_TEST_SUITE_P(Pci, PciFrom, ::testing::Values(0, 1), issuer_param_name);

} // namespace
} // namespace hotplug_mp::test
