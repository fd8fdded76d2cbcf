/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a group of processes leaves once every one of them has exited:
 * nothing, whoever was killed and whoever exits last (features 0007 of
 * patches/main/, 0014 of patches/22.11/). Stock DPDK leaves the primary's
 * configuration and memory list files after every exit, and a killed
 * process's sockets, memseg list copy and hugepages.
 */
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

namespace fs = std::filesystem;

/* The prefix's hugepage files and runtime directory entries. */
std::vector<std::string>
left_by(const std::string &prefix)
{
	std::vector<std::string> left;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator("/dev/hugepages", ec))
		if (e.path().filename().string().starts_with(prefix + "map_"))
			left.push_back(e.path().string());
	const fs::path run = fs::path("/var/run/dpdk") / prefix;
	for (const auto &e : fs::directory_iterator(run, ec))
		left.push_back(e.path().string());
	if (fs::exists(run))
		left.push_back(run.string() + "/");
	return left;
}

/* Ends process i with quit; it must exit with status 0. */
void
quit(harness::Cluster &c, int i)
{
	c.proc(i).send_line("quit");
	EXPECT_TRUE(exits_cleanly(c.proc(i), std::chrono::seconds(20))) << c.label(i);
}

const std::vector<std::string> nothing;

TEST(GroupExit, NothingLeftAfterAQuietGroup)
{
	harness::Cluster c(cluster_options(2));
	for (const auto &e : c.stop_processes())
		EXPECT_TRUE(ended_cleanly(e));
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, NothingLeftAfterAKilledSecondary)
{
	harness::Cluster c(cluster_options(2));
	/* the secondary allocates from the shared heap for its device */
	std::string out = c.run(2, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	c.proc(2).signal(SIGKILL);
	EXPECT_NE(c.proc(2).wait_exit(std::chrono::seconds(5)), 0);
	for (const auto &e : c.stop_processes())
		EXPECT_TRUE(ended_cleanly(e));
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, ASecondaryThatOutlivesThePrimaryCleansUp)
{
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	quit(c, 0);
	/* the secondaries still use them */
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 1);
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 2);
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, NothingLeftAfterAKilledPrimary)
{
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	c.proc(0).signal(SIGKILL);
	EXPECT_NE(c.proc(0).wait_exit(std::chrono::seconds(5)), 0);
	quit(c, 2);
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 1);
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

} // namespace
} // namespace hotplug_mp::test
