/* SPDX-License-Identifier: BSD-3-Clause */
/* The simulated sysfs PCI tree: the files DPDK's PCI scan reads. */
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "sysfs_tree.h"

namespace hotplug_mp::pcisim {
namespace {

namespace fs = std::filesystem;

std::string
slurp(const fs::path &p)
{
	std::ifstream f(p);
	std::ostringstream s;
	s << f.rdbuf();
	return s.str();
}

class TreeTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		std::string tmpl = (fs::temp_directory_path() / "pcisim_XXXXXX").string();
		ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
		dir_ = tmpl;
	}
	void TearDown() override { fs::remove_all(dir_); }

	fs::path dir_;
};

TEST(PciAddr, CanonicalForms)
{
	EXPECT_EQ(canonical_pci_addr("0000:81:00.0"), "0000:81:00.0");
	EXPECT_EQ(canonical_pci_addr("81:1F.7"), "0000:81:1f.7");
	EXPECT_EQ(canonical_pci_addr("000A:00:03.1"), "000a:00:03.1");
	for (const char *bad : {"", "81:00", "0000:81:20.0", "0000:81:00.8",
			"zz:00.0", "0000:81:00.0 ", "net_null0"})
		EXPECT_THROW(canonical_pci_addr(bad), Error) << "'" << bad << "'";
}

TEST_F(TreeTest, AddWritesWhatDpdkScans)
{
	Tree t = Tree::create(dir_ / "t");
	t.add({.addr = "81:00.0", .numa_node = 0});
	fs::path d = t.devices_dir() / "0000:81:00.0";
	EXPECT_EQ(slurp(d / "vendor"), "0x1b36\n");
	EXPECT_EQ(slurp(d / "device"), "0xd5d0\n");
	EXPECT_EQ(slurp(d / "subsystem_vendor"), "0x1b36\n");
	EXPECT_EQ(slurp(d / "subsystem_device"), "0x0000\n");
	EXPECT_EQ(slurp(d / "class"), "0x020000\n");
	EXPECT_EQ(slurp(d / "numa_node"), "0\n");
	EXPECT_EQ(slurp(d / "sriov_numvfs"), "0\n");

	/* DPDK needs six parsable lines; BAR0 is memory (flag 0x200) */
	std::istringstream res(slurp(d / "resource"));
	std::string line;
	int lines = 0;
	while (std::getline(res, line)) {
		unsigned long long start, end, flags;
		ASSERT_EQ(sscanf(line.c_str(), "%llx %llx %llx", &start, &end, &flags), 3)
			<< line;
		if (lines++ == 0) {
			EXPECT_TRUE(flags & 0x200) << line;
			EXPECT_GT(end, start);
		}
	}
	EXPECT_GE(lines, 6);

	EXPECT_EQ(fs::read_symlink(d / "driver"), "../../drivers/simnic");
	EXPECT_TRUE(fs::is_symlink(t.root() / "drivers/simnic/0000:81:00.0"));
	EXPECT_THROW(t.add({.addr = "0000:81:00.0"}), Error) << "added twice";
}

TEST_F(TreeTest, BindUnbindRemove)
{
	Tree t = Tree::create(dir_ / "t");
	t.add({.addr = "0000:81:00.0"});
	t.add({.addr = "0000:81:00.1", .driver = ""});
	EXPECT_EQ(t.device("81:00.1").driver, "");

	t.bind("0000:81:00.0", "vfio-pci");
	EXPECT_EQ(t.device("0000:81:00.0").driver, "vfio-pci");
	EXPECT_FALSE(fs::exists(t.root() / "drivers/simnic/0000:81:00.0"))
		<< "the old driver still lists the device";
	EXPECT_TRUE(fs::is_symlink(t.root() / "drivers/vfio-pci/0000:81:00.0"));

	t.bind("0000:81:00.0", "simnic");
	t.unbind("0000:81:00.0");
	EXPECT_FALSE(fs::is_symlink(t.devices_dir() / "0000:81:00.0/driver"));
	EXPECT_FALSE(fs::exists(t.root() / "drivers/simnic/0000:81:00.0"));

	t.remove("0000:81:00.1");
	auto all = t.devices();
	ASSERT_EQ(all.size(), 1u);
	EXPECT_EQ(all[0].addr, "0000:81:00.0");

	EXPECT_THROW(t.bind("0000:82:00.0", "vfio-pci"), Error) << "no such device";
	EXPECT_THROW(t.bind("0000:81:00.0", "../x"), Error) << "bad driver name";
}

TEST_F(TreeTest, OpenTakesOnlyATree)
{
	EXPECT_THROW(Tree::open(dir_), Error);
	Tree::create(dir_ / "t").add({.addr = "0000:81:00.0", .driver = "igb_uio"});
	Tree t = Tree::open(dir_ / "t");
	EXPECT_EQ(t.devices(), (std::vector<DeviceState>{
		{"0000:81:00.0", 0x1b36, 0xd5d0, 0x020000, "igb_uio"}}));
}

TEST(TreeSafety, NeverBelowSys)
{
	EXPECT_THROW(Tree::create("/sys/bus/pci"), Error);
	EXPECT_THROW(Tree::open("/sys/bus/pci"), Error);
	EXPECT_THROW(Tree::open("/sys/../sys/bus/pci"), Error);
}

TEST(DpdkDrivers, OnlyThoseDpdkMaps)
{
	EXPECT_TRUE(is_dpdk_driver("vfio-pci"));
	EXPECT_TRUE(is_dpdk_driver("igb_uio"));
	EXPECT_TRUE(is_dpdk_driver("uio_pci_generic"));
	EXPECT_FALSE(is_dpdk_driver("simnic"));
	EXPECT_FALSE(is_dpdk_driver(""));
}

} // namespace
} // namespace hotplug_mp::pcisim
