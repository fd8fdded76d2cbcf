/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console: command output at once, other threads' lines held for the
 * next prompt, in bounded memory, with the count of what it dropped.
 */
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "console.h"

namespace hotplug_mp::test {
namespace {

/* A console writing into memory. */
class ConsoleTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		out_ = open_memstream(&buf_, &len_);
		ASSERT_NE(out_, nullptr);
	}
	void TearDown() override
	{
		std::fclose(out_);
		std::free(buf_);
	}
	std::string written()
	{
		std::fflush(out_);
		return std::string(buf_, len_);
	}

	char *buf_ = nullptr;
	size_t len_ = 0;
	std::FILE *out_ = nullptr;
};

TEST_F(ConsoleTest, AReportGoesOutAtOnceAsWholeLines)
{
	Console c(out_);
	c.report("attached device net_null0");
	c.report("list all etherdev\n0\tnet_null0\n");
	EXPECT_EQ(written(), "attached device net_null0\nlist all etherdev\n0\tnet_null0\n");
	EXPECT_EQ(c.failed(), 0u);
	c.report("failed to attach device x: ENODEV", false);
	EXPECT_EQ(c.failed(), 1u);
}

TEST_F(ConsoleTest, APostedLineWaitsForTheFlush)
{
	Console c(out_);
	c.post("device net_null0 attached (requested by primary 1)");
	c.report("list all etherdev");
	EXPECT_EQ(written(), "list all etherdev\n");
	c.flush();
	EXPECT_EQ(written(), "list all etherdev\n"
		"device net_null0 attached (requested by primary 1)\n");
	c.flush();
	EXPECT_EQ(written(), "list all etherdev\n"
		"device net_null0 attached (requested by primary 1)\n");
}

TEST_F(ConsoleTest, PastTheLimitTheOldestLinesAreDroppedAndCounted)
{
	Console c(out_, 4);
	for (int i = 0; i < 10; i++)
		c.post("line " + std::to_string(i));
	std::vector<std::string> want = {"6 waiting line(s) dropped", "line 6",
		"line 7", "line 8", "line 9"};
	EXPECT_EQ(c.take(), want);
	/* the count starts again */
	c.post("line 10");
	EXPECT_EQ(c.take(), std::vector<std::string>{"line 10"});
	EXPECT_TRUE(c.take().empty());
}

TEST_F(ConsoleTest, ManyThreadsPostWithinTheLimit)
{
	Console c(out_, 100);
	std::vector<std::thread> threads;
	for (int t = 0; t < 4; t++)
		threads.emplace_back([&c, t] {
			for (int i = 0; i < 1000; i++)
				c.post("thread " + std::to_string(t));
		});
	for (auto &t : threads)
		t.join();
	std::vector<std::string> lines = c.take();
	ASSERT_EQ(lines.size(), 101u);
	EXPECT_EQ(lines.front(), "3900 waiting line(s) dropped");
}

} // namespace
} // namespace hotplug_mp::test
