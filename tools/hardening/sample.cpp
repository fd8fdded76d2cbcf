/* SPDX-License-Identifier: BSD-3-Clause */
#include "sample.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace hotplug_mp::soak {

namespace fs = std::filesystem;

namespace {

long
count_entries(const fs::path &dir)
{
	std::error_code ec;
	long n = 0;
	for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
	     it.increment(ec))
		n++;
	return ec ? -1 : n;
}

/* The mount points of hugetlbfs, from /proc/mounts. */
std::vector<fs::path>
hugetlbfs_mounts()
{
	std::vector<fs::path> mounts;
	std::ifstream in("/proc/mounts");
	std::string dev, dir, type, rest;
	while (in >> dev >> dir >> type && std::getline(in, rest))
		if (type == "hugetlbfs")
			mounts.emplace_back(dir);
	return mounts;
}

} // namespace

ProcessSample
sample_process(pid_t pid)
{
	ProcessSample s;
	const fs::path proc = "/proc/" + std::to_string(pid);
	s.fds = count_entries(proc / "fd");

	std::ifstream status(proc / "status");
	for (std::string line; std::getline(status, line);)
		if (line.rfind("VmRSS:", 0) == 0)
			s.rss_kib = std::stol(line.substr(6));

	/* a hugepage file is mapped in pieces: count the files */
	auto mounts = hugetlbfs_mounts();
	std::set<std::string> files;
	std::ifstream maps(proc / "maps");
	for (std::string line; std::getline(maps, line);) {
		auto slash = line.find('/');
		if (slash == std::string::npos)
			continue;
		std::string path = line.substr(slash);
		for (const auto &m : mounts)
			if (path.rfind(m.string() + "/", 0) == 0)
				files.insert(path);
	}
	if (maps.eof())
		s.hugepage_maps = static_cast<long>(files.size());
	return s;
}

bool
parse_memstats(const std::string &out, ProcessSample &s)
{
	static const std::regex re(
		R"(memstats heap_bytes (\d+) memzones (\d+))");
	std::smatch m;
	if (!std::regex_search(out, m, re))
		return false;
	s.heap_bytes = std::stoll(m[1]);
	s.memzones = std::stoll(m[2]);
	return true;
}

GroupSample
sample_group(const std::string &prefix)
{
	GroupSample g;
	g.hugepage_files = 0;
	for (const auto &m : hugetlbfs_mounts()) {
		std::error_code ec;
		for (fs::directory_iterator it(m, ec), end; !ec && it != end;
		     it.increment(ec))
			if (it->path().filename().string().rfind(prefix, 0) == 0)
				g.hugepage_files++;
	}
	const fs::path run = fs::path("/var/run/dpdk") / prefix;
	g.runtime_entries = count_entries(run);
	std::error_code ec;
	for (fs::directory_iterator it(run, ec), end; !ec && it != end;
	     it.increment(ec))
		g.runtime_names.push_back(it->path().filename().string());
	return g;
}

std::vector<std::pair<std::string, int64_t>>
figures(const ProcessSample &s)
{
	return {
		{"fds", s.fds},
		{"rss_kib", s.rss_kib},
		{"hugepage_maps", s.hugepage_maps},
		{"heap_bytes", s.heap_bytes},
		{"memzones", s.memzones},
	};
}

std::vector<std::pair<std::string, int64_t>>
figures(const GroupSample &s)
{
	return {
		{"hugepage_files", s.hugepage_files},
		{"runtime_entries", s.runtime_entries},
	};
}

} // namespace hotplug_mp::soak
