/* SPDX-License-Identifier: BSD-3-Clause */
#include <cerrno>

#include <gtest/gtest.h>

#include "messages.h"

namespace hotplug_mp {
namespace {

TEST(Messages, ErrnoTextHasNameAndDescription)
{
	EXPECT_EQ(errno_text(-EEXIST), "EEXIST (File exists)");
	EXPECT_EQ(errno_text(ENOENT), "ENOENT (No such file or directory)");
}

TEST(Messages, SuccessLooksLikeTheStockExample)
{
	EXPECT_EQ(attach_message(Result{0, "net_null0", ""}), "attached device net_null0");
	EXPECT_EQ(detach_message(Result{0, "net_null0", ""}), "detached device net_null0");
}

TEST(Messages, FailureSaysWhatAndWhy)
{
	EXPECT_EQ(attach_message(Result{-EEXIST, "net_null0", "the device is already attached"}),
		"failed to attach device net_null0: EEXIST (File exists): "
		"the device is already attached");
	EXPECT_EQ(detach_message(Result{-ENOENT, "x", ""}),
		"failed to detach device x: ENOENT (No such file or directory)");
}

TEST(Messages, ListHasHeaderAndTabSeparatedPorts)
{
	EXPECT_EQ(list_message({}), "list all etherdev\n");
	EXPECT_EQ(list_message({{0, "net_null0"}, {3, "0000:88:00.0"}}),
		"list all etherdev\n0\tnet_null0\n3\t0000:88:00.0\n");
}

TEST(Messages, EventsNameTheDeviceAndTheRequester)
{
	EXPECT_EQ(event_message({Event::attached, "net_null0", 1234, false}),
		"device net_null0 attached (requested by secondary 1234)");
	EXPECT_EQ(event_message({Event::detached, "0000:81:00.0", 7, true}),
		"device 0000:81:00.0 detached (requested by primary 7)");
	EXPECT_EQ(event_message({Event::attach_rolled_back, "net_ring0", 9, false}),
		"attach of device net_ring0 rolled back (requested by secondary 9)");
	EXPECT_EQ(event_message({Event::detach_rolled_back, "net_ring0", 9, true}),
		"detach of device net_ring0 rolled back (requested by primary 9)");
}

TEST(Messages, LocksSayWhatAndWhy)
{
	EXPECT_EQ(lock_message(Result{0, "net_null0", ""}), "locked device net_null0");
	EXPECT_EQ(unlock_message(Result{-ENOENT, "net_null0", "it is not locked here"}),
		"failed to unlock device net_null0: ENOENT (No such file or directory): "
		"it is not locked here");
}

} // namespace
} // namespace hotplug_mp
