/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the module registers with the EAL, and when: the event handler for
 * its lifetime, the detach check while it holds a lock. The two EAL calls
 * are wrapped at link time; before a test records them they go to the EAL.
 * The refusal a detach met is wrapped too: there is none.
 */
#include <cerrno>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "eal_handlers.h"
#include "eal_mock.h"

#if HOTPLUG_MP_HAVE_HANDLERS

#include <rte_dev.h>

namespace {

/* What the EAL was asked to register: a detach check, or an event handler. */
struct Registered {
	bool check;
	void *arg;
	bool operator==(const Registered &o) const { return check == o.check && arg == o.arg; }
};

struct Recorder {
	std::vector<Registered> now;
	int registers = 0, unregisters = 0;
};

Recorder *recorder;

} // namespace

extern "C" {

int __real_rte_dev_hotplug_handler_register(const struct rte_dev_hotplug_ops *ops,
	void *arg);
int __real_rte_dev_hotplug_handler_unregister(const struct rte_dev_hotplug_ops *ops,
	void *arg);

/* no process refused a detach: the unit tests' EAL has no group */
int
__wrap_rte_dev_hotplug_refusal(int *, char *, size_t)
{
	return -ENOENT;
}

int
__wrap_rte_dev_hotplug_handler_register(const struct rte_dev_hotplug_ops *ops,
	void *arg)
{
	if (recorder == nullptr)
		return __real_rte_dev_hotplug_handler_register(ops, arg);
	recorder->registers++;
	recorder->now.push_back({ops->pre_detach != nullptr, arg});
	return 0;
}

int
__wrap_rte_dev_hotplug_handler_unregister(const struct rte_dev_hotplug_ops *ops,
	void *arg)
{
	if (recorder == nullptr)
		return __real_rte_dev_hotplug_handler_unregister(ops, arg);
	recorder->unregisters++;
	Registered r{ops->pre_detach != nullptr, arg};
	for (auto it = recorder->now.begin(); it != recorder->now.end(); ++it)
		if (*it == r) {
			recorder->now.erase(it);
			return 0;
		}
	return -ENOENT;
}

} // extern "C"

namespace hotplug_mp::test {
namespace {

class EalHandlersTest : public ::testing::Test {
protected:
	void SetUp() override { recorder = &rec_; }
	void TearDown() override { recorder = nullptr; }
	Recorder rec_;
};

TEST_F(EalHandlersTest, TheDetachCheckIsRegisteredWhileALockIsHeld)
{
	EalHandlers h;
	ASSERT_EQ(rec_.now, (std::vector<Registered>{{false, &h}}));
	EXPECT_TRUE(h.lock("net_null0").ok());
	EXPECT_TRUE(h.lock("net_null1").ok());
	EXPECT_EQ(rec_.now, (std::vector<Registered>{{false, &h}, {true, &h}}));
	EXPECT_EQ(rec_.registers, 2) << "the check is registered once";
	EXPECT_EQ(h.lock("net_null1").error, -EALREADY);

	EXPECT_TRUE(h.unlock("net_null0").ok());
	EXPECT_EQ(rec_.now.size(), 2u) << "net_null1 is still locked";
	EXPECT_TRUE(h.unlock("net_null1").ok());
	EXPECT_EQ(rec_.now, (std::vector<Registered>{{false, &h}}));
	EXPECT_EQ(h.unlock("net_null1").error, -ENOENT);
}

TEST_F(EalHandlersTest, NothingStaysRegisteredOnceItIsGone)
{
	{
		EalHandlers h;
		EXPECT_TRUE(h.lock("net_null0").ok());
		EXPECT_EQ(rec_.now.size(), 2u);
	}
	EXPECT_TRUE(rec_.now.empty());
	EXPECT_EQ(rec_.unregisters, 2);
}

TEST_F(EalHandlersTest, ALockedDeviceIsRefusedWithTheLocker)
{
	::testing::NiceMock<EalMock> eal;
	ON_CALL(eal, primary()).WillByDefault(::testing::Return(false));
	EalHandlers h;
	ASSERT_TRUE(h.lock("net_null0").ok());
	std::string why;
	EXPECT_EQ(h.pre_detach("net_null1", &why), 0);
	EXPECT_EQ(h.pre_detach("net_null0", &why), -EBUSY);
	EXPECT_NE(why.find("net_null0 is locked by secondary "), std::string::npos)
		<< why;
}

} // namespace
} // namespace hotplug_mp::test

#else

TEST(EalHandlersTest, NeedsAnEalWithHotplugHandlers)
{
	GTEST_SKIP() << "this EAL has no hotplug handlers (eal-hotplug-handlers)";
}

#endif
