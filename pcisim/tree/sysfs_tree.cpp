/* SPDX-License-Identifier: BSD-3-Clause */
#include "sysfs_tree.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace hotplug_mp::pcisim {

namespace fs = std::filesystem;

namespace {

/* Six BARs, the expansion ROM and the bridge windows, as x86 sysfs shows. */
constexpr int resource_lines = 13;
/* IORESOURCE_MEM | IORESOURCE_MEM_64 | prefetch bits, as a real NIC's BAR0. */
constexpr uint64_t bar0_flags = 0x140204;
constexpr uint64_t bar0_size = 0x20000;

std::string
hex(uint64_t v, int width)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "0x%0*" PRIx64, width, v);
	return buf;
}

void
write_file(const fs::path &p, const std::string &text)
{
	std::ofstream f(p);
	f << text;
	if (!f.flush())
		throw Error("cannot write " + p.string());
}

std::string
read_file(const fs::path &p)
{
	std::ifstream f(p);
	if (!f)
		throw Error("cannot read " + p.string());
	std::ostringstream s;
	s << f.rdbuf();
	return s.str();
}

uint64_t
read_number(const fs::path &p)
{
	return std::stoull(read_file(p), nullptr, 0);
}

bool
below_sys(const fs::path &p)
{
	fs::path abs = fs::weakly_canonical(fs::absolute(p));
	auto it = abs.begin();
	return ++it != abs.end() && *it == "sys";
}

/* Replaces (or creates) a symlink atomically: a DPDK scan running meanwhile
 * sees the old driver or the new one, never none. */
void
replace_symlink(const fs::path &target, const fs::path &link)
{
	fs::path tmp = link;
	tmp += ".new." + std::to_string(getpid());
	fs::remove(tmp);
	fs::create_symlink(target, tmp);
	fs::rename(tmp, link);
}

} // namespace

std::string
canonical_pci_addr(const std::string &addr)
{
	static const std::regex full("([0-9a-fA-F]{4}):([0-9a-fA-F]{2}):"
		"([0-1][0-9a-fA-F])\\.([0-7])");
	static const std::regex bdf("([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");
	std::smatch m;
	std::string s;
	if (std::regex_match(addr, m, full))
		s = addr;
	else if (std::regex_match(addr, m, bdf) && std::stoi(m[2], nullptr, 16) < 0x20)
		s = "0000:" + addr;
	else
		throw Error("'" + addr + "' is not a PCI address "
			"(DDDD:BB:DD.F, device 00-1f, function 0-7)");
	for (char &c : s)
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	return s;
}

bool
is_dpdk_driver(const std::string &driver)
{
	return driver == "vfio-pci" || driver == "igb_uio" ||
		driver == "uio_pci_generic";
}

Tree
Tree::create(const fs::path &root)
{
	if (below_sys(root))
		throw Error("refusing to create a simulated tree below /sys: " +
			root.string());
	fs::path abs = fs::absolute(root);
	if (fs::exists(abs) && !fs::is_empty(abs) && !fs::exists(abs / "devices"))
		throw Error(abs.string() + " exists and is not an empty directory");
	fs::create_directories(abs / "devices");
	fs::create_directories(abs / "drivers");
	return Tree(abs);
}

Tree
Tree::open(const fs::path &root)
{
	if (below_sys(root))
		throw Error("refusing to use a tree below /sys: " + root.string());
	fs::path abs = fs::absolute(root);
	if (!fs::is_directory(abs / "devices") || !fs::is_directory(abs / "drivers"))
		throw Error(abs.string() + " is not a simulated PCI tree "
			"(no devices/ and drivers/; run 'create' first)");
	return Tree(abs);
}

fs::path
Tree::device_dir(const std::string &addr) const
{
	fs::path dev = devices_dir() / canonical_pci_addr(addr);
	if (!fs::is_directory(dev))
		throw Error("no device " + dev.filename().string() + " in " +
			devices_dir().string());
	return dev;
}

void
Tree::add(const DeviceSpec &spec)
{
	std::string addr = canonical_pci_addr(spec.addr);
	fs::path dev = devices_dir() / addr;
	if (fs::exists(dev))
		throw Error("device " + addr + " already exists");
	fs::create_directory(dev);
	write_file(dev / "vendor", hex(spec.vendor, 4) + "\n");
	write_file(dev / "device", hex(spec.device, 4) + "\n");
	write_file(dev / "subsystem_vendor", hex(spec.subsystem_vendor, 4) + "\n");
	write_file(dev / "subsystem_device", hex(spec.subsystem_device, 4) + "\n");
	write_file(dev / "class", hex(spec.class_id, 6) + "\n");
	write_file(dev / "numa_node", std::to_string(spec.numa_node) + "\n");
	write_file(dev / "sriov_numvfs", "0\n"); /* no VFs enabled */

	/* BAR0 at a made-up address unique to the device; never mapped. */
	uint64_t bdf = std::stoull(addr.substr(5, 2), nullptr, 16) << 8 |
		std::stoull(addr.substr(8, 2), nullptr, 16) << 3 |
		std::stoull(addr.substr(11, 1), nullptr, 16);
	uint64_t start = 0x380000000000ULL + bdf * bar0_size;
	std::string res = hex(start, 16) + " " + hex(start + bar0_size - 1, 16) +
		" " + hex(bar0_flags, 16) + "\n";
	for (int i = 1; i < resource_lines; i++)
		res += hex(0, 16) + " " + hex(0, 16) + " " + hex(0, 16) + "\n";
	write_file(dev / "resource", res);

	if (!spec.driver.empty())
		bind(addr, spec.driver);
}

void
Tree::unlink_driver(const fs::path &dev, const std::string &addr)
{
	std::error_code ec;
	fs::path old = fs::read_symlink(dev / "driver", ec);
	if (!ec)
		fs::remove(root_ / "drivers" / old.filename() / addr, ec);
}

void
Tree::bind(const std::string &addr_in, const std::string &driver)
{
	std::string addr = canonical_pci_addr(addr_in);
	fs::path dev = device_dir(addr);
	if (driver.empty() || driver.find('/') != std::string::npos ||
	    driver == "." || driver == "..")
		throw Error("'" + driver + "' is not a driver name");
	unlink_driver(dev, addr);
	fs::path drv = root_ / "drivers" / driver;
	fs::create_directories(drv);
	/* relative links, as sysfs has, so the tree can be moved */
	replace_symlink(fs::path("../../drivers") / driver, dev / "driver");
	replace_symlink(fs::path("../../devices") / addr, drv / addr);
}

void
Tree::unbind(const std::string &addr_in)
{
	std::string addr = canonical_pci_addr(addr_in);
	fs::path dev = device_dir(addr);
	unlink_driver(dev, addr);
	fs::remove(dev / "driver");
}

void
Tree::remove(const std::string &addr_in)
{
	std::string addr = canonical_pci_addr(addr_in);
	fs::path dev = device_dir(addr);
	unlink_driver(dev, addr);
	fs::remove_all(dev);
}

DeviceState
Tree::device(const std::string &addr_in) const
{
	std::string addr = canonical_pci_addr(addr_in);
	fs::path dev = device_dir(addr);
	DeviceState st;
	st.addr = addr;
	st.vendor = static_cast<uint16_t>(read_number(dev / "vendor"));
	st.device = static_cast<uint16_t>(read_number(dev / "device"));
	st.class_id = static_cast<uint32_t>(read_number(dev / "class"));
	std::error_code ec;
	fs::path drv = fs::read_symlink(dev / "driver", ec);
	st.driver = ec ? "" : drv.filename().string();
	return st;
}

std::vector<DeviceState>
Tree::devices() const
{
	std::vector<std::string> addrs;
	for (const auto &e : fs::directory_iterator(devices_dir()))
		addrs.push_back(e.path().filename().string());
	std::sort(addrs.begin(), addrs.end());
	std::vector<DeviceState> all;
	for (const auto &a : addrs)
		all.push_back(device(a));
	return all;
}

} // namespace hotplug_mp::pcisim
