/* SPDX-License-Identifier: BSD-3-Clause */
#include "cluster.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace hotplug_mp::harness {

namespace fs = std::filesystem;

std::vector<ListedPort>
parse_list(const std::string &out)
{
	std::istringstream in(out);
	std::vector<ListedPort> ports;
	std::string line;
	bool header = false;
	while (std::getline(in, line)) {
		if (line == "list all etherdev") {
			header = true;
			continue;
		}
		if (!header)
			continue;
		size_t tab = line.find('\t');
		if (tab == std::string::npos || tab == 0 ||
		    line.find_first_not_of("0123456789") != tab)
			continue; /* an EAL log line printed meanwhile */
		ports.push_back({static_cast<unsigned int>(std::stoul(line.substr(0, tab))),
			line.substr(tab + 1)});
	}
	if (!header)
		throw PtyError("\"list\" printed no header:\n" + out);
	return ports;
}

std::string
unique_prefix(const std::string &tag)
{
	static std::atomic<int> n;
	return tag + "_" + std::to_string(getpid()) + "_" + std::to_string(n++);
}

void
remove_prefix_files(const std::string &prefix)
{
	std::error_code ec;
	fs::remove_all(fs::path("/var/run/dpdk") / prefix, ec);
	for (const auto &e : fs::directory_iterator("/dev/hugepages", ec)) {
		std::string f = e.path().filename().string();
		if (f.rfind(prefix + "map_", 0) == 0)
			fs::remove(e.path(), ec);
	}
}

bool
in_emulated_machine()
{
	const char *flag = getenv("HOTPLUG_MP_EMULATED_MACHINE");
	if (flag == nullptr || std::string(flag) != "1")
		return false;
	std::ifstream in("/proc/cmdline");
	std::string cmdline;
	std::getline(in, cmdline);
	return (" " + cmdline).find(" hp.") != std::string::npos;
}

Cluster::Cluster(ClusterOptions opts) : opts_(std::move(opts))
{
	if (opts_.prefix.empty())
		opts_.prefix = unique_prefix("hpmp");
	/* only a simulated tree may become a PCI bus, never the machine's */
	if (!opts_.sysfs_pci.empty() &&
	    (fs::weakly_canonical(fs::absolute(opts_.sysfs_pci)).string().rfind("/sys/", 0) == 0 ||
	     !fs::is_directory(opts_.sysfs_pci)))
		throw PtyError("sysfs_pci must be a simulated tree's devices "
			"directory, not " + opts_.sysfs_pci);
	if (!opts_.pci_allow.empty() && !in_emulated_machine())
		throw PtyError("pci_allow outside the emulated machine: a test "
			"may probe no device of this machine");
	if (!opts_.pci_allow.empty() && !opts_.sysfs_pci.empty())
		throw PtyError("pci_allow and sysfs_pci: one PCI bus or the other");
	remove_prefix_files(opts_.prefix);
	try {
		procs_.push_back(start(true));
		for (int i = 0; i < opts_.secondaries; i++)
			procs_.push_back(start(false));
	} catch (...) {
		shutdown();
		throw;
	}
}

Cluster::~Cluster()
{
	try {
		shutdown();
	} catch (...) {
	}
}

std::unique_ptr<PtyProcess>
Cluster::start(bool primary)
{
	/* the primary on lcore 0, secondaries on lcore 1: 2 cores here */
	int index = size();
	std::vector<std::string> lcores = {"-l", primary ? "0" : "1"};
	if (auto it = opts_.lcores_of.find(index); it != opts_.lcores_of.end())
		lcores = it->second;
	std::vector<std::string> argv = {opts_.host};
	argv.insert(argv.end(), lcores.begin(), lcores.end());
	argv.insert(argv.end(), {"--file-prefix", opts_.prefix,
		"--proc-type", "auto",
		"--log-level", "lib.eal:notice"});
	std::vector<std::string> env = opts_.env;
	if (!opts_.pci_allow.empty()) {
		for (const auto &addr : opts_.pci_allow)
			argv.insert(argv.end(), {"-a", addr});
	} else if (opts_.sysfs_pci.empty()) {
		argv.push_back("--no-pci");
	} else {
		env.push_back("SYSFS_PCI_DEVICES=" + opts_.sysfs_pci);
	}
	argv.insert(argv.end(), opts_.eal.begin(), opts_.eal.end());
	if (auto it = opts_.env_of.find(index); it != opts_.env_of.end())
		env.insert(env.end(), it->second.begin(), it->second.end());
	if (auto it = opts_.eal_of.find(index); it != opts_.eal_of.end())
		argv.insert(argv.end(), it->second.begin(), it->second.end());
	std::string name = primary ? "primary" :
		"secondary " + std::to_string(++started_);
	auto p = std::make_unique<PtyProcess>(name, argv, env, opts_.session);
	p->expect(host_prompt, 30s);
	return p;
}

std::string
Cluster::label(int i) const
{
	return procs_.at(i)->name() + " (pid " + std::to_string(procs_.at(i)->pid()) + ")";
}

std::string
Cluster::run(int i, const std::string &cmd)
{
	return proc(i).command(cmd, host_prompt, 20s);
}

std::vector<ListedPort>
Cluster::list(int i)
{
	return parse_list(run(i, "list"));
}

std::vector<std::vector<ListedPort>>
Cluster::lists()
{
	std::vector<std::vector<ListedPort>> all;
	for (int i = 0; i < size(); i++)
		all.push_back(list(i));
	return all;
}

int
Cluster::add_secondary()
{
	procs_.push_back(start(false));
	return size() - 1;
}

std::vector<Cluster::Exit>
Cluster::shutdown()
{
	std::vector<Exit> exits = stop_processes();
	remove_prefix_files(opts_.prefix);
	return exits;
}

std::vector<Cluster::Exit>
Cluster::stop_processes()
{
	std::vector<Exit> exits;
	/* secondaries first: a primary leaving first strands them */
	for (int i = size() - 1; i >= 0; i--) {
		PtyProcess &p = *procs_[i];
		if (!p.running())
			continue;
		int status;
		try {
			p.send_line("quit");
			status = p.wait_exit(5s);
		} catch (const PtyError &) {
			p.terminate();
			status = -1;
		}
		exits.push_back({label(i), status, p.transcript()});
	}
	procs_.clear();
	return exits;
}

} // namespace hotplug_mp::harness
