/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hotplug_mp-soak: many attach/detach cycles in one group of dpdk-hotplug_mp
 * (a primary and 4 secondaries by default), and whether anything grows.
 *
 *   hotplug_mp-soak --host HOST --module SO --simnic SO [--cycles 10000]
 *       [--warmup N] [--secondaries 4] [--lock-every 25] [--csv FILE]
 *
 * Cycle i attaches a device from one process and detaches it from another,
 * every process taking its turn at both; the device is net_null0 and a
 * simulated NIC (pcisim) in turn. Every --lock-every cycles, a third
 * process locks the device first: the detach must be refused, and goes
 * through once it unlocks it.
 *
 * Every process is sampled at the start, after the warm-up (default: a
 * tenth of the cycles, at least 500) and at the end, with no device
 * attached: open fds, RSS, hugepage files mapped, and, through the
 * "memstats" command of the tools' module (SO, from tools/bench), EAL heap
 * bytes in use and memzones; the group's hugepage files and runtime
 * directory entries too. Any figure above its value after the warm-up at
 * the end fails the run (exit status 1), as do hugepage files or a runtime
 * directory left once the group has exited (stock DPDK 26.07 keeps the
 * primary's config, hugepage_info and fbarray files there; the change
 * eal-cleanup-exited-files removes them). The table of samples is printed and,
 * with --csv, written.
 */
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "args.h"
#include "cluster.h"
#include "run_dir.h"
#include "sample.h"
#include "sysfs_tree.h"

using namespace hotplug_mp::harness;
using namespace hotplug_mp::soak;
using namespace hotplug_mp::hardening;
namespace fs = std::filesystem;

namespace {

struct Options {
	std::string host, module, simnic, csv;
	int cycles = 10000;
	int warmup = -1;
	int secondaries = 4;
	int lock_every = 25;
};

const char *const usage = "usage: hotplug_mp-soak --host HOST --module SO "
	"--simnic SO [--cycles N] [--warmup N] [--secondaries N] "
	"[--lock-every N] [--csv FILE]";

Options
parse(int argc, char **argv)
{
	Options o;
	parse_options(argc, argv, {
		{.key = "--host", .text = &o.host},
		{.key = "--module", .text = &o.module},
		{.key = "--simnic", .text = &o.simnic},
		{.key = "--csv", .text = &o.csv},
		{.key = "--cycles", .number = &o.cycles, .min = 1},
		{.key = "--warmup", .number = &o.warmup, .min = 0},
		{.key = "--secondaries", .number = &o.secondaries, .min = 1},
		{.key = "--lock-every", .number = &o.lock_every, .min = 0},
	});
	if (o.host.empty() || o.module.empty() || o.simnic.empty())
		throw std::invalid_argument("--host, --module and --simnic are needed");
	if (o.warmup < 0)
		o.warmup = std::max(500, o.cycles / 10);
	if (o.warmup >= o.cycles)
		throw std::invalid_argument("--warmup must be below --cycles");
	return o;
}

bool
contains(const std::string &s, const std::string &what)
{
	return s.find(what) != std::string::npos;
}

/* Runs cmd at process i; throws unless it printed want. */
void
expect_run(Cluster &c, int i, const std::string &cmd, const std::string &want,
	int cycle)
{
	std::string out = c.run(i, cmd);
	if (!contains(out, want))
		throw std::runtime_error("cycle " + std::to_string(cycle) + ": " +
			c.label(i) + " \"" + cmd + "\" printed:\n" + out);
}

/* One row of the table: a figure of a process (or of the group) at the
 * three points. */
struct Row {
	std::string who, figure;
	int64_t start, warm, end;
};

struct Samples {
	std::vector<ProcessSample> procs;
	GroupSample group;
};

Samples
sample(Cluster &c)
{
	Samples s;
	for (int i = 0; i < c.size(); i++) {
		ProcessSample p = sample_process(c.proc(i).pid());
		std::string out = c.run(i, "memstats");
		if (!parse_memstats(out, p))
			throw std::runtime_error(c.label(i) +
				" has no memstats command (is --module loaded?):\n" +
				out);
		s.procs.push_back(p);
	}
	s.group = sample_group(c.prefix());
	return s;
}

std::vector<Row>
table(Cluster &c, const Samples &a, const Samples &b, const Samples &e)
{
	std::vector<Row> rows;
	for (int i = 0; i < c.size(); i++) {
		auto fa = figures(a.procs[i]), fb = figures(b.procs[i]),
			fe = figures(e.procs[i]);
		for (size_t k = 0; k < fa.size(); k++)
			rows.push_back({c.label(i), fa[k].first, fa[k].second,
				fb[k].second, fe[k].second});
	}
	auto ga = figures(a.group), gb = figures(b.group), ge = figures(e.group);
	for (size_t k = 0; k < ga.size(); k++)
		rows.push_back({"group", ga[k].first, ga[k].second, gb[k].second,
			ge[k].second});
	return rows;
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		Options o = parse(argc, argv);
		RunDir dir("hpmp_soak");
		/* EAL -d loads nothing from below a world-writable directory */
		fs::copy_file(o.module, dir.path() / "tools_cmds.so");
		fs::copy_file(o.simnic, dir.path() / "libnet_simnic.so");
		const std::string nic = "0000:81:00.0";
		auto tree = hotplug_mp::pcisim::Tree::create(dir.path() / "sysfs");
		tree.add({.addr = nic});

		ClusterOptions co;
		co.host = o.host;
		co.secondaries = o.secondaries;
		co.prefix = unique_prefix("hpmp_soak");
		co.sysfs_pci = tree.devices_dir().string();
		co.eal = {"-d", (dir.path() / "tools_cmds.so").string(),
			"-d", (dir.path() / "libnet_simnic.so").string(),
			"--log-level", "pmd.net.simnic:notice"};
		const int n = o.secondaries + 1;
		std::vector<Row> rows;
		GroupSample after;
		{
			Cluster c(co);
			tree.bind(nic, "vfio-pci");
			/* the event lines each process prints, not kept */
			for (int i = 0; i < n; i++)
				c.proc(i).drop_lines("device .*\\(requested by .*\\)\n");

			Samples start = sample(c), warm;
			for (int i = 0; i < o.cycles; i++) {
				const std::string dev = i % 2 == 0 ? "net_null0" : nic;
				const int a = i % n;
				const int d = (a + 1 + (i / n) % (n - 1)) % n;
				expect_run(c, a, "attach " + dev,
					"attached device " + dev, i);
				if (o.lock_every != 0 && i % o.lock_every == 0 && n > 2) {
					int l = (d + 1) % n == a ? (d + 2) % n : (d + 1) % n;
					expect_run(c, l, "lock " + dev,
						"locked device " + dev, i);
					expect_run(c, d, "detach " + dev,
						dev + " is locked by", i);
					expect_run(c, l, "unlock " + dev,
						"unlocked device " + dev, i);
				}
				expect_run(c, d, "detach " + dev,
					"detached device " + dev, i);
				if (i + 1 == o.warmup)
					warm = sample(c);
				if ((i + 1) % 1000 == 0)
					std::fprintf(stderr, "[soak] %d cycles\n", i + 1);
			}
			Samples end = sample(c);
			rows = table(c, start, warm, end);
			for (const auto &e : c.stop_processes())
				if (e.status != 0)
					throw std::runtime_error(e.label +
						" did not exit cleanly (status " +
						std::to_string(e.status) + "):\n" +
						e.transcript);
			/* what the group left once it exited */
			after = sample_group(co.prefix);
		}

		int grown = 0;
		std::printf("%-22s %-16s %12s %12s %12s\n", "process", "figure",
			"start", "warm-up", "end");
		for (const auto &r : rows) {
			bool grew = r.end > r.warm;
			grown += grew;
			std::printf("%-22s %-16s %12lld %12lld %12lld%s\n",
				r.who.c_str(), r.figure.c_str(),
				static_cast<long long>(r.start),
				static_cast<long long>(r.warm),
				static_cast<long long>(r.end), grew ? "  GREW" : "");
		}
		std::printf("after exit: %ld hugepage files, runtime directory %s",
			after.hugepage_files, after.runtime_entries < 0 ? "gone" :
			"left behind with ");
		if (after.runtime_entries >= 0) {
			std::printf("%ld entries:", after.runtime_entries);
			for (const auto &n : after.runtime_names)
				std::printf(" %s", n.c_str());
		}
		std::printf("\n");
		if (!o.csv.empty()) {
			std::ofstream csv(o.csv);
			csv << "process,figure,start,warmup,end\n";
			for (const auto &r : rows)
				csv << r.who << "," << r.figure << "," << r.start << ","
					<< r.warm << "," << r.end << "\n";
		}
		bool left = after.hugepage_files != 0 || after.runtime_entries >= 0;
		std::printf("soak: %d cycles (%d warm-up), %d processes: %d figures "
			"grew after the warm-up%s\n", o.cycles, o.warmup, n, grown,
			left ? "; the group left files behind" : "");
		return grown == 0 && !left ? 0 : 1;
	} catch (const std::invalid_argument &e) {
		std::fprintf(stderr, "hotplug_mp-soak: %s\n%s\n", e.what(), usage);
		return 2;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "hotplug_mp-soak: %s\n", e.what());
		return 2;
	}
}
