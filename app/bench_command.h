/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * "bench <cycles> <devargs>": attach and detach a device in a loop from
 * this process and report the latency of each, timed here around
 * rte_dev_probe() and rte_eal_hotplug_remove(). Used by hotplug_mp-bench.
 */
#ifndef HOTPLUG_MP_BENCH_COMMAND_H
#define HOTPLUG_MP_BENCH_COMMAND_H

#include <string>
#include <vector>

#include <cmdline_parse.h>

namespace hotplug_mp::host {

std::vector<cmdline_parse_inst_t *> bench_commands();
std::string bench_help();

} // namespace hotplug_mp::host

#endif
