/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Faults in the middle of a multi-process hotplug request, one test group
 * per EAL fix of the series (changes.toml names each). Each test shows the
 * bug on a baseline (changes.toml's `proves` names the test) and passes
 * with the series.
 * After every fault, each live process is checked with "list".
 */
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

/*
 * Rollback undoes only what the request did. A device every process but
 * one already had stays where it was when a re-attach fails in that one:
 * a late secondary whose driver fails to probe it, or that has no driver.
 * A driver that takes a device again (RTE_PCI_DRV_PROBE_AGAIN, as mlx5
 * does to add representors) returns 0 to the re-attach where the device
 * was: that is no sign the request attached it.
 */
struct LateSecondary {
	const char *name;
	bool has_driver;
	bool probes_again;
};

class Rollback
	: public ::testing::TestWithParam<std::tuple<LateSecondary, int>> {};

TEST_P(Rollback, FailedReattachKeepsTheDeviceWhereItWas)
{
	const auto &[late_kind, issuer] = GetParam();
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	pci.bind(addr, "vfio-pci");
	harness::ClusterOptions o = pci.cluster_options(2);
	if (late_kind.probes_again)
		o.env.push_back("SIMNIC_PROBE_AGAIN=1");
	if (late_kind.has_driver) {
		o.env_of[3] = {"SIMNIC_FAIL_PROBE=" + addr};
	} else {
		for (int i = 0; i < 3; i++)
			o.eal_of[i] = o.eal;
		o.eal.clear();
	}
	harness::Cluster c(o);
	ASSERT_TRUE(all_list(c, {addr})) << "at start";
	/* a late secondary whose driver cannot take the device */
	int late = c.add_secondary();
	ASSERT_TRUE(c.list(late).empty()) << c.label(late);

	auto before = c.lists();
	std::string out = c.run(issuer, "attach " + addr);
	EXPECT_TRUE(contains(out, "failed to attach device " + addr)) << out;
	EXPECT_TRUE(lists_unchanged(c, before))
		<< "the failed re-attach removed a device that was in use";
	/* and the requester is told so */
	EXPECT_TRUE(contains(out, "rolled back; the device stays attached here, "
		"as in every process that had it before")) << out;
}

const LateSecondary late_secondaries[] = {
	{"ProbeFails", true, false},
	{"NoDriver", false, false},
	{"ProbeFailsWhereOthersProbeAgain", true, true},
};

INSTANTIATE_TEST_SUITE_P(Rollback, Rollback,
	::testing::Combine(::testing::ValuesIn(late_secondaries),
		::testing::Values(0, 1)),
	[](const ::testing::TestParamInfo<Rollback::ParamType> &info) {
		return std::string(std::get<0>(info.param).name) + "_" +
			issuer_name(std::get<1>(info.param));
	});

/*
 * A secondary that exits while a request is going round is gone, not a
 * failure of the request. Stock DPDK sends to one secondary at a time: two
 * secondaries take a second to probe; the one that gets the request second
 * quits while the first probes, so its socket is gone when the primary
 * comes to it (sendmsg() fails with ENOENT). With the series the request
 * reaches both at once (eal-fix-mp-request-fan-out), and the one that
 * quits finishes its part before it exits (eal-fix-exit-during-request,
 * PeerLeaves below).
 */
class PeerGone : public ::testing::TestWithParam<int> {};

TEST_P(PeerGone, ASecondaryQuittingMidRequestDoesNotFailIt)
{
	using namespace std::chrono_literals;
	const int issuer = GetParam(); /* 0 primary, 1 the fast secondary */
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(3);
	o.env_of[2] = o.env_of[3] = {"SIMNIC_PROBE_DELAY_MS=1000"};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	c.proc(issuer).send_line("attach " + addr);
	/* whichever slow secondary the request reaches first */
	const std::string probing = addr + ": probe takes 1000 ms more";
	int first = 0;
	for (auto end = std::chrono::steady_clock::now() + 10s;
	     first == 0 && std::chrono::steady_clock::now() < end;) {
		for (int i : {2, 3}) {
			try {
				c.proc(i).expect(probing, 20ms);
				first = i;
				break;
			} catch (const harness::PtyError &) {
			}
		}
	}
	ASSERT_NE(first, 0) << "no slow secondary got the request";
	const int leaver = first == 2 ? 3 : 2;
	c.proc(leaver).send_line("quit");
	EXPECT_TRUE(exits_cleanly(c.proc(leaver), 5s));

	std::string out = c.proc(issuer).expect(harness::host_prompt, 20s);
	EXPECT_TRUE(contains(out, "attached device " + addr))
		<< c.label(leaver) << " left mid-request; " << c.label(issuer)
		<< " printed:\n" << out;
	for (int i : {0, 1, first})
		EXPECT_EQ(c.list(i), (std::vector<harness::ListedPort>{{0, addr}}))
			<< c.label(i);
}

/*
 * A secondary that exits while it probes a device for the primary's attach
 * finishes the probe and answers before its clean-up frees the device. On
 * stock DPDK it exits in the middle of the probe (or crashes in it), and
 * the attach waits for its answer until the timeout.
 */
TEST(PeerLeaves, ASecondaryExitingMidAttachFinishesItFirst)
{
	using namespace std::chrono_literals;
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=1000"};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	c.proc(0).send_line("attach " + addr);
	c.proc(2).expect(addr + ": probe takes 1000 ms more", 10s);
	c.proc(2).send_line("quit");
	EXPECT_TRUE(exits_cleanly(c.proc(2), 5s));
	EXPECT_TRUE(contains(c.proc(2).transcript(),
		addr + ": probe done after the delay"))
		<< c.label(2) << " exited in the middle of the attach:\n"
		<< c.proc(2).transcript();

	std::string out = c.proc(0).expect(harness::host_prompt, 20s);
	EXPECT_TRUE(contains(out, "attached device " + addr)) << out;
	for (int i : {0, 1})
		EXPECT_EQ(c.list(i), (std::vector<harness::ListedPort>{{0, addr}}))
			<< c.label(i);
}

/*
 * A secondary whose clean-up is slow (its device's remove takes longer
 * than the hotplug timeout) is asked to attach a device while it exits.
 * It answers at once that it is exiting, and the attach succeeds in the
 * others. With the first version of the series it answered nothing: the
 * primary waited for its socket to go, after the clean-up, timed the
 * attach out and rolled it back everywhere.
 */
TEST(PeerLeaves, ASecondaryExitingSlowlyDoesNotHoldARequestUp)
{
	using namespace std::chrono_literals;
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_REMOVE_DELAY_MS=3000"};
	harness::Cluster c(o);
	ASSERT_TRUE(use_test_timeout(c));
	pci.bind(addr, "vfio-pci");
	ASSERT_TRUE(contains(c.run(0, "attach " + addr), "attached device " + addr));

	/* secondary 2 exits; its clean-up removes the device, slowly */
	c.proc(2).send_line("quit");
	c.proc(2).expect(addr + ": remove takes 3000 ms more", 10s);
	std::string out = c.run(0, "attach net_null0");
	EXPECT_TRUE(contains(out, "attached device net_null0"))
		<< "while secondary 2 exits:\n" << out;
	EXPECT_TRUE(exits_cleanly(c.proc(2), 10s));
	for (int i : {0, 1})
		EXPECT_EQ(c.list(i), (std::vector<harness::ListedPort>{{0, addr},
			{1, "net_null0"}})) << c.label(i);
}

/*
 * A killed secondary leaves its socket behind. The first message to reach
 * it removes it; when that happens while the hotplug request goes round,
 * the request finds no socket: ENOENT again. On stock that is a race (the
 * attach fails about every other run), so the test runs on the patched
 * build only; Mp/PeerGone shows the stock bug deterministically.
 */
TEST(PeerKilled, AKilledSecondaryIsSkipped)
{
	if (!has("eal-fix-ipc-peer-exit"))
		GTEST_SKIP() << "racy without eal-fix-ipc-peer-exit";
	harness::Cluster c(cluster_options(3));
	c.proc(3).signal(SIGKILL);
	EXPECT_NE(c.proc(3).wait_exit(std::chrono::seconds(5)), 0);

	for (int issuer : {0, 1}) {
		std::string out = c.run(issuer, "attach net_null0");
		EXPECT_TRUE(contains(out, "attached device net_null0")) << out;
		for (int i : {0, 1, 2})
			EXPECT_EQ(c.list(i), (std::vector<harness::ListedPort>{{0, "net_null0"}}))
				<< c.label(i);
		out = c.run(2, "detach net_null0");
		EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	}
}

INSTANTIATE_TEST_SUITE_P(Mp, PeerGone, ::testing::Values(0, 1), issuer_param_name);

/*
 * Timeouts. A secondary that never answers (stopped) makes the request fail
 * with ETIMEDOUT, and it is rolled back; the requester's answer is always
 * what happened in the group.
 */
class Timeout : public ::testing::TestWithParam<int> {};

TEST_P(Timeout, StoppedSecondaryFailsTheAttachWithETimedOut)
{
	using namespace std::chrono_literals;
	const int issuer = GetParam();
	harness::Cluster c(cluster_options(2));
	/* a short timeout where the EAL has the setting; 5 s where not */
	c.run(0, "hotplug-timeout 1000");

	/* stopped for sure before the request goes out, or it may answer it */
	c.proc(2).stop();
	std::string out = c.run(issuer, "attach net_null0");
	EXPECT_TRUE(contains(out, "failed to attach device net_null0: ETIMEDOUT"))
		<< "secondary 2 is stopped; " << c.label(issuer) << " printed:\n" << out;
	EXPECT_TRUE(c.list(0).empty() && c.list(1).empty())
		<< "the timed-out attach was not rolled back";

	/*
	 * Resumed, secondary 2 runs the attach, which fails since the primary
	 * has dropped the device, then the rollback; the primary drops both
	 * late replies. Wait for all of it before reading the prompts again.
	 */
	c.proc(2).signal(SIGCONT);
	EXPECT_NO_THROW(c.proc(2).expect("Driver cannot attach the device (net_null0)", 10s));
	EXPECT_NO_THROW(c.proc(0).expect("Drop mp reply", 10s));
	EXPECT_NO_THROW(c.proc(0).expect("Drop mp reply", 10s));
	ASSERT_TRUE(all_list(c, {})) << "after secondary 2 resumed";
	attach_detach_round(c, flows[0], "net_null0", "net_null0");
}

/*
 * A primary and a secondary that both take 3 s to probe: the request from
 * secondary 1 needs 6 s. Whatever secondary 1 is told, every process must
 * then list what it says: the device if attached, nothing if failed.
 */
class TimeoutSlowProbes : public ::testing::Test {
protected:
	void SetUp() override
	{
		harness::ClusterOptions o = pci_.cluster_options(2);
		o.env_of[0] = o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=3000"};
		c_ = std::make_unique<harness::Cluster>(o);
		pci_.bind(addr_, "vfio-pci");
	}

	SimulatedPci pci_;
	const std::string addr_ = pci_.add_nic();
	std::unique_ptr<harness::Cluster> c_;
};

TEST_F(TimeoutSlowProbes, TheRequesterIsToldWhatHappened)
{
	harness::Cluster &c = *c_;
	const std::string &addr = addr_;
	std::string out = c.run(1, "attach " + addr);
	bool attached = contains(out, "attached device " + addr);
	EXPECT_TRUE(attached || contains(out, "failed to attach device " + addr))
		<< out;
	std::vector<std::string> want;
	if (attached)
		want.push_back(addr);
	EXPECT_TRUE(all_list(c, want))
		<< "secondary 1 was told: " << out;
}

TEST_F(TimeoutSlowProbes, ALongerTimeoutLetsThemSucceed)
{
	if (!has("eal-hotplug-timeout-setting"))
		GTEST_SKIP() << "needs eal-hotplug-timeout-setting";
	harness::Cluster &c = *c_;
	const std::string &addr = addr_;
	std::string out = c.run(0, "hotplug-timeout 10000");
	ASSERT_TRUE(contains(out, "hotplug timeout set to 10000 ms")) << out;
	EXPECT_TRUE(contains(c.run(1, "hotplug-timeout"), "hotplug timeout: 10000 ms"))
		<< "a secondary sees the primary's setting";
	out = c.run(1, "attach " + addr);
	EXPECT_TRUE(contains(out, "attached device " + addr)) << out;
	EXPECT_TRUE(all_list(c, {addr}));
}

INSTANTIATE_TEST_SUITE_P(Hotplug, Timeout, ::testing::Values(0, 1), issuer_param_name);

/*
 * The primary sends a request to every secondary before it waits for any
 * reply: four secondaries taking 1.5 s each to probe answer an attach in
 * about 1.5 s, well within the default 5 s. One after the other they would
 * need 6 s, and the attach would time out.
 */
TEST(ParallelFanOut, SlowSecondariesProbeAtTheSameTime)
{
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(4);
	for (int i = 1; i <= 4; i++)
		o.env_of[i] = {"SIMNIC_PROBE_DELAY_MS=1500"};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	auto t0 = std::chrono::steady_clock::now();
	std::string out = c.run(0, "attach " + addr);
	auto took = std::chrono::steady_clock::now() - t0;
	EXPECT_TRUE(contains(out, "attached device " + addr)) << out;
	EXPECT_TRUE(all_list(c, {addr}));
	/* a lower bound only: the probes did run */
	EXPECT_GE(took, std::chrono::milliseconds(1500));
}

/*
 * Processes started by one supervisor share its session, and the
 * scheduler groups them as one. There, the interrupt thread woken by the
 * 1 us alarm that hands it each request preempted the thread arming the
 * alarm, which held the alarm list spinlock, and spun on it for the rest
 * of its time slice: about 3.5 ms of CPU per request in each process.
 * The CPU time of each interrupt thread shows it whatever else runs.
 */
std::uint64_t
interrupt_thread_cpu_ns(pid_t pid)
{
	namespace fs = std::filesystem;
	for (const auto &task : fs::directory_iterator(
			"/proc/" + std::to_string(pid) + "/task")) {
		std::string comm;
		std::getline(std::ifstream(task.path() / "comm"), comm);
		/* its name up to DPDK 23.07, and since */
		if (comm != "eal-intr-thread" && comm != "dpdk-intr")
			continue;
		std::uint64_t ns = 0;
		std::ifstream(task.path() / "schedstat") >> ns;
		return ns;
	}
	throw std::runtime_error("no interrupt thread in pid " + std::to_string(pid));
}

class OneSession : public ::testing::TestWithParam<int> {};

TEST_P(OneSession, InterruptThreadsDoNotSpinOnHotplug)
{
	constexpr int cycles = 40;
	TempDir dir;
	harness::ClusterOptions o = cluster_options(2);
	o.session = harness::Session::caller;
	/* the "bench" command, a module of the benchmark's */
	o.eal_of[GetParam()] = {"-d", loadable_copy(dir, bench_module()).string()};
	harness::Cluster c(o);
	std::vector<std::uint64_t> before;
	for (int i = 0; i < c.size(); i++)
		before.push_back(interrupt_thread_cpu_ns(c.proc(i).pid()));

	std::string out = c.proc(GetParam()).command(
		"bench " + std::to_string(cycles) + " net_null0",
		harness::host_prompt, std::chrono::seconds(60));
	ASSERT_TRUE(contains(out, "cycle median")) << out;

	for (int i = 0; i < c.size(); i++) {
		double ms = (interrupt_thread_cpu_ns(c.proc(i).pid()) - before[i]) / 1e6;
		/* a request costs it tens of us; a spin, milliseconds */
		EXPECT_LT(ms / cycles, 1.0)
			<< c.label(i) << "'s interrupt thread ran " << ms
			<< " ms for " << cycles << " attach+detach cycles";
	}
	EXPECT_TRUE(all_list(c, {}));
}

INSTANTIATE_TEST_SUITE_P(Alarm, OneSession, ::testing::Values(0, 1), issuer_param_name);

/*
 * A secondary scanning the vdev bus at start asks the primary for its
 * devices. The answer reaches that secondary alone: on 22.11 the primary
 * sent every name to every secondary, so the first of three heard of the
 * primary's device three times.
 */
TEST(VdevScan, ReachesTheSecondaryThatAsked)
{
	harness::ClusterOptions o = cluster_options(3);
	o.eal_of[0] = {"--vdev", "net_null0"};
	o.eal.insert(o.eal.end(), {"--log-level", "bus.vdev:info"});
	harness::Cluster c(o);
	ASSERT_TRUE(all_list(c, {"net_null0"}));
	for (int i = 1; i < c.size(); i++) {
		const std::string &t = c.proc(i).transcript();
		size_t heard = 0;
		for (size_t at = t.find("receive vdev, net_null0"); at != std::string::npos;
		     at = t.find("receive vdev, net_null0", at + 1))
			heard++;
		EXPECT_EQ(heard, 1u) << c.label(i) << " printed:\n" << t;
	}
}

/*
 * Concurrent requests: the primary, secondary 1 and secondary 2 each attach
 * a NIC at the same moment, then each detaches one. Secondary 2 takes
 * 300 ms to probe, so the requests overlap in the primary. Each must
 * succeed (a request waits for the one before it), and every process ends
 * with the same list.
 */
TEST(Concurrent, ThreeProcessesHotplugAtOnce)
{
	using namespace std::chrono_literals;
	SimulatedPci pci;
	std::vector<std::string> addrs;
	for (int i = 0; i < 3; i++)
		addrs.push_back(pci.add_nic());
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=300"};
	harness::Cluster c(o);
	for (const auto &a : addrs)
		pci.bind(a, "vfio-pci");

	for (const char *verb : {"attach", "detach"}) {
		SCOPED_TRACE(verb);
		for (int i = 0; i < 3; i++)
			c.proc(i).send_line(std::string(verb) + " " + addrs[i]);
		for (int i = 0; i < 3; i++) {
			std::string out = c.proc(i).expect(harness::host_prompt, 30s);
			EXPECT_TRUE(contains(out, std::string(verb) + "ed device " + addrs[i]))
				<< c.label(i) << " printed:\n" << out;
		}
		std::vector<std::string> want;
		if (std::string(verb) == "attach")
			want = addrs;
		EXPECT_TRUE(all_list(c, want));
	}
}

/*
 * The waits of a hotplug operation count on the monotonic clock. The wall
 * clock of every process is an hour behind (libfaketime changes what the
 * processes read, not the system clock). Secondary 1 attaches a NIC that
 * secondary 2 takes a second to probe; meanwhile the primary attaches
 * another, and waits for the hotplug lock, which secondary 1's request
 * holds in the primary. A deadline taken from the wall clock is an hour
 * past for the kernel, and that wait would fail at once.
 */
TEST(Concurrent, WaitsDoNotFollowTheWallClock)
{
	using namespace std::chrono_literals;
	const char *lib = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
	ASSERT_EQ(access(lib, R_OK), 0) << lib << " is missing: run the set-up";
	SimulatedPci pci;
	const std::string first = pci.add_nic(), second = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env.insert(o.env.end(), {std::string("LD_PRELOAD=") + lib,
		"FAKETIME=-3600", "FAKETIME_DONT_FAKE_MONOTONIC=1",
		/* its "fix" would turn a wait on a monotonic condition
		 * variable into a wait on the wall clock */
		"FAKETIME_FORCE_MONOTONIC_FIX=0",
		/* the sanitizers' runtime is then not the first library */
		"ASAN_OPTIONS=verify_asan_link_order=0"});
	o.env_of[2] = {"SIMNIC_PROBE_DELAY_MS=1000"};
	harness::Cluster c(o);
	pci.bind(first, "vfio-pci");
	pci.bind(second, "vfio-pci");

	c.proc(1).send_line("attach " + first);
	c.proc(2).expect("probe takes 1000 ms more", 10s);
	std::string out0 = c.run(0, "attach " + second);
	std::string out1 = c.proc(1).expect(harness::host_prompt, 30s);
	EXPECT_TRUE(contains(out0, "attached device " + second))
		<< "primary printed:\n" << out0;
	EXPECT_TRUE(contains(out1, "attached device " + first))
		<< "secondary 1 printed:\n" << out1;
	EXPECT_TRUE(all_list(c, {first, second}));
}

/*
 * A driver that attaches a sub-device from its own probe (failsafe and
 * vdev_netvsc do) starts a hotplug operation within the one that probes
 * it, in the thread that holds the hotplug lock: it runs inside it. The
 * primary's net_simnic attaches net_null7 from its probe
 * (SIMNIC_PROBE_ATTACH); whoever asked, every process ends with both.
 */
class Nested : public ::testing::TestWithParam<int> {};

TEST_P(Nested, ADriverAttachesASubDeviceFromItsProbe)
{
	const int issuer = GetParam();
	SimulatedPci pci;
	std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[0] = {"SIMNIC_PROBE_ATTACH=net_null7"};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	std::string out = c.run(issuer, "attach " + addr);
	EXPECT_TRUE(contains(out, "attached device " + addr))
		<< c.label(issuer) << " printed:\n" << out
		<< "\nprimary printed:\n" << c.proc(0).transcript();
	EXPECT_TRUE(all_list(c, {"net_null7", addr}));
}

INSTANTIATE_TEST_SUITE_P(Hotplug, Nested, ::testing::Values(0, 1), issuer_param_name);

/*
 * A secondary's request that arrives while the primary runs an attach of
 * its own waits for it without holding up the primary's interrupt
 * thread, which that attach needs: the primary's net_simnic waits in its
 * probe for an alarm (SIMNIC_PROBE_ALARM_MS), and alarms fire in the
 * interrupt thread. Both attaches succeed, one after the other.
 */
TEST(Concurrent, AWaitingRequestLeavesTheInterruptThreadFree)
{
	using namespace std::chrono_literals;
	SimulatedPci pci;
	std::string addr = pci.add_nic();
	harness::ClusterOptions o = pci.cluster_options(2);
	o.env_of[0] = {"SIMNIC_PROBE_ALARM_MS=500"};
	harness::Cluster c(o);
	pci.bind(addr, "vfio-pci");

	c.proc(0).send_line("attach " + addr);
	c.proc(0).expect("probe waits for an alarm", 10s);
	std::string out1 = c.run(1, "attach net_null3");
	std::string out0 = c.proc(0).expect(harness::host_prompt, 10s);
	EXPECT_TRUE(contains(out0, "attached device " + addr))
		<< "primary printed:\n" << out0;
	EXPECT_TRUE(contains(out1, "attached device net_null3"))
		<< "secondary 1 printed:\n" << out1;
	EXPECT_TRUE(all_list(c, {addr, "net_null3"}));
}

/*
 * A device string whose first key is "bus" or "class" without a value
 * (eal-fix-layer-key-crash, found by the devargs fuzz target): the EAL's parser looked
 * the bus or class up by a NULL name and the process crashed. Given as
 * --vdev, it must fail the start with an exit status, not a signal.
 */
class LayerKey : public ::testing::TestWithParam<const char *> {};

TEST_P(LayerKey, WithoutValueFailsTheStartNotTheProcess)
{
	harness::Prefix prefix("hpmp_layer");
	std::vector<std::string> argv = {host(), "-l", "0", "--no-pci",
		"--file-prefix", prefix.name(), "--vdev", GetParam()};
	for (const auto &a : extra_eal_args())
		argv.push_back(a);
	harness::PtyProcess p("primary", argv);

	int status = p.wait_exit(std::chrono::seconds(20));
	EXPECT_TRUE(status > 0 && status < 128)
		<< "exit status " << status << "; it printed:\n" << p.transcript();
}

INSTANTIATE_TEST_SUITE_P(Devargs, LayerKey,
	::testing::Values("bus", "class,k0=v0"),
	[](const ::testing::TestParamInfo<const char *> &info) {
		return std::string(info.index == 0 ? "Bus" : "Class");
	});

} // namespace
} // namespace hotplug_mp::test
