/* SPDX-License-Identifier: BSD-3-Clause */
#include "emulated_pci.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "environment.h"

namespace hotplug_mp::test {

namespace fs = std::filesystem;

namespace {

const fs::path pci_devices = "/sys/bus/pci/devices";

/* vendor:device of each model, as the guest's kernel reads them */
const std::vector<std::pair<std::string, std::vector<std::string>>> models = {
	{"virtio", {"0x1af4:0x1041", "0x1af4:0x1000"}},
	{"e1000e", {"0x8086:0x10d3"}},
};

std::string
read_line(const fs::path &p)
{
	std::ifstream in(p);
	std::string s;
	std::getline(in, s);
	return s;
}

void
write_sysfs(const fs::path &p, const std::string &value)
{
	std::ofstream out(p);
	out << value << std::flush;
	if (!out)
		throw std::runtime_error("cannot write \"" + value + "\" to " +
			p.string());
}

} // namespace

bool
EmulatedPci::available()
{
	return harness::in_emulated_machine();
}

EmulatedPci::EmulatedPci()
{
	if (!available())
		throw std::runtime_error("not in the emulated machine (tools/vm)");
}

std::vector<std::string>
EmulatedPci::nics(const std::string &model) const
{
	auto it = std::find_if(models.begin(), models.end(),
		[&](const auto &m) { return m.first == model; });
	if (it == models.end())
		throw std::runtime_error("no NIC model " + model);
	std::vector<std::string> found;
	for (const auto &d : fs::directory_iterator(pci_devices)) {
		std::string id = read_line(d.path() / "vendor") + ":" +
			read_line(d.path() / "device");
		if (std::find(it->second.begin(), it->second.end(), id) !=
				it->second.end())
			found.push_back(d.path().filename().string());
	}
	std::sort(found.begin(), found.end());
	return found;
}

std::vector<std::string>
EmulatedPci::all_nics() const
{
	std::vector<std::string> all;
	for (const auto &m : models)
		for (const auto &a : nics(m.first))
			all.push_back(a);
	return all;
}

void
EmulatedPci::bind(const std::string &addr, const std::string &driver)
{
	const fs::path dev = pci_devices / addr;
	if (!fs::exists(dev))
		throw std::runtime_error("no PCI device " + addr);
	write_sysfs(dev / "driver_override", driver.empty() ? "\n" : driver);
	if (fs::exists(dev / "driver"))
		write_sysfs(dev / "driver" / "unbind", addr);
	/*
	 * A NIC QEMU has just added may not take a driver at once (the
	 * kernel is still bringing it up): probe again for a while.
	 */
	auto deadline = std::chrono::steady_clock::now() + 5s;
	while (!driver.empty() && driver_of(addr) != driver &&
			std::chrono::steady_clock::now() < deadline) {
		std::ofstream("/sys/bus/pci/drivers_probe") << addr << std::flush;
		if (driver_of(addr) != driver)
			std::this_thread::sleep_for(100ms);
	}
	if (driver_of(addr) != driver)
		throw std::runtime_error(addr + " is bound to \"" + driver_of(addr) +
			"\", not " + driver);
	/*
	 * The kernel links the driver before it runs the driver's probe: a
	 * process attaching the NIC as soon as the link is there may find no
	 * uio device yet ("not managed by UIO driver"). Wait for what DPDK
	 * opens.
	 */
	int waits = 0;
	while (!driver_ready(addr, driver)) {
		if (std::chrono::steady_clock::now() >= deadline)
			throw std::runtime_error(addr + " is bound to " + driver +
				", which did not finish setting it up");
		std::this_thread::sleep_for(10ms);
		waits++;
	}
	if (waits > 0)
		std::fprintf(stderr, "[pci] %s: %s linked, its device ready "
			"%d ms later\n", addr.c_str(), driver.c_str(), 10 * waits);
}

bool
EmulatedPci::driver_ready(const std::string &addr,
	const std::string &driver) const
{
	const fs::path dev = pci_devices / addr;
	std::error_code ec;
	if (driver == "uio_pci_generic" || driver == "igb_uio") {
		/* DPDK takes the first "uio" entry of the device's uio directory */
		for (const auto &e : fs::directory_iterator(dev / "uio", ec))
			if (e.path().filename().string().rfind("uio", 0) == 0)
				return true;
		return false;
	}
	if (driver == "vfio-pci") {
		fs::path group = fs::read_symlink(dev / "iommu_group", ec);
		return !ec && fs::exists(fs::path("/dev/vfio") / group.filename(), ec);
	}
	return true;
}

std::string
EmulatedPci::driver_of(const std::string &addr) const
{
	std::error_code ec;
	fs::path link = fs::read_symlink(pci_devices / addr / "driver", ec);
	return ec ? "" : link.filename().string();
}

bool
EmulatedPci::present(const std::string &addr) const
{
	return fs::exists(pci_devices / addr);
}

harness::ClusterOptions
EmulatedPci::cluster_options(const std::string &driver, int secondaries) const
{
	harness::ClusterOptions o = test::cluster_options(secondaries);
	o.pci_allow = all_nics();
	if (driver == "uio_pci_generic")
		o.eal.push_back("--iova-mode=pa");
	return o;
}

std::vector<std::string>
EmulatedPci::eal_args(const std::string &driver) const
{
	std::vector<std::string> args;
	for (const auto &a : all_nics())
		args.insert(args.end(), {"-a", a});
	if (driver == "uio_pci_generic")
		args.push_back("--iova-mode=pa");
	return args;
}

std::vector<std::string>
EmulatedPci::holds(pid_t pid, const std::string &addr) const
{
	const fs::path proc = "/proc/" + std::to_string(pid);
	/* a uio device is /dev/uioN; its BARs, the sysfs resource files */
	std::string uio;
	std::error_code ec;
	for (const auto &d : fs::directory_iterator(pci_devices / addr / "uio", ec))
		uio = "/dev/" + d.path().filename().string();
	const std::string resources = fs::canonical(pci_devices / addr, ec).string() +
		"/resource";
	std::vector<std::string> held;
	for (const auto &fd : fs::directory_iterator(proc / "fd", ec)) {
		std::error_code lec;
		std::string target = fs::read_symlink(fd.path(), lec).string();
		if (target == "anon_inode:[vfio-device]" ||
				(!uio.empty() && target == uio))
			held.push_back("fd " + fd.path().filename().string() + " " +
				target);
	}
	std::ifstream maps(proc / "maps");
	for (std::string line; std::getline(maps, line);)
		if (line.find("vfio-device") != std::string::npos ||
				line.find(resources) != std::string::npos)
			held.push_back("map " + line);
	return held;
}

std::string
EmulatedPci::ask_host(const std::string &request, std::chrono::seconds timeout)
{
	/* one request at a time on the line, whichever test thread asks */
	static std::mutex line;
	std::lock_guard<std::mutex> lock(line);
	std::string path = env_or("HOTPLUG_MP_VM_CONTROL", "");
	if (path.empty())
		throw std::runtime_error("HOTPLUG_MP_VM_CONTROL is not set");
	int fd = open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		throw std::runtime_error("cannot open " + path + ": " +
			strerror(errno));
	std::string msg = request + "\n";
	bool sent = write(fd, msg.data(), msg.size()) ==
		static_cast<ssize_t>(msg.size());
	std::string reply;
	auto deadline = std::chrono::steady_clock::now() + timeout + 10s;
	while (sent && reply.find('\n') == std::string::npos) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
			deadline - std::chrono::steady_clock::now());
		if (left.count() <= 0)
			break;
		struct pollfd p = {fd, POLLIN, 0};
		if (poll(&p, 1, static_cast<int>(left.count())) <= 0)
			continue;
		char buf[256];
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n > 0)
			reply.append(buf, static_cast<size_t>(n));
	}
	close(fd);
	if (!sent)
		throw std::runtime_error("cannot send \"" + request + "\" to the host");
	auto eol = reply.find('\n');
	if (eol == std::string::npos)
		throw std::runtime_error("the host did not answer \"" + request + "\"");
	reply.resize(eol);
	if (!reply.empty() && reply.back() == '\r')
		reply.pop_back();
	if (reply.rfind("ok", 0) != 0)
		throw std::runtime_error("host: " + reply);
	return reply.size() > 3 ? reply.substr(3) : "";
}

std::chrono::milliseconds
EmulatedPci::unplug(const std::string &addr, std::chrono::seconds timeout)
{
	std::string took = ask_host("device_del " + addr + " " +
		std::to_string(timeout.count()), timeout);
	return std::chrono::milliseconds(std::atol(took.c_str()));
}

void
EmulatedPci::replug(const std::string &addr, std::chrono::seconds timeout)
{
	ask_host("device_add " + addr, timeout);
	auto deadline = std::chrono::steady_clock::now() + timeout;
	while (!present(addr)) {
		if (std::chrono::steady_clock::now() > deadline)
			throw std::runtime_error(addr + " did not come back in the guest");
		std::this_thread::sleep_for(50ms);
	}
}

} // namespace hotplug_mp::test
