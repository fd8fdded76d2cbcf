/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the soak measures of a process and of its group, read from /proc,
 * the hugetlbfs mount and the runtime directory, and from the process
 * itself ("memstats" of the tools' command module).
 */
#ifndef HOTPLUG_MP_SOAK_SAMPLE_H
#define HOTPLUG_MP_SOAK_SAMPLE_H

#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>

namespace hotplug_mp::soak {

/* One sample of one process. */
struct ProcessSample {
	long fds = -1;            /* entries of /proc/PID/fd */
	long rss_kib = -1;        /* VmRSS */
	long hugepage_maps = -1;  /* hugepage files it maps */
	int64_t heap_bytes = -1;  /* EAL heap in use (memstats) */
	int64_t memzones = -1;    /* memzones reserved (memstats) */
};

/* One sample of the group's files. */
struct GroupSample {
	long hugepage_files = -1; /* the prefix's files in the hugetlbfs mounts */
	long runtime_entries = -1; /* entries of /var/run/dpdk/<prefix> */
	std::vector<std::string> runtime_names; /* their names */
};

/* What /proc says of pid; heap and memzones are left to the caller. */
ProcessSample sample_process(pid_t pid);

/* Parses "memstats heap_bytes N memzones N" into s; false if absent. */
bool parse_memstats(const std::string &out, ProcessSample &s);

GroupSample sample_group(const std::string &prefix);

/* Named figures of a sample, in table order. */
std::vector<std::pair<std::string, int64_t>> figures(const ProcessSample &s);
std::vector<std::pair<std::string, int64_t>> figures(const GroupSample &s);

} // namespace hotplug_mp::soak

#endif
