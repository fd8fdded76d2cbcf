/* SPDX-License-Identifier: BSD-3-Clause */
#include "testpmd_process.h"

#include "environment.h"

namespace hotplug_mp::test {

std::unique_ptr<harness::PtyProcess>
start_testpmd(const SimulatedPci &pci, const std::string &module,
	const std::string &prefix, const TestpmdOptions &o)
{
	std::vector<std::string> argv = {testpmd(), "-l", o.primary ? "0-1" : "1,0",
		"--main-lcore", o.primary ? "0" : "1", "--file-prefix", prefix,
		"--proc-type", o.primary ? "primary" : "secondary", "-d", module,
		"--log-level", "lib.eal:notice"};
	for (const auto &a : pci.eal_args())
		argv.push_back(a);
	/* as the cluster's processes: the same VA in every process */
	for (const auto &a : extra_eal_args())
		argv.push_back(a);
	argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=2048",
		"--no-mlockall"});
	argv.insert(argv.end(), o.app_args.begin(), o.app_args.end());
	std::vector<std::string> env = {pci.sysfs_env()};
	env.insert(env.end(), o.env.begin(), o.env.end());
	return std::make_unique<harness::PtyProcess>(
		o.primary ? "testpmd primary" : "testpmd secondary", argv, env);
}

void
TestpmdOnSimulatedPci::SetUp()
{
	if (testpmd().empty())
		GTEST_SKIP() << "this build has no dpdk-testpmd that loads modules";
	module_ = loadable_copy(dir_, plugin()).string();
}

} // namespace hotplug_mp::test
