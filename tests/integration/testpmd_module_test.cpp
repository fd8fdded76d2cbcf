/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command module inside dpdk-testpmd, loaded with EAL -d: at the
 * interactive prompt, under --cmdline-file, and with one of our hosts as a
 * secondary of the testpmd primary. Each process quits with status 0 and,
 * in the AddressSanitizer run, without a report at exit.
 */
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

using harness::PtyProcess;
constexpr const char *testpmd_prompt = "testpmd> ";

class TestpmdModule : public ::testing::Test {
protected:
	void SetUp() override
	{
		if (testpmd().empty())
			GTEST_SKIP() << "this build has no dpdk-testpmd that can load "
				"modules (Debian's is linked without --export-dynamic)";
		prefix_ = harness::unique_prefix("hpmp_testpmd");
		module_ = loadable_copy(dir_, plugin());
	}
	void TearDown() override
	{
		if (!prefix_.empty())
			harness::remove_prefix_files(prefix_);
	}

	std::unique_ptr<PtyProcess> start_testpmd(const std::vector<std::string> &app_args)
	{
		std::vector<std::string> argv = {testpmd(), "-l", "0-1", "--no-pci",
			"--file-prefix", prefix_, "-d", module_.string(),
			"--log-level", "lib.eal:notice"};
		for (const auto &a : extra_eal_args())
			argv.push_back(a);
		argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=2048",
			"--no-mlockall"});
		argv.insert(argv.end(), app_args.begin(), app_args.end());
		return std::make_unique<PtyProcess>("testpmd", argv);
	}

	TempDir dir_;
	std::filesystem::path module_;
	std::string prefix_;
};

TEST_F(TestpmdModule, Interactive)
{
	auto tp = start_testpmd({});
	tp->expect(testpmd_prompt, std::chrono::seconds(30));

	std::string out = tp->command("help drivers", testpmd_prompt);
	EXPECT_TRUE(contains(out, "attach <devargs>")) << out;

	out = tp->command("attach net_null0", testpmd_prompt);
	EXPECT_TRUE(contains(out, "attached device net_null0")) << out;
	out = tp->command("list", testpmd_prompt);
	EXPECT_EQ(harness::parse_list(out),
		(std::vector<harness::ListedPort>{{0, "net_null0"}})) << out;
	out = tp->command("attach net_null0", testpmd_prompt);
	EXPECT_TRUE(contains(out, "failed to attach device net_null0: EEXIST")) << out;
	out = tp->command("detach net_null0", testpmd_prompt);
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	out = tp->command("list", testpmd_prompt);
	EXPECT_TRUE(harness::parse_list(out).empty()) << out;

	tp->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*tp, std::chrono::seconds(20)));
}

TEST_F(TestpmdModule, CmdlineFileOutputIsVisible)
{
	TempDir dir;
	auto script = dir.path() / "commands.txt";
	std::ofstream(script) << "attach net_ring0\nlist\ndetach net_ring0\nlist\n";
	auto tp = start_testpmd({"--cmdline-file=" + script.string()});
	/* the prompt comes once the whole file has run */
	std::string out = tp->expect(testpmd_prompt, std::chrono::seconds(30));
	EXPECT_TRUE(contains(out, "attached device net_ring0")) << out;
	EXPECT_TRUE(contains(out, "list all etherdev\n0\tnet_ring0\n")) << out;
	EXPECT_TRUE(contains(out, "detached device net_ring0")) << out;
	tp->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*tp, std::chrono::seconds(20)));
}

TEST_F(TestpmdModule, OurHostAsSecondaryOfTestpmd)
{
	auto tp = start_testpmd({});
	tp->expect(testpmd_prompt, std::chrono::seconds(30));
	std::vector<std::string> argv = {host(), "-l", "1", "--no-pci",
		"--file-prefix", prefix_, "--proc-type", "auto",
		"--log-level", "lib.eal:notice"};
	for (const auto &a : extra_eal_args())
		argv.push_back(a);
	PtyProcess sec("secondary", argv);
	sec.expect(harness::host_prompt, std::chrono::seconds(30));

	std::string out = sec.command("attach net_null0", harness::host_prompt);
	EXPECT_TRUE(contains(out, "attached device net_null0")) << out;
	out = tp->command("list", testpmd_prompt);
	EXPECT_EQ(harness::parse_list(out),
		(std::vector<harness::ListedPort>{{0, "net_null0"}})) << out;
	out = tp->command("detach net_null0", testpmd_prompt);
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	out = sec.command("list", harness::host_prompt);
	EXPECT_TRUE(harness::parse_list(out).empty()) << out;

	sec.send_line("quit");
	EXPECT_TRUE(exits_cleanly(sec, std::chrono::seconds(10)));
	tp->send_line("quit");
	EXPECT_TRUE(exits_cleanly(*tp, std::chrono::seconds(20)));
}

} // namespace
} // namespace hotplug_mp::test
