/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hotplug operations take turns in the order they come. The primary's
 * application thread attaches and detaches a slow device back to back
 * (a dpdk-testpmd --cmdline-file); a secondary's attach of another
 * device, which the primary's interrupt thread runs between tries, must
 * get its turn after the operation under way, not time out behind the
 * application thread's next ones.
 */
#include <chrono>
#include <fstream>
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

class HotplugTurns : public TestpmdOnSimulatedPci {};

TEST_F(HotplugTurns, ASecondarysRequestGetsItsTurnBetweenTheApplicationsOnes)
{
	constexpr int cycles = 30;
	const std::string looped = pci_.add_nic();
	const std::string requested = pci_.add_nic();

	/* a short hotplug timeout (eal-hotplug-timeout-setting; else 5 s) */
	auto script = dir_.path() / "loop.txt";
	{
		std::ofstream f(script);
		if (has("eal-hotplug-timeout-setting"))
			f << "hotplug-timeout 1000\n";
		/* it was attached at start */
		for (int i = 0; i < cycles; i++)
			f << "detach " << looped << "\nattach " << looped << "\n";
	}
	pci_.bind(looped, "vfio-pci");
	/* each probe takes 200 ms in the primary */
	auto primary = start({.env = {"SIMNIC_PROBE_DELAY_MS=200"},
		 .app_args = {"--cmdline-file=" + script.string()}});
	primary->drop_lines("Port [0-9]+ is closed");
	/* the loop runs */
	primary->expect("attached device " + looped, 30s);
	pci_.bind(requested, "vfio-pci");

	std::vector<std::string> sargv = {host(), "-l", "1", "--file-prefix",
		prefix_.name(), "--proc-type", "secondary",
		"--log-level", "lib.eal:notice"};
	for (const auto &a : pci_.eal_args())
		sargv.push_back(a);
	for (const auto &a : extra_eal_args())
		sargv.push_back(a);
	harness::PtyProcess secondary("secondary", sargv, {pci_.sysfs_env()});
	secondary.expect(harness::host_prompt, 30s);
	std::string out = secondary.command("attach " + requested,
		harness::host_prompt, 30s);
	EXPECT_TRUE(contains(out, "attached device " + requested)) << out;

	/* the loop ends; both have the device */
	primary->expect(testpmd_prompt, 60s);
	out = primary->command("list", testpmd_prompt);
	EXPECT_EQ(harness::parse_list(out).size(), 2u) << out;
	EXPECT_TRUE(contains(out, requested)) << out;
	out = secondary.command("list", harness::host_prompt);
	EXPECT_TRUE(contains(out, requested)) << out;
	secondary.send_line("quit");
	EXPECT_TRUE(exits_cleanly(secondary, 20s)) << secondary.transcript();
	primary->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*primary, 20s)) << primary->transcript();
}

} // namespace
} // namespace hotplug_mp::test
