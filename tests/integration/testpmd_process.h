/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-testpmd with the command module and the simulated NIC's driver,
 * one process of a multi-process group on a simulated PCI tree.
 */
#ifndef HOTPLUG_MP_TEST_TESTPMD_PROCESS_H
#define HOTPLUG_MP_TEST_TESTPMD_PROCESS_H

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pty_process.h"
#include "simulated_pci.h"

namespace hotplug_mp::test {

inline constexpr const char *testpmd_prompt = "testpmd> ";

struct TestpmdOptions {
	bool primary = true;
	std::vector<std::string> env;      /* "K=V", besides the tree's */
	std::vector<std::string> app_args; /* after testpmd's -i */
};

/* Starts it; the caller waits for its prompt. */
std::unique_ptr<harness::PtyProcess> start_testpmd(const SimulatedPci &pci,
	const std::string &module, const std::string &prefix,
	const TestpmdOptions &o = {});

/*
 * Tests of dpdk-testpmd processes on a simulated tree: skipped where the
 * build has no dpdk-testpmd that loads modules. The prefix's files go
 * once the test's processes have ended.
 */
class TestpmdOnSimulatedPci : public ::testing::Test {
protected:
	void SetUp() override;
	std::unique_ptr<harness::PtyProcess> start(const TestpmdOptions &o = {})
	{
		return start_testpmd(pci_, module_, prefix_.name(), o);
	}

	SimulatedPci pci_;
	TempDir dir_;
	std::string module_;
	harness::Prefix prefix_{"hpmp_testpmd_pci"};
};

} // namespace hotplug_mp::test

#endif
