/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The checks a device string passes before any process acts on it
 * (plugin/devargs.h), with the EAL's parser mocked (eal_mock.h).
 */
#include <cerrno>
#include <string>

#include <gtest/gtest.h>

#include "devargs.h"
#include "eal_mock.h"

namespace hotplug_mp {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SetArgPointee;

TEST(Devargs, ALayerKeyWithoutValueIsFound)
{
	for (const char *s : {"bus", ",class,x", "bus/class=eth", "class"})
		EXPECT_TRUE(layer_key_without_value(s)) << s;
	for (const char *s : {"net_null0", "bus=vdev", "name=x,bus",
			"net_null0/class=eth", "0000:00:04.0,bus=pci"})
		EXPECT_FALSE(layer_key_without_value(s)) << s;
}

TEST(Devargs, CheckNamesTheDeviceOrWhyNot)
{
	test::EalMock eal;
	Devargs ok;
	EXPECT_CALL(eal, devargs_parse("net_null0", _))
		.WillOnce(DoAll(SetArgPointee<1>("net_null0"), Return(0)));
	Result r = ok.check("net_null0");
	EXPECT_TRUE(r.ok());
	EXPECT_EQ(r.device, "net_null0");
	EXPECT_STREQ(ok.bus(), "vdev");

	Devargs nameless;
	EXPECT_CALL(eal, devargs_parse("bus=vdev,nam=x", _)).WillOnce(Return(0));
	r = nameless.check("bus=vdev,nam=x");
	EXPECT_EQ(r.error, -EINVAL);
	EXPECT_EQ(r.reason, "the devargs name no device");

	/* refused before the parser: too long, or what it would crash on */
	Devargs refused;
	EXPECT_EQ(refused.check(std::string(mp_devargs_max + 1, 'x')).error,
		-ENAMETOOLONG);
	r = refused.check("class");
	EXPECT_EQ(r.error, -EINVAL);
	EXPECT_EQ(r.reason, "malformed devargs");
}

} // namespace
} // namespace hotplug_mp
