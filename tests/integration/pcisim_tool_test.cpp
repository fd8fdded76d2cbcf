/* SPDX-License-Identifier: BSD-3-Clause */
/* dpdk-pcisim as a user runs it: output, exit codes, refusals. */
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "environment.h"
#include "expectations.h"
#include "pty_process.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {
namespace {

struct ToolRun {
	int status;
	std::string out;
};

ToolRun
pcisim(const std::vector<std::string> &args)
{
	std::vector<std::string> argv = {pcisim_tool()};
	argv.insert(argv.end(), args.begin(), args.end());
	ToolRun r;
	r.status = harness::run_command(argv, &r.out);
	return r;
}

TEST(PcisimTool, MakesATreeAsDevbindWould)
{
	TempDir dir;
	const std::string root = (dir.path() / "t").string();
	ToolRun r = pcisim({"--root", root, "create"});
	ASSERT_EQ(r.status, 0) << r.out;
	EXPECT_EQ(r.out, "SYSFS_PCI_DEVICES=" + root + "/devices\n");

	ASSERT_EQ(pcisim({"--root", root, "add", "81:00.0"}).status, 0);
	ASSERT_EQ(pcisim({"--root", root, "add", "0000:81:00.1", "--numa", "0"}).status, 0);
	ASSERT_EQ(pcisim({"--root", root, "bind", "0000:81:00.1", "vfio-pci"}).status, 0);
	r = pcisim({"--root", root, "status"});
	ASSERT_EQ(r.status, 0) << r.out;
	EXPECT_TRUE(contains(r.out, "Bound to a DPDK-compatible driver:\n"
		"0000:81:00.1 '1b36:d5d0' drv=vfio-pci\n")) << r.out;
	EXPECT_TRUE(contains(r.out, "Bound to a kernel driver:\n"
		"0000:81:00.0 '1b36:d5d0' drv=simnic\n")) << r.out;

	ASSERT_EQ(pcisim({"--root", root, "unbind", "0000:81:00.0"}).status, 0);
	r = pcisim({"--root", root, "status"});
	EXPECT_TRUE(contains(r.out, "Not bound:\n0000:81:00.0 '1b36:d5d0'\n")) << r.out;
}

TEST(PcisimTool, ErrorsNameTheCause)
{
	TempDir dir;
	const std::string root = (dir.path() / "t").string();
	ASSERT_EQ(pcisim({"--root", root, "create"}).status, 0);

	ToolRun r = pcisim({"--root", root, "add", "0000:81:40.0"});
	EXPECT_EQ(r.status, 1);
	EXPECT_TRUE(contains(r.out, "'0000:81:40.0' is not a PCI address")) << r.out;

	r = pcisim({"--root", root, "bind", "0000:81:00.0", "vfio-pci"});
	EXPECT_EQ(r.status, 1);
	EXPECT_TRUE(contains(r.out, "no device 0000:81:00.0")) << r.out;

	r = pcisim({"--root", root, "frobnicate"});
	EXPECT_EQ(r.status, 2);
	EXPECT_TRUE(contains(r.out, "unknown command 'frobnicate'")) << r.out;

	r = pcisim({"--root", (dir.path() / "none").string(), "status"});
	EXPECT_EQ(r.status, 1);
	EXPECT_TRUE(contains(r.out, "is not a simulated PCI tree")) << r.out;
}

TEST(PcisimTool, NeverTouchesSys)
{
	ToolRun r = pcisim({"--root", "/sys/bus/pci", "bind", "0000:00:03.0", "vfio-pci"});
	EXPECT_EQ(r.status, 1);
	EXPECT_TRUE(contains(r.out, "below /sys")) << r.out;
	r = pcisim({"--root", "/sys/bus/pci", "create"});
	EXPECT_EQ(r.status, 1);
	EXPECT_TRUE(contains(r.out, "below /sys")) << r.out;
}

} // namespace
} // namespace hotplug_mp::test
