/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Physical ports on real PMDs: the test plan's cases 63.1, 63.2 and 63.5
 * inside the emulated machine (tools/vm), on virtio-net-pci (net_virtio)
 * and e1000e (net_e1000_em) NICs
 * bound to vfio-pci behind the emulated IOMMU or to uio_pci_generic, one
 * primary and two secondaries; the command module in dpdk-testpmd on the
 * same NICs; and what the first runs there found: a port closed in the
 * primary before its device is detached.
 *
 * Outside the emulated machine every case is skipped: tools/vm/run.py
 * boots the guest and runs them there.
 */
#include <chrono>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "emulated_pci.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;
using harness::PtyProcess;

constexpr const char *testpmd_prompt = "testpmd> ";

/* A model of NIC and the driver that gives it to DPDK. */
struct Nic {
	const char *model;  /* EmulatedPci::nics() */
	const char *driver; /* vfio-pci or uio_pci_generic */
};

const Nic nic_kinds[] = {
	{"virtio", "vfio-pci"},
	{"virtio", "uio_pci_generic"},
	{"e1000e", "vfio-pci"},
	{"e1000e", "uio_pci_generic"},
};

std::string
nic_name(const Nic &n)
{
	std::string s = std::string(n.model) + "_" + n.driver;
	for (char &ch : s)
		if (ch == '-')
			ch = '_';
	return s;
}

/* The NIC of the case, given back to no driver at the end. */
class OnEmulatedNic {
protected:
	void take(const Nic &n)
	{
		if (!EmulatedPci::available())
			GTEST_SKIP() << "outside the emulated machine "
				"(tools/vm/run.py runs these cases)";
		pci_ = std::make_unique<EmulatedPci>();
		auto found = pci_->nics(n.model);
		ASSERT_FALSE(found.empty()) << "the machine has no " << n.model
			<< " NIC";
		addr_ = found.front();
		driver_ = n.driver;
		pci_->bind(addr_, "");
	}
	/* a NIC a test took out comes back first */
	void give_back()
	{
		if (!pci_)
			return;
		if (!pci_->present(addr_))
			pci_->replug(addr_);
		pci_->bind(addr_, "");
	}

	std::unique_ptr<EmulatedPci> pci_;
	std::string addr_;
	std::string driver_;
};

const Nic &nic_of(const Nic &n) { return n; }
template <typename... T>
const Nic &nic_of(const std::tuple<Nic, T...> &p) { return std::get<0>(p); }

/* A case on the NIC its parameter names: skipped outside the guest. */
template <typename P>
class EmulatedNicTest : public OnEmulatedNic, public ::testing::TestWithParam<P> {
protected:
	void SetUp() override { take(nic_of(this->GetParam())); }
	void TearDown() override { give_back(); }
};

/* 63.1 and 63.5: bound while the processes run; attach, detach, twice. */
using EmulatedPciPlan = EmulatedNicTest<std::tuple<Nic, Flow>>;

TEST_P(EmulatedPciPlan, AttachAfterBindRepeatedTwice)
{
	const Flow &flow = std::get<1>(GetParam());
	harness::Cluster c(pci_->cluster_options(driver_, 2));
	ASSERT_TRUE(all_list(c, {})) << "at start, " << addr_ << " has no driver";

	pci_->bind(addr_, driver_);
	for (int round = 1; round <= 2; round++) {
		SCOPED_TRACE("round " + std::to_string(round));
		attach_detach_round(c, flow, addr_, addr_);
		if (HasFatalFailure())
			return;
	}
	for (int i = 0; i < c.size(); i++)
		EXPECT_EQ(pci_->holds(c.proc(i).pid(), addr_),
			std::vector<std::string>{}) << c.label(i) << " after the detach";
}

std::string
plan_name(const ::testing::TestParamInfo<EmulatedPciPlan::ParamType> &info)
{
	return nic_name(std::get<0>(info.param)) + "_" +
		std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Emulated, EmulatedPciPlan,
	::testing::Combine(::testing::ValuesIn(nic_kinds),
		::testing::Values(flows[0], flows[1])),
	plan_name);

/* 63.2: bound before the processes start; every one lists it; detach. */
using EmulatedPciAtStart = EmulatedNicTest<std::tuple<Nic, int>>;

TEST_P(EmulatedPciAtStart, ListedEverywhereThenDetached)
{
	const int detacher = std::get<1>(GetParam());
	pci_->bind(addr_, driver_);
	harness::Cluster c(pci_->cluster_options(driver_, 2));
	ASSERT_TRUE(all_list(c, {addr_})) << "at start";

	std::string out = c.run(detacher, "detach " + addr_);
	EXPECT_TRUE(contains(out, "detached device " + addr_)) << out;
	ASSERT_TRUE(all_list(c, {})) << "after detach";
	for (int i = 0; i < c.size(); i++)
		EXPECT_EQ(pci_->holds(c.proc(i).pid(), addr_),
			std::vector<std::string>{}) << c.label(i) << " after the detach";

	out = c.run(detacher, "detach " + addr_);
	EXPECT_TRUE(contains(out, "failed to detach device " + addr_)) << out;
	EXPECT_TRUE(all_list(c, {})) << "after repeated detach";
}

std::string
start_name(const ::testing::TestParamInfo<EmulatedPciAtStart::ParamType> &info)
{
	return nic_name(std::get<0>(info.param)) + "_" +
		issuer_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Emulated, EmulatedPciAtStart,
	::testing::Combine(::testing::ValuesIn(nic_kinds),
		::testing::Values(0, 1)),
	start_name);

/*
 * QEMU's device_del of a NIC that the primary and both secondaries have
 * attached. With VFIO the kernel asks the primary for the device back and
 * waits; with uio it removes the device and says so in a uevent. Either
 * way the module in the primary detaches it from every process, and says
 * so; QEMU's removal completes, nothing is left in any process, and after
 * device_add the NIC attaches again from a secondary. rounds_ times.
 */
using EmulatedUnplug = EmulatedNicTest<std::tuple<Nic, int>>;

/*
 * How long the primary may take to say a NIC was removed: the e1000e on
 * uio takes 31 to 52 s, its driver polling registers of hardware that is
 * gone until each poll times out.
 */
constexpr auto removal_wait = std::chrono::seconds(180);

/*
 * The last lines every process printed: a process's EAL log says why its
 * probe failed, which the process that asked is not told.
 */
std::string
last_output(harness::Cluster &c, std::size_t chars = 3000)
{
	std::string all;
	for (int i = 0; i < c.size(); i++) {
		const std::string t = c.proc(i).transcript();
		all += "--- " + c.label(i) + " printed (last " +
			std::to_string(chars) + " characters):\n" +
			(t.size() > chars ? t.substr(t.size() - chars) : t) + "\n";
	}
	return all;
}

/* Runs "list" at process i until its output has line, or timeout. */
bool
lists_until(harness::Cluster &c, int i, const std::string &line,
	std::chrono::seconds timeout, std::string *out)
{
	auto deadline = std::chrono::steady_clock::now() + timeout;
	do {
		std::string o = c.run(i, "list");
		*out += o;
		if (contains(o, line))
			return true;
	} while (std::chrono::steady_clock::now() < deadline);
	return false;
}

TEST_P(EmulatedUnplug, EveryProcessLetsTheNicGo)
{
	const int rounds = std::get<1>(GetParam());
	pci_->bind(addr_, driver_);
	harness::Cluster c(pci_->cluster_options(driver_, 2));
	ASSERT_TRUE(all_list(c, {addr_})) << "at start";

	for (int round = 1; round <= rounds; round++) {
		SCOPED_TRACE("round " + std::to_string(round));
		std::chrono::milliseconds took;
		try {
			took = pci_->unplug(addr_, 20s);
		} catch (const std::exception &e) {
			FAIL() << e.what();
		}
		RecordProperty("unplug_ms_round_" + std::to_string(round),
			static_cast<int>(took.count()));
		std::string out;
		EXPECT_TRUE(lists_until(c, 0, "device " + addr_ + " was removed "
			"from the machine: detached from every process", removal_wait,
			&out))
			<< "the primary said:\n" << out;
		ASSERT_TRUE(all_list(c, {})) << "after the removal";
		for (int i = 0; i < c.size(); i++)
			EXPECT_EQ(pci_->holds(c.proc(i).pid(), addr_),
				std::vector<std::string>{}) << c.label(i);

		pci_->replug(addr_);
		pci_->bind(addr_, driver_);
		out = c.run(1, "attach " + addr_);
		ASSERT_TRUE(contains(out, "attached device " + addr_))
			<< out << last_output(c);
		ASSERT_TRUE(all_list(c, {addr_})) << "after device_add";
	}
}

std::string
unplug_name(const ::testing::TestParamInfo<EmulatedUnplug::ParamType> &info)
{
	return nic_name(std::get<0>(info.param)) + "_" +
		std::to_string(std::get<1>(info.param)) + "Rounds";
}

INSTANTIATE_TEST_SUITE_P(Emulated, EmulatedUnplug,
	::testing::Combine(::testing::ValuesIn(nic_kinds), ::testing::Values(2)),
	unplug_name);
/* 20 rounds of it: the full tier's */
INSTANTIATE_TEST_SUITE_P(EmulatedLong, EmulatedUnplug,
	::testing::Combine(::testing::Values(nic_kinds[0], nic_kinds[1]),
		::testing::Values(20)),
	unplug_name);

/*
 * Four secondaries probe a VFIO NIC in one attach: each asks the primary
 * for the VFIO container while it probes, while the primary waits for
 * their replies to the attach. The attach succeeds, from the primary and
 * from a secondary, well within the hotplug timeout.
 */
using EmulatedFourSecondaries = EmulatedNicTest<std::tuple<Nic, int>>;

TEST_P(EmulatedFourSecondaries, ProbeAtOnceWithinTheTimeout)
{
	const int issuer = std::get<1>(GetParam());
	harness::Cluster c(pci_->cluster_options(driver_, 4));
	ASSERT_TRUE(use_test_timeout(c));
	pci_->bind(addr_, driver_);
	auto t0 = std::chrono::steady_clock::now();
	std::string out = c.run(issuer, "attach " + addr_);
	auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
		std::chrono::steady_clock::now() - t0);
	RecordProperty("attach_ms", static_cast<int>(took.count()));
	ASSERT_TRUE(contains(out, "attached device " + addr_)) << out;
	EXPECT_LT(took.count(), test_timeout_ms())
		<< "the attach took longer than one hotplug timeout";
	EXPECT_TRUE(all_list(c, {addr_}));
	out = c.run(issuer, "detach " + addr_);
	EXPECT_TRUE(contains(out, "detached device " + addr_)) << out;
	EXPECT_TRUE(all_list(c, {}));
}

INSTANTIATE_TEST_SUITE_P(Emulated, EmulatedFourSecondaries,
	::testing::Combine(::testing::Values(nic_kinds[0], nic_kinds[2]),
		::testing::Values(0, 1)),
	[](const ::testing::TestParamInfo<EmulatedFourSecondaries::ParamType> &info) {
		return nic_name(std::get<0>(info.param)) + "_" +
			issuer_name(std::get<1>(info.param));
	});

/*
 * dpdk-testpmd with the command module, a primary and a secondary, and
 * our host as a second secondary.
 */
class EmulatedTestpmd : public OnEmulatedNic,
			public ::testing::TestWithParam<Nic> {
protected:
	void SetUp() override
	{
		if (testpmd().empty())
			GTEST_SKIP() << "this build has no dpdk-testpmd that loads modules";
		ASSERT_NO_FATAL_FAILURE(take(GetParam()));
		if (IsSkipped())
			return;
		module_ = loadable_copy(dir_, plugin()).string();
	}
	void TearDown() override
	{
		for (auto *p : {host_.get(), secondary_.get(), primary_.get()})
			if (p != nullptr)
				p->terminate();
		harness::remove_prefix_files(prefix_.name());
		give_back();
	}

	std::unique_ptr<PtyProcess> start_testpmd(bool primary)
	{
		std::vector<std::string> argv = {testpmd(), "-l",
			primary ? "0-1" : "1,0", "--main-lcore", primary ? "0" : "1",
			"--file-prefix", prefix_.name(), "--proc-type",
			primary ? "primary" : "secondary", "-d", module_,
			"--log-level", "lib.eal:notice"};
		for (const auto &a : pci_->eal_args(driver_))
			argv.push_back(a);
		for (const auto &a : extra_eal_args())
			argv.push_back(a);
		argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=2048",
			"--no-mlockall"});
		auto p = std::make_unique<PtyProcess>(primary ? "testpmd primary" :
			"testpmd secondary", argv);
		p->expect(testpmd_prompt, 60s);
		return p;
	}
	std::unique_ptr<PtyProcess> start_host()
	{
		std::vector<std::string> argv = {host(), "-l", "1",
			"--file-prefix", prefix_.name(), "--proc-type", "secondary",
			"--log-level", "lib.eal:notice"};
		for (const auto &a : pci_->eal_args(driver_))
			argv.push_back(a);
		for (const auto &a : extra_eal_args())
			argv.push_back(a);
		auto p = std::make_unique<PtyProcess>("host secondary", argv);
		p->expect(harness::host_prompt, 60s);
		return p;
	}
	void start_all()
	{
		primary_ = start_testpmd(true);
		secondary_ = start_testpmd(false);
		host_ = start_host();
	}
	/* What each process lists, and whether it still holds the NIC. */
	::testing::AssertionResult all_list(
		const std::vector<harness::ListedPort> &want)
	{
		struct {
			PtyProcess *p;
			const char *prompt;
		} all[] = {{primary_.get(), testpmd_prompt},
			{secondary_.get(), testpmd_prompt},
			{host_.get(), harness::host_prompt}};
		for (const auto &[p, prompt] : all) {
			std::string out = p->command("list", prompt, 30s);
			if (harness::parse_list(out) != want)
				return ::testing::AssertionFailure()
					<< p->name() << " lists:\n" << out;
			auto held = pci_->holds(p->pid(), addr_);
			if (want.empty() && !held.empty()) {
				auto f = ::testing::AssertionFailure();
				f << p->name() << " still holds " << addr_ << ":";
				for (const auto &h : held)
					f << "\n  " << h;
				return f;
			}
		}
		return ::testing::AssertionSuccess();
	}

	TempDir dir_;
	std::string module_;
	harness::Prefix prefix_{"hpmp_emulated"};
	std::unique_ptr<PtyProcess> primary_, secondary_, host_;
};

TEST_P(EmulatedTestpmd, ModuleAttachesFromTheSecondary)
{
	start_all();
	pci_->bind(addr_, driver_);
	std::string out = secondary_->command("attach " + addr_, testpmd_prompt, 60s);
	ASSERT_TRUE(contains(out, "attached device " + addr_)) << out;
	ASSERT_TRUE(all_list({{0, addr_}}));
	out = secondary_->command("attach " + addr_, testpmd_prompt, 60s);
	EXPECT_TRUE(contains(out, "failed to attach device " + addr_ + ": EEXIST"))
		<< out;

	out = primary_->command("detach " + addr_, testpmd_prompt, 60s);
	EXPECT_TRUE(contains(out, "detached device " + addr_)) << out;
	EXPECT_TRUE(all_list({}));
	for (auto *p : {host_.get(), secondary_.get(), primary_.get()}) {
		p->send_line("quit");
		EXPECT_TRUE(exits_cleanly(*p, 30s)) << p->transcript();
	}
}

/*
 * testpmd's removal handler: port stop, port close, device detach. The
 * secondaries must forget the port and let the device go (its VFIO
 * descriptor, its mapped BARs), or the kernel can never remove it.
 */
TEST_P(EmulatedTestpmd, CloseThenDetachLeavesNothingInTheSecondaries)
{
	pci_->bind(addr_, driver_);
	start_all();
	ASSERT_TRUE(all_list({{0, addr_}})) << "at start";

	primary_->command("port stop all", testpmd_prompt, 30s);
	primary_->command("port close all", testpmd_prompt, 30s);
	std::string out = primary_->command("device detach " + addr_,
		testpmd_prompt, 60s);
	ASSERT_TRUE(contains(out, "Device " + addr_ + " is detached")) << out;
	EXPECT_TRUE(all_list({}));
	out = secondary_->command("show port summary all", testpmd_prompt, 30s);
	EXPECT_TRUE(contains(out, "Number of available ports: 0")) << out;

	/* and it comes back */
	out = host_->command("attach " + addr_, harness::host_prompt, 60s);
	EXPECT_TRUE(contains(out, "attached device " + addr_)) << out;
	EXPECT_TRUE(all_list({{0, addr_}}));
}

/*
 * QEMU's device_del with the module in a dpdk-testpmd primary: the module
 * there handles the removal as in our host, and every process lets the
 * NIC go.
 */
TEST_P(EmulatedTestpmd, UnplugReachesEveryProcess)
{
	pci_->bind(addr_, driver_);
	start_all();
	/* the first command starts what watching removals needs (uio) */
	ASSERT_TRUE(all_list({{0, addr_}})) << "at start";
	try {
		pci_->unplug(addr_, 20s);
	} catch (const std::exception &e) {
		FAIL() << e.what();
	}
	std::string said;
	const std::string line = "device " + addr_ +
		" was removed from the machine: detached from every process";
	auto deadline = std::chrono::steady_clock::now() + removal_wait;
	while (!contains(said, line) && std::chrono::steady_clock::now() < deadline)
		said += primary_->command("list", testpmd_prompt, 30s);
	EXPECT_TRUE(contains(said, line)) << said;
	EXPECT_TRUE(all_list({}));
}

INSTANTIATE_TEST_SUITE_P(Emulated, EmulatedTestpmd,
	::testing::ValuesIn(nic_kinds),
	[](const ::testing::TestParamInfo<Nic> &info) {
		return nic_name(info.param);
	});

} // namespace
} // namespace hotplug_mp::test
