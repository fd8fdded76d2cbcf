/* SPDX-License-Identifier: BSD-3-Clause */
/* Assertions over what every process of a cluster says. */
#ifndef HOTPLUG_MP_TEST_EXPECTATIONS_H
#define HOTPLUG_MP_TEST_EXPECTATIONS_H

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"

namespace hotplug_mp::test {

/* Every process lists exactly these port names, with the same port ids. */
::testing::AssertionResult all_list(driver::Cluster &c,
	const std::vector<std::string> &names);

/* The lists of all processes are what they were. */
::testing::AssertionResult lists_unchanged(driver::Cluster &c,
	const std::vector<std::vector<driver::ListedPort>> &before);

bool contains(const std::string &text, const std::string &part);

} // namespace hotplug_mp::test

#endif
