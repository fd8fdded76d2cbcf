/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hotplug_mp-bench: attach+detach latency of a flavour (flavours.toml)
 * and of its baseline, side by side in one run, for N secondaries, from
 * the primary and from a secondary, with net_null and with a simulated NIC
 * whose probe takes a few ms in every process. Each figure is timed inside
 * the issuing process ("bench" host command), over many cycles.
 *
 *   hotplug_mp-bench [--baseline NAME=HOST] --flavour NAME=HOST
 *       [--simnic NAME=SO...] [--cycles N]
 *       [--secondaries 0,1,2,4,8] [--probe-delay-ms 5] [--rounds 5]
 *       [--from primary|secondary] [--devices net_null,...] [--csv FILE]
 *       [--placement float|split|housekeeping|one-cpu]
 *       [--events on,off] [--output read,unread]
 *
 * Every figure is the median over the rounds of one run's figure; the
 * runs of the baseline and the flavour, and of each configuration,
 * alternate. The CSV's "flavour" column holds the names given, in each
 * figure's rows the baseline's first. Without a baseline the flavour runs
 * alone and nothing is compared; with a --simnic for each of them the
 * simulated NIC is measured too. A configuration is whether the processes
 * print event lines (on, the default, or off) and whether anybody reads
 * the output of the processes other than the one timing (read, the
 * default, or unread: their terminals fill up as nobody drains them).
 *
 * The "bench" command comes from libhotplug_mp_bench_cmds.so of the
 * host's build (tools/bench), which every process loads with EAL -d.
 */
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sched.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cluster.h"
#include "percentiles.h"
#include "run_dir.h"
#include "sysfs_tree.h"

using namespace hotplug_mp::harness;
namespace fs = std::filesystem;

namespace {

/*
 * Where the threads of the processes run. DPDK puts a process's control
 * threads (IPC, interrupt) on the CPUs its lcores leave free, and with the
 * main lcore when none is left.
 */
struct Placement {
	std::string name;
	std::string primary, secondary; /* --lcores */
	bool one_cpu; /* the processes inherit an affinity of CPU 0 alone */
};

const std::vector<Placement> placements = {
	/*
	 * The default. Each process's lcore may run on any CPU, and so may
	 * its EAL threads. Pinned as in the tests ("split"), every
	 * secondary's interrupt and IPC threads would share CPU 0 with the
	 * issuing thread of the primary: on two cores the secondaries could
	 * only answer one after the other.
	 */
	{"float", "0@(0,1)", "1@(0,1)", false},
	/* as in the tests: control threads on the CPU the lcore leaves */
	{"split", "0@0", "1@1", false},
	/* every lcore on CPU 1, every control thread on CPU 0 */
	{"housekeeping", "0@1", "1@1", false},
	/* every thread on CPU 0: no wake-up crosses CPUs */
	{"one-cpu", "0@0", "1@0", true},
};

/* While alive, this thread and the processes it starts run on CPU 0. */
class OnCpu0 {
public:
	OnCpu0()
	{
		if (sched_getaffinity(0, sizeof(saved_), &saved_) != 0)
			throw std::runtime_error("sched_getaffinity failed");
		cpu_set_t one;
		CPU_ZERO(&one);
		CPU_SET(0, &one);
		if (sched_setaffinity(0, sizeof(one), &one) != 0)
			throw std::runtime_error("cannot run on CPU 0");
	}
	~OnCpu0() { sched_setaffinity(0, sizeof(saved_), &saved_); }
	OnCpu0(const OnCpu0 &) = delete;
	OnCpu0 &operator=(const OnCpu0 &) = delete;

private:
	cpu_set_t saved_;
};

/* What the processes do with their output besides hotplug. */
struct Config {
	bool events = true; /* print event lines (the default) */
	bool read = true;   /* the others' output is read */

	std::string events_name() const { return events ? "on" : "off"; }
	std::string output_name() const { return read ? "read" : "unread"; }
};

struct Options {
	std::string baseline, flavour; /* their names */
	std::map<std::string, std::string> host;   /* flavour -> host */
	std::vector<Config> configs = {Config{}};
	std::map<std::string, std::string> simnic; /* flavour -> .so */
	int cycles = 200;
	int rounds = 5;
	std::vector<int> issuers = {0, 1}; /* 0: the primary, 1: a secondary */
	std::vector<std::string> only; /* devices to measure; empty: all */
	std::vector<int> secondaries = {0, 1, 2, 4, 8};
	int probe_delay_ms = 5;
	std::string csv = "bench.csv";
	Placement placement = placements.front();
};

/* net_null, every process in the benchmark's session */
const std::string one_session = "net_null_one_session";

struct Row {
	std::string flavour, device, issuer;
	Config config;
	int secondaries;
	double attach_median, attach_p99, detach_median, detach_p99,
		cycle_median, cycle_p99;
};


std::optional<Row>
measure(const Options &o, const std::string &flavour, const std::string &device,
	int secondaries, int issuer, const Config &cfg, const RunDir &dir)
{
	ClusterOptions co;
	co.host = o.host.at(flavour);
	co.secondaries = secondaries;
	co.eal = {"-d", (dir.path() / (flavour + "_bench_cmds.so")).string()};
	co.prefix = unique_prefix("hpmp_bench");
	for (int i = 0; i <= secondaries; i++)
		co.lcores_of[i] = {"--lcores", i == 0 ? o.placement.primary :
			o.placement.secondary};
	std::optional<OnCpu0> on_cpu0;
	if (o.placement.one_cpu)
		on_cpu0.emplace();
	std::string devargs = "net_null0";
	bool simnic = device.rfind("simnic", 0) == 0;
	/*
	 * All processes in the session of the benchmark, as daemons of one
	 * supervisor: the scheduler groups them (autogroup), which changes
	 * who preempts whom on a wake-up.
	 */
	if (device == one_session)
		co.session = Session::caller;
	if (simnic) {
		co.sysfs_pci = (dir.path() / "sysfs" / "devices").string();
		/*
		 * Nobody reads the other processes' terminals during a run:
		 * a log line per probe would fill them and block the thread
		 * that must answer the next request.
		 */
		co.eal.insert(co.eal.end(), {"-d",
			(dir.path() / (flavour + "_libnet_simnic.so")).string(),
			"--log-level", "pmd.net.simnic:notice"});
		co.env = {"SIMNIC_PROBE_DELAY_MS=" + std::to_string(o.probe_delay_ms)};
		devargs = "0000:81:00.0";
	}
	/* bound for DPDK once the group runs: nobody probes it at start */
	std::optional<hotplug_mp::pcisim::Tree> tree;
	if (simnic) {
		tree = hotplug_mp::pcisim::Tree::open(dir.path() / "sysfs");
		tree->bind(devargs, hotplug_mp::pcisim::simnic_kernel_driver);
	}
	Cluster c(co);
	if (tree)
		tree->bind(devargs, "vfio-pci");
	for (int i = 0; i < c.size() && !cfg.events; i++)
		c.run(i, "events off");
	for (int i = 0; i < c.size() && !cfg.read; i++)
		if (i != issuer)
			c.proc(i).pause_reading();
	std::string out = c.proc(issuer).command(
		"bench " + std::to_string(o.cycles) + " " + devargs, host_prompt,
		std::chrono::minutes(10));
	c.shutdown();
	static const std::regex re("attach median ([0-9.]+) us p99 ([0-9.]+) us; "
		"detach median ([0-9.]+) us p99 ([0-9.]+) us; cycle median "
		"([0-9.]+) us p99 ([0-9.]+) us");
	std::smatch m;
	if (!std::regex_search(out, m, re)) {
		std::fprintf(stderr, "%s %s N=%d from %s: %s\n", flavour.c_str(),
			device.c_str(), secondaries, Cluster::role(issuer), out.c_str());
		return std::nullopt;
	}
	return Row{flavour, device, Cluster::role(issuer), cfg, secondaries,
		std::stod(m[1]), std::stod(m[2]), std::stod(m[3]),
		std::stod(m[4]), std::stod(m[5]), std::stod(m[6])};
}

std::vector<std::string>
str_list(const std::string &s)
{
	std::vector<std::string> v;
	std::istringstream in(s);
	for (std::string x; std::getline(in, x, ',');)
		v.push_back(x);
	return v;
}

std::vector<int>
int_list(const std::string &s)
{
	std::vector<int> v;
	for (const std::string &x : str_list(s))
		v.push_back(std::stoi(x));
	return v;
}

Options
parse(int argc, char **argv)
{
	Options o;
	std::vector<std::string> events = {"on"}, outputs = {"read"};
	for (int i = 1; i + 1 < argc; i += 2) {
		std::string k = argv[i], v = argv[i + 1];
		if (k == "--baseline" || k == "--flavour" || k == "--simnic") {
			size_t eq = v.find('=');
			if (eq == 0 || eq == std::string::npos || eq + 1 == v.size())
				throw std::invalid_argument(k + " NAME=PATH, not " + v);
			std::string name = v.substr(0, eq);
			/* a file name here, and a CSV field */
			if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
			    std::string::npos || name[0] == '.')
				throw std::invalid_argument(k + ": a name of letters, "
					"digits, '.', '_' and '-', not " + name);
			if (k == "--simnic") {
				o.simnic[name] = v.substr(eq + 1);
				continue;
			}
			(k == "--baseline" ? o.baseline : o.flavour) = name;
			o.host[name] = v.substr(eq + 1);
		}
		else if (k == "--cycles")
			o.cycles = std::stoi(v);
		else if (k == "--rounds")
			o.rounds = std::stoi(v);
		else if (k == "--devices")
			o.only = str_list(v);
		else if (k == "--from") {
			if (v != "primary" && v != "secondary")
				throw std::invalid_argument("--from primary|secondary");
			o.issuers = {v == "primary" ? 0 : 1};
		}
		else if (k == "--secondaries")
			o.secondaries = int_list(v);
		else if (k == "--probe-delay-ms")
			o.probe_delay_ms = std::stoi(v);
		else if (k == "--csv")
			o.csv = v;
		else if (k == "--events")
			events = str_list(v);
		else if (k == "--output")
			outputs = str_list(v);
		else if (k == "--placement") {
			auto p = std::find_if(placements.begin(), placements.end(),
				[&](const Placement &x) { return x.name == v; });
			if (p == placements.end())
				throw std::invalid_argument("--placement "
					"float|split|housekeeping|one-cpu, not " + v);
			o.placement = *p;
		}
		else
			throw std::invalid_argument("unknown option " + k);
	}
	if (o.flavour.empty() || o.host.size() != (o.baseline.empty() ? 1 : 2))
		throw std::invalid_argument("give --flavour NAME=HOST, and "
			"--baseline NAME=HOST of another name to compare");
	for (const auto &[name, so] : o.simnic)
		if (!o.host.contains(name))
			throw std::invalid_argument("--simnic " + name + ": neither "
				"the baseline nor the flavour");
	if (!o.simnic.empty() && o.simnic.size() != o.host.size())
		throw std::invalid_argument("--simnic: give one for the baseline "
			"and one for the flavour, or none");
	o.configs.clear();
	for (const std::string &e : events)
		for (const std::string &out : outputs) {
			if ((e != "on" && e != "off") || (out != "read" && out != "unread"))
				throw std::invalid_argument("--events on,off and --output "
					"read,unread, not " + e + " and " + out);
			o.configs.push_back(Config{e == "on", out == "read"});
		}
	if (o.rounds < 1 || o.cycles < 1)
		throw std::invalid_argument("--rounds and --cycles must be positive");
	return o;
}

/* Each figure: the median over the rounds of the medians (and p99s) of one. */
Row
combine(const std::vector<Row> &runs)
{
	Row r = runs.front();
	auto of = [&](double Row::*f) {
		std::vector<double> v;
		for (const Row &x : runs)
			v.push_back(x.*f);
		return hotplug_mp::percentiles(v).median;
	};
	for (double Row::*f : {&Row::attach_median, &Row::attach_p99,
			&Row::detach_median, &Row::detach_p99,
			&Row::cycle_median, &Row::cycle_p99})
		r.*f = of(f);
	return r;
}

const Row *
find(const std::vector<Row> &rows, const std::string &flavour,
	const std::string &device, const std::string &issuer, int n,
	const Config &cfg)
{
	for (const Row &r : rows)
		if (r.flavour == flavour && r.device == device &&
		    r.issuer == issuer && r.secondaries == n &&
		    r.config.events == cfg.events && r.config.read == cfg.read)
			return &r;
	return nullptr;
}

/* The bench module of the host's build, where EAL -d takes it. */
void
copy_bench_module(const std::string &host, const std::string &flavour,
	const RunDir &dir)
{
	fs::path build = fs::path(host).parent_path().parent_path();
	fs::copy_file(build / "tools" / "bench" / "libhotplug_mp_bench_cmds.so",
		dir.path() / (flavour + "_bench_cmds.so"));
}

/* The cycle of the baseline against the flavour's, figure by figure. */
void
print_comparison(const Options &o, const std::vector<Row> &rows,
	const std::vector<std::string> &devices)
{
	std::printf("\nattach+detach cycle, median us (%d cycles, median "
		"of %d rounds, placement %s)\n", o.cycles, o.rounds,
		o.placement.name.c_str());
	std::printf("%-20s %-9s %3s %-6s %-6s %10s %10s %8s\n", "device",
		"from", "N", "events", "output", o.baseline.c_str(),
		o.flavour.c_str(), "ratio");
	for (const std::string &device : devices)
		for (const char *issuer : {"primary", "secondary"})
			for (int n : o.secondaries)
				for (const Config &cfg : o.configs) {
					const Row *s = find(rows, o.baseline, device,
						issuer, n, cfg);
					const Row *p = find(rows, o.flavour, device,
						issuer, n, cfg);
					if (s == nullptr || p == nullptr)
						continue;
					std::printf("%-20s %-9s %3d %-6s %-6s %10.1f "
						"%10.1f %7.2fx\n", device.c_str(), issuer,
						n, cfg.events_name().c_str(),
						cfg.output_name().c_str(), s->cycle_median,
						p->cycle_median,
						s->cycle_median / p->cycle_median);
				}
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		Options o = parse(argc, argv);
		RunDir dir("hpmp_bench");
		for (const auto &[flavour, host] : o.host)
			copy_bench_module(host, flavour, dir);
		std::vector<std::string> devices = {"net_null", one_session};
		if (o.simnic.size() == o.host.size()) {
			auto tree = hotplug_mp::pcisim::Tree::create(dir.path() / "sysfs");
			tree.add({.addr = "0000:81:00.0"});
			for (const auto &[flavour, so] : o.simnic)
				fs::copy_file(so, dir.path() / (flavour + "_libnet_simnic.so"));
			devices.push_back("simnic_" + std::to_string(o.probe_delay_ms) + "ms");
		}
		if (!o.only.empty())
			std::erase_if(devices, [&](const std::string &d) {
				return std::find(o.only.begin(), o.only.end(), d) ==
					o.only.end();
			});

		std::vector<Row> rows;
		std::vector<std::string> both = {o.flavour};
		if (!o.baseline.empty())
			both.insert(both.begin(), o.baseline);
		for (const std::string &device : devices)
			for (int n : o.secondaries)
				for (int issuer : o.issuers) {
					if (issuer > n)
						continue;
					/* with no secondary, sessions change nothing */
					if (device == one_session && n == 0)
						continue;
					/*
					 * The baseline and the flavour back to back,
					 * round after round: both meet the same
					 * conditions.
					 */
					std::map<std::string, std::vector<Row>> runs;
					auto key = [](const std::string &flavour,
							const Config &c) {
						return flavour + " events " +
							c.events_name() + ", " + c.output_name();
					};
					for (int round = 0; round < o.rounds; round++)
						for (const std::string &flavour : both)
							for (const Config &cfg : o.configs) {
								auto r = measure(o, flavour, device, n,
									issuer, cfg, dir);
								if (!r)
									return 1;
								runs[key(flavour, cfg)].push_back(*r);
							}
					for (const std::string &flavour : both)
						for (const Config &cfg : o.configs) {
							const Row r = combine(runs[key(flavour, cfg)]);
							std::printf("%-10s %-20s from %-9s N=%d events "
								"%-3s %-6s: attach %8.1f us, detach "
								"%8.1f us, cycle %8.1f us (medians; "
								"cycle p99 %8.1f us)\n", flavour.c_str(),
								device.c_str(), r.issuer.c_str(), n,
								cfg.events_name().c_str(),
								cfg.output_name().c_str(),
								r.attach_median, r.detach_median,
								r.cycle_median, r.cycle_p99);
							std::fflush(stdout);
							rows.push_back(r);
						}
				}

		std::ofstream csv(o.csv);
		csv << "flavour,device,issuer,secondaries,attach_median_us,"
			"attach_p99_us,detach_median_us,detach_p99_us,"
			"cycle_median_us,cycle_p99_us,placement,events,output\n";
		for (const Row &r : rows)
			csv << r.flavour << ',' << r.device << ',' << r.issuer << ','
				<< r.secondaries << ',' << r.attach_median << ','
				<< r.attach_p99 << ',' << r.detach_median << ','
				<< r.detach_p99 << ',' << r.cycle_median << ','
				<< r.cycle_p99 << ',' << o.placement.name << ','
				<< r.config.events_name() << ','
				<< r.config.output_name() << '\n';

		if (!o.baseline.empty())
			print_comparison(o, rows, devices);
		std::printf("\nCSV: %s\n", o.csv.c_str());
		return 0;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "hotplug_mp-bench: %s\n", e.what());
		return 1;
	}
}
