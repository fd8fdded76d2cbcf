/* SPDX-License-Identifier: BSD-3-Clause */
#include "environment.h"

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace hotplug_mp::test {

std::string
env_or(const char *name, const std::string &fallback)
{
	const char *v = std::getenv(name);
	return v != nullptr ? v : fallback;
}

bool
has(const std::string &change)
{
	const char *v = std::getenv("HOTPLUG_MP_CHANGES");
	if (v == nullptr)
		return true;
	std::istringstream names(v);
	for (std::string n; names >> n;)
		if (n == change)
			return true;
	return false;
}

std::vector<std::string>
extra_eal_args()
{
	std::vector<std::string> args;
	std::istringstream extra(env_or("HOTPLUG_MP_EAL_ARGS", ""));
	for (std::string a; extra >> a;)
		args.push_back(a);
	return args;
}

harness::ClusterOptions
cluster_options(int secondaries)
{
	harness::ClusterOptions o;
	o.host = host();
	if (o.host.empty())
		throw std::runtime_error("HOTPLUG_MP_HOST is not set");
	o.secondaries = secondaries;
	o.eal = extra_eal_args();
	return o;
}

std::filesystem::path
loadable_copy(const TempDir &dir, const std::string &file)
{
	auto copy = dir.path() / std::filesystem::path(file).filename();
	std::filesystem::copy_file(file, copy);
	return copy;
}

} // namespace hotplug_mp::test
