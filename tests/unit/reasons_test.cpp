/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The words of a failure (plugin/reasons.h): pure functions of the errno
 * value and of what the process sees afterwards. No EAL, no mock.
 */
#include <cerrno>
#include <string>

#include <gtest/gtest.h>

#include "reasons.h"

namespace hotplug_mp::reasons {
namespace {

bool
has(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

TEST(Reasons, AttachSaysWhichStateBlockedIt)
{
	EXPECT_EQ(attach(-EEXIST, "vdev", true), "the device is already attached");
	EXPECT_EQ(attach(-EBUSY, "pci", false),
		"another hotplug operation is in progress");
}

TEST(Reasons, APciDeviceNamesWhatItLacks)
{
	EXPECT_TRUE(has(attach(-ENODEV, "pci", false), "bound to no driver"));
	EXPECT_TRUE(has(attach(-ENOTSUP, "pci", false), "vfio-pci"));
	EXPECT_EQ(attach(-ENODEV, "vdev", false), "no such device on its bus");
}

TEST(Reasons, AnAttachThatWentSomeWaySaysWhereItWasUndone)
{
	/* found here but not elsewhere: the rollback is named, both ways */
	EXPECT_TRUE(has(attach(-ENODEV, "vdev", true),
		"rolled back; the device stays attached here"));
	EXPECT_TRUE(has(attach(-ETIMEDOUT, "vdev", false),
		"a process did not answer in time; rolled back; the device is "
		"not attached here"));
	EXPECT_TRUE(has(attach(-EIO, "vdev", false), "(see the log above); "));
}

TEST(Reasons, DetachSaysWhatItLeftHere)
{
	EXPECT_EQ(detach(-ENOENT, false), "the device is not attached");
	EXPECT_EQ(detach(-EINVAL, true), "the device is not attached");
	EXPECT_EQ(detach(-ETIMEDOUT, true), "a process did not answer in "
		"time; rolled back; the device stays attached here");
	EXPECT_TRUE(has(detach(-EIO, false), "no longer attached here"));
}

TEST(Reasons, ParseAndSettingFailuresNameTheCause)
{
	EXPECT_EQ(parse(-EINVAL), "malformed devargs");
	EXPECT_TRUE(has(parse(-EFAULT), "no bus recognises the device name"));
	EXPECT_EQ(too_long(127), "devargs longer than the 127 characters the "
		"multi-process channel carries");
	EXPECT_EQ(set_timeout(-EPERM), "only the primary process can set it");
	EXPECT_EQ(set_timeout(-EINVAL), "out of range (1 to 3600000 ms)");
	EXPECT_EQ(set_timeout(0), "");
}

} // namespace
} // namespace hotplug_mp::reasons
