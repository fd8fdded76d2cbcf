/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Module with a Hotplug injected: what its commands ask of hotplug,
 * and how the events the EAL reports reach the console, through the real
 * cmdline parser and the module's own command table.
 */
#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <cmdline.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands.h"
#include "module.h"

using ::testing::_;
using ::testing::DoAll;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::SaveArg;

namespace hotplug_mp::test {
namespace {

class MockHotplug : public Hotplug {
public:
	MOCK_METHOD(Result, attach, (const std::string &), (override));
	MOCK_METHOD(Result, detach, (const std::string &), (override));
	MOCK_METHOD(std::vector<Port>, ports, (), (const, override));
	MOCK_METHOD(std::string, role, (), (const, override));
	MOCK_METHOD(Result, timeout, (unsigned int *), (const, override));
	MOCK_METHOD(Result, set_timeout, (unsigned int), (override));
	MOCK_METHOD(Result, lock, (const std::string &), (override));
	MOCK_METHOD(Result, unlock, (const std::string &), (override));
	MOCK_METHOD(Result, watch, (std::function<void(const Event &)>), (override));
	MOCK_METHOD(Result, watch_removals,
		(std::function<void(const std::string &)>), (override));
	MOCK_METHOD(Result, start_removals, (), (override));
};

class ModuleTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		auto h = std::make_unique<NiceMock<MockHotplug>>();
		hotplug_ = h.get();
		EXPECT_CALL(*hotplug_, watch(_))
			.WillOnce(DoAll(SaveArg<0>(&on_event_), Return(Result{})));
		EXPECT_CALL(*hotplug_, watch_removals(_))
			.WillRepeatedly(DoAll(SaveArg<0>(&on_removal_),
				Return(Result{})));
		module_ = std::make_unique<Module>(std::move(h));
		installed_ = std::make_unique<Module::Installed>(*module_);

		struct testpmd_driver_commands *t = hotplug_mp_commands();
		for (unsigned int i = 0; t->commands[i].ctx != nullptr; i++)
			ctx_.push_back(t->commands[i].ctx);
		ctx_.push_back(nullptr);
		cl_.reset(cmdline_new(ctx_.data(), "> ", -1, -1));
		ASSERT_NE(cl_, nullptr);
	}

	std::string run(const std::string &line)
	{
		::testing::internal::CaptureStdout();
		cmdline_parse(cl_.get(), (line + "\n").c_str());
		return ::testing::internal::GetCapturedStdout();
	}

	MockHotplug *hotplug_ = nullptr;
	std::function<void(const Event &)> on_event_;
	std::function<void(const std::string &)> on_removal_;
	std::unique_ptr<Module> module_;
	std::unique_ptr<Module::Installed> installed_;
	std::vector<cmdline_parse_inst_t *> ctx_;
	std::unique_ptr<struct cmdline, decltype(&cmdline_free)> cl_{nullptr, cmdline_free};
};

TEST_F(ModuleTest, LockAndUnlockGoToTheHotplugOfTheModule)
{
	Result ok;
	ok.device = "net_null0";
	EXPECT_CALL(*hotplug_, lock("net_null0")).WillOnce(Return(ok));
	EXPECT_EQ(run("lock net_null0"), "locked device net_null0\n");
	EXPECT_CALL(*hotplug_, unlock("net_null0")).WillOnce(Return(ok));
	EXPECT_EQ(run("unlock net_null0"), "unlocked device net_null0\n");
	EXPECT_EQ(module_->console().failed(), 0u);
}

TEST_F(ModuleTest, AnUnknownDeviceIsNotLockedAndTheCommandFails)
{
	Result r;
	r.device = "net_null9";
	r.error = -ENODEV;
	r.reason = "this process has no such device, so no process has it: "
		"nothing to lock";
	EXPECT_CALL(*hotplug_, lock("net_null9")).WillOnce(Return(r));
	EXPECT_EQ(run("lock net_null9"), "failed to lock device net_null9: ENODEV "
		"(No such device): this process has no such device, so no process "
		"has it: nothing to lock\n");
	EXPECT_EQ(module_->console().failed(), 1u);
}

/* What an EAL thread reports waits until a command has printed its own. */
TEST_F(ModuleTest, EventsOfOtherProcessesComeAfterTheNextCommand)
{
	ASSERT_TRUE(on_event_);
	on_event_(Event{Event::attached, "net_null0", getpid() + 1, true});
	/* its own requests are no news to a process */
	on_event_(Event{Event::attached, "net_null1", getpid(), false});
	EXPECT_CALL(*hotplug_, ports()).WillOnce(Return(std::vector<Port>{}));
	std::string requester = std::to_string(getpid() + 1);
	EXPECT_EQ(run("list"), "list all etherdev\n"
		"device net_null0 attached (requested by primary " + requester + ")\n");

	EXPECT_EQ(run("events off"), "event lines off\n");
	on_event_(Event{Event::detached, "net_null0", getpid() + 1, true});
	EXPECT_CALL(*hotplug_, ports()).WillOnce(Return(std::vector<Port>{}));
	EXPECT_EQ(run("list"), "list all etherdev\n");
	EXPECT_EQ(run("events on"), "event lines on\n");
}

/*
 * A device the machine takes away: the EAL says so in its interrupt
 * thread, which the module leaves at once; its remover thread detaches
 * the device, and the line saying so waits for the console.
 */
TEST_F(ModuleTest, ARemovedDeviceIsDetachedInAThreadOfItsOwn)
{
	ASSERT_TRUE(on_removal_);
	std::promise<std::thread::id> detached;
	Result ok;
	ok.device = "0000:01:00.0";
	EXPECT_CALL(*hotplug_, detach("0000:01:00.0"))
		.WillOnce(DoAll(::testing::InvokeWithoutArgs([&] {
			detached.set_value(std::this_thread::get_id());
		}), Return(ok)));
	on_removal_("0000:01:00.0");
	auto f = detached.get_future();
	ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
	EXPECT_NE(f.get(), std::this_thread::get_id());

	std::vector<std::string> lines;
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
	while (lines.empty() && std::chrono::steady_clock::now() < deadline) {
		lines = module_->console().take();
		std::this_thread::yield();
	}
	EXPECT_EQ(lines, std::vector<std::string>{"device 0000:01:00.0 was removed "
		"from the machine: detached from every process"});
}

TEST_F(ModuleTest, AnExceptionInAHandlerIsAFailedCommand)
{
	EXPECT_CALL(*hotplug_, attach("net_null0"))
		.WillOnce(::testing::Throw(std::runtime_error("boom")));
	EXPECT_EQ(run("attach net_null0"), "internal error: boom\n");
	EXPECT_EQ(module_->console().failed(), 1u);
}

} // namespace
} // namespace hotplug_mp::test
