/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One multi-process group of dpdk-hotplug_mp: a primary and N secondaries
 * sharing a --file-prefix of their own, each on its own pseudo-terminal.
 * Ends only the processes it started and removes the prefix's hugepage
 * files and runtime directory.
 */
#ifndef HOTPLUG_MP_CLUSTER_H
#define HOTPLUG_MP_CLUSTER_H

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pty_process.h"

namespace hotplug_mp::harness {

inline constexpr const char *host_prompt = "example> ";

struct ListedPort {
	unsigned int id;
	std::string name;
	bool operator==(const ListedPort &) const = default;
};

/* Parses the output of "list"; throws PtyError when the header is missing. */
std::vector<ListedPort> parse_list(const std::string &out);

/* A --file-prefix unique to this process and call. */
std::string unique_prefix(const std::string &tag);

/* Removes /dev/hugepages/<prefix>map_* and /var/run/dpdk/<prefix>. */
void remove_prefix_files(const std::string &prefix);

/*
 * A --file-prefix for processes started by hand: its hugepage and runtime
 * files go with it, however the scope ends (a failed ASSERT included).
 * Declare it before the processes, so that they end first.
 */
class Prefix {
public:
	explicit Prefix(const std::string &tag) : name_(unique_prefix(tag)) {}
	~Prefix() { remove_prefix_files(name_); }
	Prefix(const Prefix &) = delete;
	Prefix &operator=(const Prefix &) = delete;

	const std::string &name() const { return name_; }

private:
	std::string name_;
};

struct ClusterOptions {
	std::string host;             /* path of dpdk-hotplug_mp */
	int secondaries = 2;
	std::string prefix;           /* default: unique_prefix("hpmp") */
	std::vector<std::string> eal; /* extra EAL arguments, every process */
	std::vector<std::string> env; /* extra environment, every process */
	/* extra environment and EAL arguments of process i only (0 the primary) */
	std::map<int, std::vector<std::string>> env_of;
	std::map<int, std::vector<std::string>> eal_of;
	/* lcore options of process i instead of "-l 0" or "-l 1" */
	std::map<int, std::vector<std::string>> lcores_of;
	/*
	 * A simulated tree's devices directory (pcisim): the processes scan
	 * it as their PCI bus. Empty: every process runs with --no-pci, so
	 * none ever sees the machine's own PCI devices.
	 */
	std::string sysfs_pci;
	/*
	 * Inside the emulated machine only (tools/vm, in_emulated_machine()):
	 * the machine's own PCI bus, every process allowing only these
	 * devices (EAL -a), the test's emulated NICs. Elsewhere Cluster
	 * refuses it: a process here must never probe the host's devices.
	 */
	std::vector<std::string> pci_allow;
	/*
	 * Session::caller: every process stays in the caller's session, as
	 * daemons of one supervisor do, and the scheduler groups them as one
	 * (autogroup). Session::own: each leads its own, as in a terminal.
	 */
	Session session = Session::own;
};

/*
 * True in the guest of tools/vm, whose /init says so in the environment
 * and whose kernel command line carries the runner's "hp." options.
 */
bool in_emulated_machine();

class Cluster {
public:
	explicit Cluster(ClusterOptions opts);
	~Cluster();
	Cluster(const Cluster &) = delete;
	Cluster &operator=(const Cluster &) = delete;

	/* Process i: 0 is the primary, 1..N the secondaries. */
	PtyProcess &proc(int i) { return *procs_.at(i); }
	int size() const { return static_cast<int>(procs_.size()); }
	static const char *role(int i) { return i == 0 ? "primary" : "secondary"; }
	std::string label(int i) const;

	/* Runs cmd at process i's prompt; returns what it printed. */
	std::string run(int i, const std::string &cmd);
	std::vector<ListedPort> list(int i);
	/* The lists of all processes, primary first. */
	std::vector<std::vector<ListedPort>> lists();

	/* Starts one more secondary; returns its index. */
	int add_secondary();
	/* How a process ended: its label, exit status and whole output. */
	struct Exit {
		std::string label;
		int status;
		std::string transcript;
	};
	/*
	 * quit at each prompt, secondaries first; kill what remains. Returns
	 * how each process that was still running ended.
	 */
	std::vector<Exit> shutdown();
	/*
	 * As shutdown(), but the prefix's hugepage files and runtime
	 * directory stay, to see what the processes left; the destructor
	 * removes them.
	 */
	std::vector<Exit> stop_processes();

	const std::string &prefix() const { return opts_.prefix; }

private:
	std::unique_ptr<PtyProcess> start(bool primary);

	ClusterOptions opts_;
	std::vector<std::unique_ptr<PtyProcess>> procs_;
	int started_ = 0;
};

} // namespace hotplug_mp::harness

#endif
