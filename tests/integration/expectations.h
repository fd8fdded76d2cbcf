/* SPDX-License-Identifier: BSD-3-Clause */
/* Assertions over what every process of a cluster says. */
#ifndef HOTPLUG_MP_TEST_EXPECTATIONS_H
#define HOTPLUG_MP_TEST_EXPECTATIONS_H

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"

namespace hotplug_mp::test {

/* Every process lists exactly these port names, with the same port ids. */
::testing::AssertionResult all_list(harness::Cluster &c,
	const std::vector<std::string> &names);

/* The lists of all processes are what they were. */
::testing::AssertionResult lists_unchanged(harness::Cluster &c,
	const std::vector<std::vector<harness::ListedPort>> &before);

bool contains(const std::string &text, const std::string &part);

/*
 * After quit: the process ends within timeout, with status 0 and no
 * sanitizer report in its output (the AddressSanitizer run).
 */
::testing::AssertionResult exits_cleanly(harness::PtyProcess &p,
	std::chrono::milliseconds timeout);
/* The same for a process that Cluster::shutdown() ended. */
::testing::AssertionResult ended_cleanly(const harness::Cluster::Exit &e);

/*
 * The hotplug timeout the tests run with: 1 s where the EAL has the
 * setting (eal-hotplug-timeout-setting), else the EAL's fixed 5 s.
 */
int test_timeout_ms();
/* Sets it, through the primary, where the EAL has the setting. */
::testing::AssertionResult use_test_timeout(harness::Cluster &c);

/* Who attaches and who detaches: process indexes, 0 the primary. */
struct Flow {
	const char *name;
	int attacher;
	int detacher;
};

/* "FromPrimary" for process 0, "FromSecondary" otherwise: test names. */
std::string issuer_name(int issuer);

/* The same, for INSTANTIATE_TEST_SUITE_P over the issuing process. */
inline std::string
issuer_param_name(const ::testing::TestParamInfo<int> &info)
{
	return issuer_name(info.param);
}

/* From the primary, from a secondary, and across, both ways. */
extern const Flow flows[4];

/*
 * One round of test plan 63.5/63.6: attach (every process lists only
 * name), attach again (fails in the issuer, no list changes), detach (no
 * process lists it), detach again (fails in the issuer).
 */
void attach_detach_round(harness::Cluster &c, const Flow &flow,
	const std::string &devargs, const std::string &name);

} // namespace hotplug_mp::test

#endif
