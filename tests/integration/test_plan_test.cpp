/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test plan 63.3, 63.4, 63.6 (af_packet), 63.7 (vhost-user), 63.8
 * (virtio-user), and the same for net_tap (whose probe in a secondary asks
 * the primary for its queues over IPC), net_null and net_ring: one primary
 * and two secondaries; attach and detach from the primary, from a secondary,
 * and across (attach in one process, detach in another), twice over. A repeated
 * attach or detach fails in the process that issued it and changes no list.
 */
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "cluster.h"
#include "devices.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

class TestPlan : public ::testing::TestWithParam<std::tuple<std::string, Flow>> {};

TEST_P(TestPlan, AttachDetachRepeatedTwice)
{
	const auto &[kind, flow] = GetParam();
	auto dev = make_device(kind);
	harness::Cluster c(cluster_options(2));
	const std::string name = dev->name();

	ASSERT_TRUE(all_list(c, {})) << "at start";
	for (int round = 1; round <= 2; round++) {
		SCOPED_TRACE("round " + std::to_string(round));
		attach_detach_round(c, flow, dev->devargs(), name);
		if (HasFatalFailure())
			return;
	}
}

std::string
case_name(const ::testing::TestParamInfo<TestPlan::ParamType> &info)
{
	return std::get<0>(info.param) + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Vdev, TestPlan,
	::testing::Combine(
		::testing::Values("af_packet", "vhost", "virtio_user", "tap", "null",
			"ring"),
		::testing::ValuesIn(flows)),
	case_name);

} // namespace
} // namespace hotplug_mp::test
