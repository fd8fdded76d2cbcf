/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bad input from the primary and from a secondary: malformed devargs, an
 * unknown driver, arguments a driver rejects, devargs too long for the
 * multi-process channel, devargs that name no device (only a class),
 * detach of a device never attached. Each gets a
 * clear error naming the cause, the process keeps its prompt, and no
 * process's list changes.
 */
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

struct BadInput {
	const char *name;
	std::string command;
	std::string expected; /* part of the error line */
};

const BadInput inputs[] = {
	{"UnknownDriver", "attach net_nosuchdriver0",
		"failed to attach device net_nosuchdriver0: EFAULT"},
	{"MalformedDevargs", "attach ,,,", "failed to attach device"},
	{"MalformedPciAddress", "attach 0000:zz:00.0",
		"no bus recognises the device name"},
	{"DriverRejectsDevice", "attach net_af_packet1,iface=hpmp_no_iface",
		"failed to attach device net_af_packet1"},
	{"DevargsTooLong", "attach net_null1,size=64" + std::string(120, ' ') + "x",
		"ENAMETOOLONG"},
	/* found by the devargs fuzz target: both parse, and name no device */
	{"DevargsNamingNoDevice", "attach bus=vdev,nam=net_null2/class=eth",
		"the devargs name no device"},
	{"DetachOfAClassOnly", "detach class=eth", "the devargs name no device"},
	{"LockOfAClassOnly", "lock class=eth", "this process has no such device"},
	/* found by the devargs fuzz target: the EAL's parser crashed on them */
	{"BusKeyWithoutValue", "attach bus", "malformed devargs"},
	{"ClassKeyWithoutValue", "detach class/bus=vdev,name=net_null0",
		"malformed devargs"},
	{"DetachNeverAttached", "detach net_null9",
		"failed to detach device net_null9"},
	{"DetachUnknownDriver", "detach net_nosuchdriver0",
		"failed to detach device net_nosuchdriver0"},
};

class BadInputTest
	: public ::testing::TestWithParam<std::tuple<BadInput, int>> {};

TEST_P(BadInputTest, ClearErrorAndNoChange)
{
	const auto &[input, issuer] = GetParam();
	harness::Cluster c(cluster_options(2));

	/* one device already there, so that "no change" means something */
	std::string out = c.run(0, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	ASSERT_TRUE(all_list(c, {"net_null0"}));

	auto before = c.lists();
	out = c.run(issuer, input.command);
	EXPECT_TRUE(contains(out, input.expected))
		<< c.label(issuer) << " printed:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before));

	/* and the process still works */
	out = c.run(issuer, "detach net_null0");
	EXPECT_TRUE(contains(out, "detached device net_null0")) << out;
	EXPECT_TRUE(all_list(c, {}));
}

std::string
case_name(const ::testing::TestParamInfo<BadInputTest::ParamType> &info)
{
	return std::string(std::get<0>(info.param).name) + "_" +
		issuer_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(Commands, BadInputTest,
	::testing::Combine(::testing::ValuesIn(inputs), ::testing::Values(0, 1)),
	case_name);

} // namespace
} // namespace hotplug_mp::test
