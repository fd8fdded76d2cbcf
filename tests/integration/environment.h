/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the integration tests run, from the environment (set by meson test
 * and scripts/test.sh):
 *   HOTPLUG_MP_HOST     dpdk-hotplug_mp of the build under test
 *   HOTPLUG_MP_PLUGIN   the command module .so of that build
 *   HOTPLUG_MP_TESTPMD  dpdk-testpmd that can load the module ("" if none)
 *   HOTPLUG_MP_BACKEND  dpdk-testpmd used as vhost-user backend
 *   HOTPLUG_MP_CHANGES  the changes of changes.toml the DPDK under test
 *                       carries (the flavour's), space-separated
 *   HOTPLUG_MP_BENCH_MODULE the "bench" command module (tools/bench)
 *   HOTPLUG_MP_EAL_ARGS more EAL arguments for every process (optional)
 */
#ifndef HOTPLUG_MP_TEST_ENVIRONMENT_H
#define HOTPLUG_MP_TEST_ENVIRONMENT_H

#include <filesystem>
#include <string>

#include "cluster.h"
#include "run_dir.h"

namespace hotplug_mp::test {

std::string env_or(const char *name, const std::string &fallback);

inline std::string host() { return env_or("HOTPLUG_MP_HOST", ""); }
inline std::string plugin() { return env_or("HOTPLUG_MP_PLUGIN", ""); }
inline std::string testpmd() { return env_or("HOTPLUG_MP_TESTPMD", ""); }
inline std::string backend_testpmd() { return env_or("HOTPLUG_MP_BACKEND", testpmd()); }
inline std::string bench_module() { return env_or("HOTPLUG_MP_BENCH_MODULE", ""); }
/*
 * Whether the DPDK under test carries a change of changes.toml, by its name
 * (HOTPLUG_MP_CHANGES; where that is unset, every change).
 */
bool has(const std::string &change);

/*
 * HOTPLUG_MP_EAL_ARGS, split: EAL arguments for every process a test
 * starts (e.g. --base-virtaddr for the AddressSanitizer run).
 */
std::vector<std::string> extra_eal_args();

/* Cluster options for the build under test: primary + n secondaries. */
harness::ClusterOptions cluster_options(int secondaries = 2);

/* A directory of its own under /run (not world-writable), removed at exit. */
class TempDir : public harness::RunDir {
public:
	TempDir() : RunDir("hpmp_test") {}
};

/*
 * A copy of the module at file inside dir. EAL refuses -d paths below a
 * world-writable directory, and a clone may live under /tmp.
 */
std::filesystem::path loadable_copy(const TempDir &dir, const std::string &file);

} // namespace hotplug_mp::test

#endif
