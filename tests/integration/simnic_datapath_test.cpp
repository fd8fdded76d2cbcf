/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated NIC moves packets: in dpdk-testpmd, a port on a simulated
 * PCI device loops what it sends back to its receive queue, so forwarding
 * runs and the port counters grow on both sides.
 */
#include <chrono>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "cluster.h"
#include "expectations.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;
constexpr const char *testpmd_prompt = "testpmd> ";

/* The first "NAME: N" counter in testpmd's "show port stats" output. */
long
counter(const std::string &stats, const std::string &name)
{
	std::smatch m;
	if (!std::regex_search(stats, m, std::regex(name + ":\\s*([0-9]+)")))
		return -1;
	return std::stol(m[1]);
}

TEST(SimnicDataPath, TestpmdForwardsThroughTheLoopback)
{
	if (testpmd().empty())
		GTEST_SKIP() << "this build has no dpdk-testpmd that loads modules";
	SimulatedPci pci;
	const std::string addr = pci.add_nic();
	pci.bind(addr, "vfio-pci");
	const harness::Prefix prefix("hpmp_simnic");

	std::vector<std::string> argv = {testpmd(), "-l", "0-1",
		"--file-prefix", prefix.name(), "--log-level", "lib.eal:notice"};
	for (const auto &a : pci.eal_args())
		argv.push_back(a);
	for (const char *a : {"--", "-i", "--total-num-mbufs=2048", "--no-mlockall"})
		argv.push_back(a);
	harness::PtyProcess tp("testpmd", argv, {pci.sysfs_env()});
	tp.expect(testpmd_prompt, 30s);

	std::string info = tp.command("show port info 0", testpmd_prompt);
	ASSERT_TRUE(contains(info, "Device name: " + addr)) << info;
	ASSERT_TRUE(contains(info, "Driver name: net_simnic")) << info;

	tp.command("start tx_first", testpmd_prompt);
	/* io forwarding sends every received burst out again: wait
	 * until some have gone round the loop */
	std::string stats;
	auto deadline = std::chrono::steady_clock::now() + 10s;
	do {
		stats = tp.command("show port stats 0", testpmd_prompt);
	} while (counter(stats, "RX-packets") <= 0 &&
		 std::chrono::steady_clock::now() < deadline);
	EXPECT_GT(counter(stats, "RX-packets"), 0) << stats;
	EXPECT_GT(counter(stats, "TX-packets"), 0) << stats;

	std::string out = tp.command("stop", testpmd_prompt);
	EXPECT_TRUE(contains(out, "Done.")) << out;
	tp.send_line("quit");
	EXPECT_EQ(tp.wait_exit(10s), 0) << tp.transcript();
}

} // namespace
} // namespace hotplug_mp::test
