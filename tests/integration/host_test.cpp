/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The drop-in host: the stock example's prompt and help, --cmdline-file
 * scripts and their exit status, a secondary that starts after an attach,
 * and secondaries whose primary was killed.
 */
#include <csignal>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

using harness::PtyProcess;

/* Runs the host as a lone primary on a script; returns its exit status. */
int
run_script(const std::string &script, std::string &output)
{
	TempDir dir;
	auto path = dir.path() / "commands.txt";
	std::ofstream(path) << script;
	const harness::Prefix prefix("hpmp_script");
	PtyProcess p("script", {host(), "-l", "0", "--no-pci", "--file-prefix",
		prefix.name(), "--log-level", "lib.eal:notice", "--",
		"--cmdline-file", path.string()});
	int status = p.wait_exit(std::chrono::seconds(30));
	output = p.transcript();
	return status;
}

TEST(Host, ScriptThatSucceedsExitsZero)
{
	std::string out;
	int status = run_script("# a comment\nlist\nattach net_null0\n"
		"list\ndetach net_null0\nlist\n", out);
	EXPECT_EQ(status, 0) << out;
	EXPECT_TRUE(contains(out, "attached device net_null0")) << out;
	EXPECT_TRUE(contains(out, "list all etherdev\n0\tnet_null0\n")) << out;
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
}

TEST(Host, ScriptWithFailedCommandExitsNonZero)
{
	std::string out;
	int status = run_script("attach net_null0\nattach net_nosuchdriver0\n"
		"detach net_null0\n", out);
	EXPECT_NE(status, 0) << out;
	EXPECT_TRUE(contains(out, "1 command(s) failed")) << out;
}

/* A host command counts as much as a module's: one failure counter. */
TEST(Host, ScriptWithFailedHostCommandExitsNonZero)
{
	std::string out;
	int status = run_script("attach net_null0\nport start 9\n"
		"detach net_null0\n", out);
	EXPECT_EQ(status, 1) << out;
	EXPECT_TRUE(contains(out, "failed to start port 9: ENODEV")) << out;
	EXPECT_TRUE(contains(out, "1 command(s) failed")) << out;
}

/* Without secondaries too, a repeated attach is an error (eal-fail-repeated-attach-eexist). */
TEST(Host, RepeatedAttachInALonePrimaryFails)
{
	std::string out;
	int status = run_script("attach net_null0\nattach net_null0\n", out);
	EXPECT_TRUE(contains(out, "failed to attach device net_null0: EEXIST")) << out;
	EXPECT_NE(status, 0) << out;
}

/*
 * The primary killed: a secondary's attach or detach says the primary is
 * gone, at once; the secondary still lists its devices and quits cleanly.
 */
TEST(Host, ASecondaryWithoutItsPrimarySaysSo)
{
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	c.proc(0).signal(SIGKILL);
	EXPECT_NE(c.proc(0).wait_exit(std::chrono::seconds(5)), 0);

	for (const char *cmd : {"attach net_null1", "detach net_null0"}) {
		out = c.run(1, cmd);
		EXPECT_TRUE(contains(out, ": ENOTCONN (Transport endpoint is not "
			"connected): the primary process is gone")) << cmd << ":\n" << out;
	}
	EXPECT_EQ(c.list(2), (std::vector<harness::ListedPort>{{0, "net_null0"}}));
	for (int i : {1, 2}) {
		c.proc(i).send_line("quit");
		EXPECT_TRUE(exits_cleanly(c.proc(i), std::chrono::seconds(20)));
	}
}

TEST(Host, ScriptWithUnknownCommandExitsNonZero)
{
	std::string out;
	int status = run_script("list\nfrobnicate now\n", out);
	EXPECT_NE(status, 0) << out;
	EXPECT_TRUE(contains(out, "bad command: frobnicate now")) << out;
}

TEST(Host, ScriptStopsAtQuit)
{
	std::string out;
	int status = run_script("quit\nattach net_null0\n", out);
	EXPECT_EQ(status, 0) << out;
	EXPECT_FALSE(contains(out, "attached device")) << out;
}

TEST(Host, HelpListsEveryCommand)
{
	harness::Cluster c(cluster_options(0));
	std::string out = c.run(0, "help");
	for (const char *cmd : {"attach <devargs>", "detach <devargs>", "list", "quit"})
		EXPECT_TRUE(contains(out, cmd)) << "help lacks " << cmd << ":\n" << out;
}

TEST(Host, SecondaryStartedAfterAttachListsTheDevice)
{
	harness::Cluster c(cluster_options(1));
	std::string out = c.run(1, "attach net_ring0");
	ASSERT_TRUE(contains(out, "attached device net_ring0")) << out;
	c.add_secondary();
	EXPECT_TRUE(all_list(c, {"net_ring0"}));
	out = c.run(2, "detach net_ring0");
	EXPECT_TRUE(contains(out, "detached device net_ring0")) << out;
	EXPECT_TRUE(all_list(c, {}));
}

TEST(Host, LoadsFurtherModulesWithDashD)
{
	std::string sample = env_or("HOTPLUG_MP_SAMPLE_MODULE", "");
	ASSERT_FALSE(sample.empty()) << "HOTPLUG_MP_SAMPLE_MODULE is not set";
	TempDir dir;
	auto module = loadable_copy(dir, sample);
	auto o = cluster_options(1);
	o.eal.insert(o.eal.end(), {"-d", module.string()});
	harness::Cluster c(o);
	for (int i = 0; i < c.size(); i++) {
		EXPECT_TRUE(contains(c.run(i, "sample_hello"), "hello from the sample module"))
			<< c.label(i);
		EXPECT_TRUE(contains(c.run(i, "help"), "sample_hello")) << c.label(i);
	}
	/* the built-in module is still there */
	EXPECT_TRUE(contains(c.run(1, "attach net_null0"), "attached device net_null0"));
	EXPECT_TRUE(all_list(c, {"net_null0"}));
}

TEST(Host, QuitEndsEveryProcessCleanly)
{
	harness::Cluster c(cluster_options(2));
	for (int i = c.size() - 1; i >= 0; i--) {
		c.proc(i).send_line("quit");
		EXPECT_EQ(c.proc(i).wait_exit(std::chrono::seconds(10)), 0)
			<< c.label(i);
	}
}

} // namespace
} // namespace hotplug_mp::test
