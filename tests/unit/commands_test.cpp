/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command module through DPDK's real cmdline parser, with the EAL calls
 * mocked at link time (eal_mock.h): what each command line calls, what it
 * prints, and how failures are counted.
 */
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <cmdline.h>
#include <cmdline_parse_string.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands.h"
#include "eal_mock.h"
#include "module.h"

using ::testing::_;
using ::testing::DoAll;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::SetArgPointee;
using ::testing::StrictMock;

namespace {
struct testpmd_driver_commands *registered;
}

/* The module registers itself from a constructor, before main(). */
extern "C" void
testpmd_add_driver_commands(struct testpmd_driver_commands *c)
{
	registered = c;
}

namespace hotplug_mp::test {
namespace {

class Commands : public ::testing::Test {
protected:
	void SetUp() override
	{
		for (unsigned int i = 0; registered->commands[i].ctx != nullptr; i++)
			ctx_.push_back(registered->commands[i].ctx);
		ctx_.push_back(nullptr);
		cl_.reset(cmdline_new(ctx_.data(), "> ", -1, -1));
		ASSERT_NE(cl_, nullptr);
		ON_CALL(eal_, primary()).WillByDefault(Return(true));
		ON_CALL(eal_, primary_alive()).WillByDefault(Return(true));
	}

	/* Parses and runs one line; returns what it printed. */
	std::string run(const std::string &line, int *parse_ret = nullptr)
	{
		::testing::internal::CaptureStdout();
		int ret = cmdline_parse(cl_.get(), (line + "\n").c_str());
		std::string out = ::testing::internal::GetCapturedStdout();
		if (parse_ret != nullptr)
			*parse_ret = ret;
		return out;
	}

	void parses_as(const std::string &devargs, const std::string &name)
	{
		EXPECT_CALL(eal_, devargs_parse(devargs, _))
			.WillOnce(DoAll(SetArgPointee<1>(name), Return(0)));
	}

	NiceMock<EalMock> eal_;
	std::vector<cmdline_parse_inst_t *> ctx_;
	std::unique_ptr<struct cmdline, decltype(&cmdline_free)> cl_{nullptr, cmdline_free};
};

TEST_F(Commands, RegisteredThroughTheTestpmdAbi)
{
	ASSERT_EQ(registered, hotplug_mp_commands());
	std::vector<std::string> help;
	for (unsigned int i = 0; registered->commands[i].ctx != nullptr; i++)
		help.emplace_back(registered->commands[i].help);
	ASSERT_EQ(help.size(), 8u);
	EXPECT_THAT(help[0], ::testing::StartsWith("attach <devargs>"));
	EXPECT_THAT(help[1], ::testing::StartsWith("detach <devargs>"));
	EXPECT_THAT(help[2], ::testing::StartsWith("list"));
	EXPECT_THAT(help[3], ::testing::StartsWith("lock <device>"));
	EXPECT_THAT(help[4], ::testing::StartsWith("unlock <device>"));
	EXPECT_THAT(help[5], ::testing::StartsWith("events on|off"));
	EXPECT_THAT(help[6], ::testing::StartsWith("hotplug-timeout\n"));
	EXPECT_THAT(help[7], ::testing::StartsWith("hotplug-timeout <ms>"));
}

/* the words of text, one space apart: its wrapping left out */
static std::string
words(const std::string &text)
{
	std::string out;

	for (char c : text) {
		if (c == '\n' || c == ' ') {
			if (!out.empty() && out.back() != ' ')
				out += ' ';
			continue;
		}
		out += c;
	}
	if (!out.empty() && out.back() == ' ')
		out.pop_back();
	return out;
}

TEST_F(Commands, CompletionAndHelpSayTheSame)
{
	for (unsigned int i = 0; registered->commands[i].ctx != nullptr; i++) {
		cmdline_parse_inst_t *inst = registered->commands[i].ctx;
		std::string line = inst->help_str;
		std::string text = registered->commands[i].help;
		std::string usage = text.substr(0, text.find('\n'));
		auto *keyword = reinterpret_cast<cmdline_parse_token_string_t *>(
			inst->tokens[0]);

		/* the usage starts with the command's keyword */
		EXPECT_EQ(usage.substr(0, usage.find(' ')),
			keyword->string_data.str) << usage;
		ASSERT_EQ(line.compare(0, usage.size() + 2, usage + ": "), 0) << line;
		EXPECT_EQ(usage + " " + words(line.substr(usage.size() + 2)),
			words(text)) << line;
		EXPECT_EQ(line.find('\n'), std::string::npos) << line;
	}
}

TEST_F(Commands, AttachProbesTheDevargsAsTyped)
{
	parses_as("net_af_packet0,iface=veth0", "net_af_packet0");
	EXPECT_CALL(eal_, dev_probe("net_af_packet0,iface=veth0")).WillOnce(Return(0));
	unsigned int failed = hotplug_mp::Module::instance().console().failed();

	EXPECT_EQ(run("attach net_af_packet0,iface=veth0"),
		"attached device net_af_packet0\n");
	EXPECT_EQ(hotplug_mp::Module::instance().console().failed(), failed);
}

TEST_F(Commands, RepeatedAttachIsReportedAndCounted)
{
	parses_as("net_null0", "net_null0");
	EXPECT_CALL(eal_, dev_probe("net_null0")).WillOnce(Return(-EEXIST));
	unsigned int failed = hotplug_mp::Module::instance().console().failed();

	EXPECT_EQ(run("attach net_null0"),
		"failed to attach device net_null0: EEXIST (File exists): "
		"the device is already attached\n");
	EXPECT_EQ(hotplug_mp::Module::instance().console().failed(), failed + 1);
}

TEST_F(Commands, UnparsableDevargsNeverReachTheEal)
{
	EXPECT_CALL(eal_, devargs_parse("net_nosuch0", _)).WillOnce(Return(-EFAULT));
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);

	std::string out = run("attach net_nosuch0");
	EXPECT_THAT(out, ::testing::HasSubstr("failed to attach device net_nosuch0: EFAULT"));
	EXPECT_THAT(out, ::testing::HasSubstr("no bus recognises"));
}

TEST_F(Commands, DevargsTooLongForTheMultiProcessChannelAreRefused)
{
	std::string devargs = "net_null0,x=" + std::string(200, 'a');
	EXPECT_CALL(eal_, devargs_parse(_, _)).Times(0);
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);

	EXPECT_THAT(run("attach " + devargs), ::testing::HasSubstr("ENAMETOOLONG"));
}

/* found by the devargs fuzz target: "bus=vdev,n0ame=x/class=eth" parses */
TEST_F(Commands, DevargsThatNameNoDeviceNeverReachTheEal)
{
	parses_as("bus=vdev,nam=net_null2/class=eth", "");
	parses_as("bus=vdev,nam=net_null3/class=eth", "");
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);
	EXPECT_CALL(eal_, hotplug_remove(_, _)).Times(0);

	EXPECT_EQ(run("attach bus=vdev,nam=net_null2/class=eth"),
		"failed to attach device bus=vdev,nam=net_null2/class=eth: EINVAL "
		"(Invalid argument): the devargs name no device\n");
	EXPECT_THAT(run("detach bus=vdev,nam=net_null3/class=eth"),
		::testing::HasSubstr("the devargs name no device"));
}

/* rte_devargs_parse() crashes on them (found by the devargs fuzz target) */
TEST_F(Commands, LayerKeysWithoutValueNeverReachTheParser)
{
	EXPECT_CALL(eal_, devargs_parse(_, _)).Times(0);
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);
	EXPECT_CALL(eal_, hotplug_remove(_, _)).Times(0);

	for (const char *line : {"attach bus", "attach class,name=x",
			"detach bus/class=eth", "attach ,bus", "attach ,,class"})
		EXPECT_THAT(run(line), ::testing::HasSubstr("malformed devargs"))
			<< line;
	EXPECT_THAT(run("lock class"), ::testing::HasSubstr("no such device"));
}

TEST_F(Commands, ASecondaryWithoutItsPrimarySaysSo)
{
	ON_CALL(eal_, primary()).WillByDefault(Return(false));
	ON_CALL(eal_, primary_alive()).WillByDefault(Return(false));
	parses_as("net_null0", "net_null0");
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);

	EXPECT_EQ(run("attach net_null0"),
		"failed to attach device net_null0: ENOTCONN (Transport endpoint "
		"is not connected): the primary process is gone: no process can "
		"attach or detach until a primary runs again\n");
}

TEST_F(Commands, APrimaryDyingDuringTheRequestIsNamed)
{
	ON_CALL(eal_, primary()).WillByDefault(Return(false));
	EXPECT_CALL(eal_, primary_alive()).WillOnce(Return(true))
		.WillRepeatedly(Return(false));
	parses_as("net_null0", "net_null0");
	EXPECT_CALL(eal_, dev_probe("net_null0")).WillOnce(Return(-ETIMEDOUT));

	EXPECT_THAT(run("attach net_null0"), ::testing::HasSubstr(
		"ETIMEDOUT (Connection timed out): the primary process is gone"));
}

TEST_F(Commands, DetachRemovesByBusAndName)
{
	parses_as("net_ring0", "net_ring0");
	EXPECT_CALL(eal_, hotplug_remove("vdev", "net_ring0")).WillOnce(Return(0));

	EXPECT_EQ(run("detach net_ring0"), "detached device net_ring0\n");
}

TEST_F(Commands, DetachOfAnUnknownDeviceSaysItIsNotAttached)
{
	parses_as("net_ring7", "net_ring7");
	EXPECT_CALL(eal_, hotplug_remove("vdev", "net_ring7")).WillOnce(Return(-EINVAL));

	EXPECT_EQ(run("detach net_ring7"),
		"failed to detach device net_ring7: EINVAL (Invalid argument): "
		"the device is not attached\n");
}

TEST_F(Commands, PciAttachSaysWhatTheDeviceLacks)
{
	eal_.bus = "pci";
	parses_as("0000:81:00.0", "0000:81:00.0");
	parses_as("0000:81:00.1", "0000:81:00.1");
	EXPECT_CALL(eal_, dev_probe("0000:81:00.0")).WillOnce(Return(-ENOTSUP));
	EXPECT_CALL(eal_, dev_probe("0000:81:00.1")).WillOnce(Return(-ENODEV));

	EXPECT_EQ(run("attach 0000:81:00.0"),
		"failed to attach device 0000:81:00.0: EOPNOTSUPP (Operation not "
		"supported): no driver takes it: is it bound to vfio-pci, "
		"igb_uio or uio_pci_generic?\n");
	EXPECT_EQ(run("attach 0000:81:00.1"),
		"failed to attach device 0000:81:00.1: ENODEV (No such device): "
		"no such device on the PCI bus (no such address, or bound to no "
		"driver)\n");
}

TEST_F(Commands, ListPrintsEveryPort)
{
	eal_.ports = {{0, "net_null0"}, {2, "0000:00:1f.0"}};

	EXPECT_EQ(run("list"), "list all etherdev\n0\tnet_null0\n2\t0000:00:1f.0\n");
}

/*
 * A secondary still holds a port whose data the primary cleared (a
 * rollback it has not done yet): ethdev gives the port with no name, and
 * so must list, or processes that disagree would look alike.
 */
TEST_F(Commands, ListShowsAPortThePrimaryAlreadyCleared)
{
	eal_.ports = {{0, ""}, {1, "net_null1"}};
	EXPECT_EQ(run("list"), "list all etherdev\n0\t\n1\tnet_null1\n");
}

/*
 * A port released in another thread (the remover; the interrupt thread,
 * for another process's request) while "list" reads the ports waits until
 * the listing is over: ethdev clears the port's data only after its DESTROY
 * callbacks. Listed no more from then on, until its id is given out again.
 */
TEST_F(Commands, ListHoldsOffAPortRelease)
{
	eal_.ports = {{0, "net_null0"}, {1, "net_null1"}};
	run("list");
	ASSERT_EQ(eth_callbacks().count(RTE_ETH_EVENT_DESTROY), 1u)
		<< "list does not hear of a port's release";
	ASSERT_EQ(eth_callbacks().count(RTE_ETH_EVENT_NEW), 1u);
	auto destroy = eth_callbacks()[RTE_ETH_EVENT_DESTROY];
	auto add = eth_callbacks()[RTE_ETH_EVENT_NEW];

	std::mutex m;
	std::condition_variable cv;
	bool released = false;
	bool released_while_listing = false;
	std::thread releaser;
	eal_.on_name_lookup = [&](uint16_t id) {
		if (id != 0 || releaser.joinable())
			return;
		releaser = std::thread([&] {
			destroy.first(1, RTE_ETH_EVENT_DESTROY, destroy.second,
				nullptr);
			std::lock_guard<std::mutex> g(m);
			released = true;
			cv.notify_all();
		});
		/* the release must not get through while the ports are read */
		std::unique_lock<std::mutex> l(m);
		released_while_listing = cv.wait_for(l,
			std::chrono::milliseconds(200), [&] { return released; });
	};
	std::string during = run("list");
	releaser.join();
	eal_.on_name_lookup = nullptr;
	EXPECT_FALSE(released_while_listing)
		<< "port 1 was released while list read the ports";
	EXPECT_EQ(during, "list all etherdev\n0\tnet_null0\n1\tnet_null1\n");

	/* ethdev still shows it here: list skips a port being released */
	EXPECT_EQ(run("list"), "list all etherdev\n0\tnet_null0\n");
	add.first(1, RTE_ETH_EVENT_NEW, add.second, nullptr);
	EXPECT_EQ(run("list"), "list all etherdev\n0\tnet_null0\n1\tnet_null1\n");
}

/*
 * A secondary's release leaves the port's data where it was: list there
 * needs no callback, which would take shared memory from a secondary.
 */
TEST_F(Commands, ListInASecondaryRegistersNoCallback)
{
	ON_CALL(eal_, primary()).WillByDefault(Return(false));
	eth_callbacks().clear();
	eal_.ports = {{0, "net_null0"}};
	EXPECT_EQ(run("list"), "list all etherdev\n0\tnet_null0\n");
	EXPECT_TRUE(eth_callbacks().empty())
		<< "a secondary registered ethdev callbacks";
}

TEST_F(Commands, NoExceptionLeavesAHandler)
{
	parses_as("net_null0", "net_null0");
	EXPECT_CALL(eal_, dev_probe(_)).WillOnce(::testing::Throw(std::runtime_error("boom")));
	unsigned int failed = hotplug_mp::Module::instance().console().failed();

	EXPECT_EQ(run("attach net_null0"), "internal error: boom\n");
	EXPECT_EQ(hotplug_mp::Module::instance().console().failed(), failed + 1);
}

TEST_F(Commands, HotplugTimeoutIsShownAndSet)
{
	EXPECT_CALL(eal_, timeout_get()).WillOnce(Return(5000u));
	EXPECT_CALL(eal_, timeout_set(1500u)).WillOnce(Return(0));
	unsigned int failed = hotplug_mp::Module::instance().console().failed();

	EXPECT_EQ(run("hotplug-timeout"), "hotplug timeout: 5000 ms\n");
	EXPECT_EQ(run("hotplug-timeout 1500"), "hotplug timeout set to 1500 ms\n");
	EXPECT_EQ(hotplug_mp::Module::instance().console().failed(), failed);
}

TEST_F(Commands, HotplugTimeoutRefusalsNameTheCause)
{
	EXPECT_CALL(eal_, timeout_set(_)).WillOnce(Return(-EPERM))
		.WillOnce(Return(-EINVAL));
	unsigned int failed = hotplug_mp::Module::instance().console().failed();

	EXPECT_EQ(run("hotplug-timeout 10"), "failed to set the hotplug timeout: "
		"EPERM (Operation not permitted): only the primary process can set it\n");
	EXPECT_EQ(run("hotplug-timeout 0"), "failed to set the hotplug timeout: "
		"EINVAL (Invalid argument): out of range (1 to 3600000 ms)\n");
	EXPECT_EQ(hotplug_mp::Module::instance().console().failed(), failed + 2);

	int ret = 0;
	run("hotplug-timeout soon", &ret);
	EXPECT_NE(ret, CMDLINE_PARSE_SUCCESS);
}

TEST_F(Commands, MissingDevargsDoNotParse)
{
	int ret = 0;
	EXPECT_CALL(eal_, dev_probe(_)).Times(0);
	run("attach", &ret);
	EXPECT_NE(ret, CMDLINE_PARSE_SUCCESS);
}

} // namespace
} // namespace hotplug_mp::test
