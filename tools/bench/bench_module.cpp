/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libhotplug_mp_bench_cmds.so: the commands of the tools, a testpmd-style
 * command module that hotplug_mp-bench and hotplug_mp-soak load into
 * dpdk-hotplug_mp with EAL -d.
 *
 *   bench <cycles> <devargs>
 *
 * attaches and detaches the device <cycles> times from this process and
 * prints the median and 99th percentile latency of each, timed here around
 * rte_dev_probe() and rte_eal_hotplug_remove().
 *
 *   memstats
 *
 * prints the bytes in use in the EAL heaps and the number of memzones.
 */
#include <vector>

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include <cmdline_parse_num.h>
#include <cmdline_parse_string.h>
#include <rte_bus.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "command_table.h"
#include "guarded.h"
#include "percentiles.h"
#include "result.h"
#include "testpmd_abi.h"

namespace hotplug_mp::bench {

namespace {

struct cmd_bench_result {
	cmdline_fixed_string_t bench;
	uint32_t cycles;
	cmdline_multi_string_t devargs;
};

double
micros(uint64_t cycles)
{
	return static_cast<double>(cycles) * 1e6 /
		static_cast<double>(rte_get_timer_hz());
}

void
bench(uint32_t cycles, const char *devargs)
{
	struct rte_devargs da;
	std::memset(&da, 0, sizeof(da));
	if (rte_devargs_parse(&da, devargs) != 0) {
		std::printf("bench: cannot parse devargs %s\n", devargs);
		return;
	}
	std::string bus = rte_bus_name(da.bus), name = da.name;
	rte_devargs_reset(&da);

	std::vector<double> attach, detach, cycle;
	for (uint32_t i = 0; i < cycles; i++) {
		uint64_t t0 = rte_get_timer_cycles();
		int ret = rte_dev_probe(devargs);
		uint64_t t1 = rte_get_timer_cycles();
		if (ret != 0) {
			std::printf("bench: attach %u of %s failed: %s\n", i,
				name.c_str(), hotplug_mp::errno_text(ret).c_str());
			return;
		}
		ret = rte_eal_hotplug_remove(bus.c_str(), name.c_str());
		uint64_t t2 = rte_get_timer_cycles();
		if (ret != 0) {
			std::printf("bench: detach %u of %s failed: %s\n", i,
				name.c_str(), hotplug_mp::errno_text(ret).c_str());
			return;
		}
		attach.push_back(micros(t1 - t0));
		detach.push_back(micros(t2 - t1));
		cycle.push_back(micros(t2 - t0));
	}
	Percentiles a = percentiles(attach), d = percentiles(detach),
		c = percentiles(cycle);
	std::printf("bench %s: %u cycles from the %s: attach median %.1f us "
		"p99 %.1f us; detach median %.1f us p99 %.1f us; cycle median "
		"%.1f us p99 %.1f us\n", name.c_str(), cycles,
		rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary" : "secondary",
		a.median, a.p99, d.median, d.p99, c.median, c.p99);
}

void
cmd_bench_parsed(void *parsed_result)
{
	auto *res = static_cast<cmd_bench_result *>(parsed_result);
	bench(res->cycles, res->devargs);
	std::fflush(stdout);
}

cmdline_parse_token_string_t cmd_bench_bench =
	TOKEN_STRING_INITIALIZER(struct cmd_bench_result, bench, "bench");
cmdline_parse_token_num_t cmd_bench_cycles =
	TOKEN_NUM_INITIALIZER(struct cmd_bench_result, cycles, RTE_UINT32);
cmdline_parse_token_string_t cmd_bench_devargs =
	TOKEN_STRING_INITIALIZER(struct cmd_bench_result, devargs,
		TOKEN_STRING_MULTI);

/* *** memstats *** */
struct cmd_memstats_result {
	cmdline_fixed_string_t memstats;
};

void
count_memzone(const struct rte_memzone *mz, void *arg)
{
	(void)mz;
	++*static_cast<unsigned int *>(arg);
}

void
cmd_memstats_parsed(void *parsed_result)
{
	(void)parsed_result;
	uint64_t heap = 0;
	for (unsigned int i = 0; i < rte_socket_count(); i++) {
		struct rte_malloc_socket_stats st;
		if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &st) == 0)
			heap += st.heap_allocsz_bytes;
	}
	unsigned int zones = 0;
	rte_memzone_walk(count_memzone, &zones);
	std::printf("memstats heap_bytes %" PRIu64 " memzones %u\n", heap, zones);
	std::fflush(stdout);
}

cmdline_parse_token_string_t cmd_memstats_memstats =
	TOKEN_STRING_INITIALIZER(struct cmd_memstats_result, memstats,
		"memstats");

void
failed(const char *what) noexcept
{
	std::printf("%s\n", internal_error(what).c_str());
	std::fflush(stdout);
}

constinit auto cmd_bench = hotplug_mp::command<"bench <cycles> <devargs>",
	"Attach and detach the device <cycles> times; print their latencies.">(
	hotplug_mp::guarded<cmd_bench_parsed, failed>,
	&cmd_bench_bench, &cmd_bench_cycles, &cmd_bench_devargs);

constinit auto cmd_memstats = hotplug_mp::command<"memstats",
	"Print the bytes in use in the EAL heaps and the number of memzones.">(
	hotplug_mp::guarded<cmd_memstats_parsed, failed>,
	&cmd_memstats_memstats);

constinit auto bench_cmds = hotplug_mp::command_table(
	hotplug_mp::entry(cmd_bench),
	hotplug_mp::entry(cmd_memstats));

} // namespace

} // namespace hotplug_mp::bench

RTE_INIT(hotplug_mp_bench_register)
{
	testpmd_add_driver_commands(hotplug_mp::bench::bench_cmds.get());
}
