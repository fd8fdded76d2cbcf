/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Slow devices: real drivers take seconds to probe or remove (mlx5 with
 * representors, firmware loading, the first VFIO container set-up). A
 * simulated NIC whose probe or remove takes d in the primary, in one
 * secondary, or in every process, for d around and above the hotplug
 * timeout T, attached or detached from the primary and from a secondary,
 * in one primary and two secondaries.
 *
 * Each case says what stock DPDK does and what the series does, and the
 * run checks the one of its flavour. With the series an operation
 * succeeds wherever stock DPDK's does, and fails with ETIMEDOUT only when
 * a process did not answer a step of it within T; the group then agrees
 * on the rolled-back state.
 */
#include <chrono>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;

enum class Slow { Primary, Secondary, All };

struct SlowCase {
	Slow slow;     /* which processes are slow */
	double delay;  /* how slow, in hotplug timeouts */
	bool detach;   /* the remove is slow, not the probe */
	int from;      /* the requester: 0 the primary, 1 secondary 1 */
};

/*
 * Stock DPDK: the primary asks the secondaries one after the other, all
 * within one timeout (5 s); a secondary waits one timeout for the
 * primary's answer, which comes after the primary's own probe or remove
 * and after every secondary.
 */
bool
stock_succeeds(const SlowCase &k)
{
	double primary = k.slow != Slow::Secondary ? k.delay : 0;
	double secondaries = k.slow == Slow::All ? 2 * k.delay :
		k.slow == Slow::Secondary ? k.delay : 0;
	if (secondaries >= 1)
		return false;
	return k.from == 0 || primary + secondaries < 1;
}

/*
 * The series: every secondary is asked at once and must answer within
 * one timeout of being asked; the primary's own probe or remove is not
 * counted. A secondary waits long enough for the primary's lock, its
 * own work and three rounds.
 */
bool
series_succeeds(const SlowCase &k)
{
	return k.slow == Slow::Primary || k.delay < 1;
}

std::string
case_name(const SlowCase &k)
{
	static const char *slow[] = {"Primary", "Secondary", "All"};
	return std::string(k.detach ? "Remove" : "Probe") + "In" +
		slow[static_cast<int>(k.slow)] + "Takes" +
		std::to_string(static_cast<int>(k.delay * 10)) + "TenthsOfT_" +
		issuer_name(k.from);
}

std::string
param_name(const ::testing::TestParamInfo<SlowCase> &info)
{
	return case_name(info.param);
}

/* what GoogleTest prints of a case */
void
PrintTo(const SlowCase &k, std::ostream *os)
{
	*os << case_name(k);
}

std::vector<SlowCase>
cases()
{
	std::vector<SlowCase> all;
	for (Slow s : {Slow::Primary, Slow::Secondary, Slow::All})
		for (double d : {0.5, 1.5, 2.0})
			for (bool detach : {false, true})
				for (int from : {0, 1}) {
					SlowCase k{s, d, detach, from};
					/* what the series promises */
					if (stock_succeeds(k) && !series_succeeds(k))
						throw std::logic_error("a case stock passes fails with the series");
					all.push_back(k);
				}
	return all;
}

class SlowDevices : public ::testing::TestWithParam<SlowCase> {};

/* Polls until every process lists names, for up to within. */
::testing::AssertionResult
agree_within(harness::Cluster &c, const std::vector<std::string> &names,
	std::chrono::milliseconds within)
{
	auto end = std::chrono::steady_clock::now() + within;
	for (;;) {
		auto r = all_list(c, names);
		if (r || std::chrono::steady_clock::now() > end)
			return r;
		std::this_thread::sleep_for(100ms);
	}
}

TEST_P(SlowDevices, SucceedWhereStockDoesAndAgreeOtherwise)
{
	const SlowCase &k = GetParam();
	const int t_ms = test_timeout_ms();
	const int delay_ms = static_cast<int>(k.delay * t_ms);
	const bool fixed = has("eal-fix-hotplug-timeouts");
	const bool ok = fixed ? series_succeeds(k) : stock_succeeds(k);

	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	std::string var = std::string(k.detach ? "SIMNIC_REMOVE_DELAY_MS=" :
		"SIMNIC_PROBE_DELAY_MS=") + std::to_string(delay_ms);
	for (int i = 0; i <= 2; i++)
		if ((i == 0 && k.slow != Slow::Secondary) ||
				(i == 2 && k.slow != Slow::Primary) ||
				(i == 1 && k.slow == Slow::All))
			o.env_of[i] = {var};
	harness::Cluster c(o);
	ASSERT_TRUE(use_test_timeout(c));
	pci.bind(addr, "vfio-pci");
	if (k.detach) {
		ASSERT_TRUE(contains(c.run(0, "attach " + addr), "attached device " + addr));
	}

	const std::string op = k.detach ? "detach" : "attach";
	auto t0 = std::chrono::steady_clock::now();
	/* a slow probe, steps that time out and a rollback, with room */
	std::string out = c.proc(k.from).command(op + " " + addr, harness::host_prompt,
		std::chrono::milliseconds(10 * t_ms + delay_ms));
	auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
		std::chrono::steady_clock::now() - t0);
	std::vector<std::string> done, undone;
	(k.detach ? undone : done).push_back(addr);

	if (ok) {
		EXPECT_TRUE(contains(out, std::string(k.detach ? "detached" : "attached") +
			" device " + addr)) << c.label(k.from) << " after " << took.count()
			<< " ms:\n" << out;
		EXPECT_TRUE(all_list(c, done));
		return;
	}
	EXPECT_TRUE(contains(out, "failed to " + op + " device " + addr))
		<< c.label(k.from) << " after " << took.count() << " ms:\n" << out;
	if (!fixed)
		return; /* the requester may have been told a failure that then took effect */
	EXPECT_TRUE(contains(out, "ETIMEDOUT")) << out;
	/* the slow process finishes late, then undoes what it did */
	EXPECT_TRUE(agree_within(c, undone, std::chrono::milliseconds(3 * t_ms + delay_ms)))
		<< "after the rolled-back " << op;
}

INSTANTIATE_TEST_SUITE_P(Slow, SlowDevices, ::testing::ValuesIn(cases()), param_name);

} // namespace
} // namespace hotplug_mp::test

namespace hotplug_mp::test {
namespace {

/*
 * A secondary answers the attach after the primary gave up on it, then
 * the rollback that followed. The primary must take the late answer for
 * what it is and wait for the rollback's own: the requester is answered
 * only once every process undid the attach, and lists then agree.
 */
TEST(SlowDevices, ARollbackEndsOnlyWhenEveryProcessUndidIt)
{
	const int t_ms = test_timeout_ms();
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	/* late by half a timeout, then slow to undo it */
	o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=" + std::to_string(3 * t_ms / 2),
		"SIMNIC_REMOVE_DELAY_MS=" + std::to_string(3 * t_ms / 10)};
	harness::Cluster c(o);
	ASSERT_TRUE(use_test_timeout(c));
	pci.bind(addr, "vfio-pci");
	std::string out = c.proc(0).command("attach " + addr, harness::host_prompt,
		std::chrono::milliseconds(10 * t_ms));
	EXPECT_TRUE(contains(out, "failed to attach device " + addr)) << out;
	EXPECT_TRUE(all_list(c, {})) << "right after the answer";
}

} // namespace
} // namespace hotplug_mp::test
