/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hotplug_mp-crash: crash trials. Each trial starts a group of
 * dpdk-hotplug_mp (a primary and 3 secondaries), starts a hotplug request
 * and sends SIGKILL to one process at a random moment of it:
 *
 *   attach     a secondary, during the attach fan-out (the secondaries'
 *              probes of a simulated NIC take --probe-ms each);
 *   detach     a secondary, during the pre-detach round or the detach;
 *   rollback   a secondary, while an attach that fails in another one is
 *              rolled back;
 *   requester  the secondary that asked for the attach;
 *   primary    the primary, during a secondary's attach.
 *
 * Then, for a secondary killed: the survivors must answer, list the same
 * devices, and the next request from a survivor (attach and detach of
 * net_null0) must succeed within the hotplug timeout; every survivor must
 * exit cleanly. For the primary killed: the requesting secondary must say
 * what became of its attach within three hotplug timeouts, and every
 * secondary must still answer, say that the primary is gone when asked
 * for an attach, and exit cleanly. Once every process has exited, the
 * group must have left no hugepage file and no runtime directory entry
 * (eal-cleanup-exited-files: stock DPDK 26.07 leaves both).
 *
 *   hotplug_mp-crash --host HOST --simnic SO [--trials 200] [--seed N]
 *       [--probe-ms 40] [--timeout-ms 1000] [--kinds attach,detach,...]
 *
 * Prints one line per trial that did not end consistent, and a summary
 * per kind; exit status 1 unless every trial ended consistent.
 */
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "args.h"
#include "cluster.h"
#include "run_dir.h"
#include "sample.h"
#include "sysfs_tree.h"

using namespace hotplug_mp::harness;
using namespace hotplug_mp::hardening;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> all_kinds = {
	"attach", "detach", "rollback", "requester", "primary",
};

struct Options {
	std::string host, simnic;
	int trials = 200;
	int seed = 1;
	int probe_ms = 40;
	int timeout_ms = 1000;
	std::vector<std::string> kinds = all_kinds;
};

const char *const usage = "usage: hotplug_mp-crash --host HOST --simnic SO "
	"[--trials N] [--seed N] [--probe-ms N] [--timeout-ms N] "
	"[--kinds attach,detach,rollback,requester,primary]";

Options
parse(int argc, char **argv)
{
	Options o;
	std::string kinds;
	parse_options(argc, argv, {
		{.key = "--host", .text = &o.host},
		{.key = "--simnic", .text = &o.simnic},
		{.key = "--trials", .number = &o.trials, .min = 1},
		{.key = "--seed", .number = &o.seed, .min = 0},
		{.key = "--probe-ms", .number = &o.probe_ms, .min = 1},
		{.key = "--timeout-ms", .number = &o.timeout_ms, .min = 100},
		{.key = "--kinds", .text = &kinds},
	});
	if (!kinds.empty()) {
		o.kinds.clear();
		std::stringstream ss(kinds);
		for (std::string kind; std::getline(ss, kind, ',');) {
			if (std::find(all_kinds.begin(), all_kinds.end(), kind) ==
			    all_kinds.end())
				throw std::invalid_argument("unknown kind " + kind);
			o.kinds.push_back(kind);
		}
	}
	if (o.host.empty() || o.simnic.empty())
		throw std::invalid_argument("--host and --simnic are needed");
	return o;
}

bool
contains(const std::string &s, const std::string &what)
{
	return s.find(what) != std::string::npos;
}

/* Why a trial did not end consistent; empty if it did. */
using Verdict = std::string;

struct Trial {
	std::string kind;
	int issuer, victim;
	int kill_after_ms;
};

const std::string nic = "0000:81:00.0";

/*
 * Survivors answer and, once the request that was going round has ended
 * (within three hotplug timeouts: nobody may be waiting for it), agree;
 * then they serve the next request in time.
 */
Verdict
check_survivors(Cluster &c, const std::vector<int> &alive, int timeout_ms,
	std::mt19937 &rng)
{
	std::vector<std::vector<ListedPort>> lists;
	bool agree = false;
	const auto settled = Clock::now() +
		std::chrono::milliseconds(3 * timeout_ms) + 2s;
	while (!agree && Clock::now() < settled) {
		lists.clear();
		agree = true;
		for (int i : alive) {
			lists.push_back(c.list(i));
			agree = agree && lists.back() == lists.front();
		}
		if (!agree)
			std::this_thread::sleep_for(20ms);
	}
	if (!agree) {
		std::string v = "the survivors disagree:";
		for (size_t k = 0; k < alive.size(); k++) {
			v += "\n  " + c.label(alive[k]) + ":";
			for (const auto &p : lists[k])
				v += " " + p.name;
		}
		return v;
	}
	int a = alive[rng() % alive.size()], d = alive[rng() % alive.size()];
	auto t0 = Clock::now();
	std::string out = c.run(a, "attach net_null0");
	auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
		Clock::now() - t0).count();
	if (!contains(out, "attached device net_null0"))
		return "the next attach from " + c.label(a) + " failed:\n" + out;
	if (ms > timeout_ms)
		return "the next attach took " + std::to_string(ms) + " ms";
	out = c.run(d, "detach net_null0");
	if (!contains(out, "detached device net_null0"))
		return "the next detach from " + c.label(d) + " failed:\n" + out;
	return {};
}

/* What a group left once every process had exited. */
struct Left {
	long hugepage_files = 0;
	long runtime_entries = 0;
};

Verdict
run_trial(const Options &o, const Trial &t, const fs::path &dir,
	std::mt19937 &rng, Left *left)
{
	ClusterOptions co;
	co.host = o.host;
	co.secondaries = 3;
	co.prefix = unique_prefix("hpmp_crash");
	co.sysfs_pci = (dir / "sysfs" / "devices").string();
	co.eal = {"-d", (dir / "libnet_simnic.so").string(),
		"--log-level", "pmd.net.simnic:notice"};
	for (int i = 1; i <= 3; i++)
		co.env_of[i] = {"SIMNIC_PROBE_DELAY_MS=" + std::to_string(o.probe_ms)};
	if (t.kind == "rollback") {
		/* the last secondary that is neither victim nor issuer fails */
		int failing = 3;
		while (failing == t.victim || failing == t.issuer)
			failing--;
		co.env_of[failing].push_back("SIMNIC_FAIL_PROBE=" + nic);
	}
	auto tree = hotplug_mp::pcisim::Tree::open(dir / "sysfs");
	tree.bind(nic, hotplug_mp::pcisim::simnic_kernel_driver);
	Verdict v;
	{
		Cluster c(co);
		tree.bind(nic, "vfio-pci");
		c.run(0, "hotplug-timeout " + std::to_string(o.timeout_ms));
		std::string cmd = "attach " + nic;
		if (t.kind == "detach") {
			std::string out = c.run(0, "attach " + nic);
			if (!contains(out, "attached device " + nic))
				return "set-up attach failed:\n" + out;
			cmd = "detach " + nic;
		}
		c.proc(t.issuer).send_line(cmd);
		std::this_thread::sleep_for(std::chrono::milliseconds(t.kill_after_ms));
		c.proc(t.victim).signal(SIGKILL);
		c.proc(t.victim).wait_exit(5s);

		std::vector<int> alive;
		for (int i = 0; i < c.size(); i++)
			if (i != t.victim)
				alive.push_back(i);
		const auto bound = std::chrono::milliseconds(3 * o.timeout_ms) + 2s;
		if (t.issuer != t.victim) {
			std::string out;
			try {
				out = c.proc(t.issuer).expect(host_prompt, bound);
			} catch (const PtyError &) {
				return c.label(t.issuer) + " did not answer within " +
					std::to_string(bound.count()) + " ms";
			}
			if (t.kind == "primary" &&
			    !contains(out, "failed to attach device " + nic) &&
			    !contains(out, "attached device " + nic))
				return c.label(t.issuer) + " did not say what became "
					"of its attach:\n" + out;
		}
		if (t.kind == "primary") {
			/*
			 * secondaries without a primary: they answer, a request
			 * says the primary is gone, and they exit
			 */
			for (int i : alive)
				try {
					c.run(i, "list");
					std::string out = c.run(i, "attach net_null0");
					if (!contains(out, "the primary process is gone"))
						return c.label(i) + " did not say the primary "
							"is gone:\n" + out;
				} catch (const PtyError &) {
					return c.label(i) + " no longer answers";
				}
		} else {
			v = check_survivors(c, alive, o.timeout_ms, rng);
			if (!v.empty())
				return v;
		}
		for (const auto &e : c.stop_processes())
			if (e.status != 0)
				return e.label + " did not exit cleanly (status " +
					std::to_string(e.status) + ")";
		auto g = hotplug_mp::soak::sample_group(co.prefix);
		left->hugepage_files = g.hugepage_files;
		left->runtime_entries = std::max(0L, g.runtime_entries);
		if (g.hugepage_files > 0 || g.runtime_entries > 0) {
			std::string names;
			for (const auto &n : g.runtime_names)
				names += " " + n;
			return "the group left " + std::to_string(g.hugepage_files) +
				" hugepage files and " +
				std::to_string(left->runtime_entries) +
				" runtime files:" + names;
		}
	}
	return v;
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		Options o = parse(argc, argv);
		RunDir dir("hpmp_crash");
		/* EAL -d loads nothing from below a world-writable directory */
		fs::copy_file(o.simnic, dir.path() / "libnet_simnic.so");
		auto tree = hotplug_mp::pcisim::Tree::create(dir.path() / "sysfs");
		tree.add({.addr = nic});
		std::mt19937 rng(o.seed);

		struct Tally {
			int trials = 0, consistent = 0;
			int hugepages_left = 0; /* trials that left any */
			long runtime_left = 0;
		};
		std::map<std::string, Tally> tally;
		int bad = 0;
		for (int n = 0; n < o.trials; n++) {
			Trial t;
			t.kind = o.kinds[n % o.kinds.size()];
			t.issuer = static_cast<int>(rng() % 4);
			t.victim = 1 + static_cast<int>(rng() % 3);
			if (t.kind == "requester" || t.kind == "primary") {
				t.issuer = 1 + static_cast<int>(rng() % 3);
				t.victim = t.kind == "primary" ? 0 : t.issuer;
			}
			/* within the round the kind is about */
			int span = t.kind == "detach" ? (rng() % 2 ? 3 : o.probe_ms) :
				t.kind == "rollback" ? 3 * o.probe_ms : 2 * o.probe_ms;
			t.kill_after_ms = static_cast<int>(rng() % (span + 1));
			Left left;
			Verdict v;
			try {
				v = run_trial(o, t, dir.path(), rng, &left);
			} catch (const std::exception &e) {
				v = std::string("harness: ") + e.what();
			}
			Tally &k = tally[t.kind];
			k.trials++;
			k.runtime_left += left.runtime_entries;
			k.hugepages_left += left.hugepage_files > 0;
			if (v.empty()) {
				k.consistent++;
			} else {
				bad++;
				std::printf("trial %d (%s, issuer %d, killed %d after %d ms): "
					"%s\n", n, t.kind.c_str(), t.issuer, t.victim,
					t.kill_after_ms, v.c_str());
			}
			std::fflush(stdout);
		}
		for (const auto &[kind, k] : tally)
			std::printf("%-10s %4d trials, %4d consistent; after exit, "
				"hugepage files left by %d, runtime files %.1f per "
				"trial\n", kind.c_str(), k.trials, k.consistent,
				k.hugepages_left,
				static_cast<double>(k.runtime_left) / k.trials);
		std::printf("crash trials: %d of %d consistent (seed %d)\n",
			o.trials - bad, o.trials, o.seed);
		return bad == 0 ? 0 : 1;
	} catch (const std::invalid_argument &e) {
		std::fprintf(stderr, "hotplug_mp-crash: %s\n%s\n", e.what(), usage);
		return 2;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "hotplug_mp-crash: %s\n", e.what());
		return 2;
	}
}
