/* SPDX-License-Identifier: BSD-3-Clause */
#include "expectations.h"

#include "environment.h"

#include <algorithm>

namespace hotplug_mp::test {

namespace {

std::string
show(const std::vector<harness::ListedPort> &l)
{
	std::string s = "[";
	for (const auto &p : l)
		s += " " + std::to_string(p.id) + ":" + p.name;
	return s + " ]";
}

} // namespace

bool
contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

int
test_timeout_ms()
{
	return has("eal-hotplug-timeout-setting") ? 1000 : 5000;
}

::testing::AssertionResult
use_test_timeout(harness::Cluster &c)
{
	if (!has("eal-hotplug-timeout-setting"))
		return ::testing::AssertionSuccess();
	std::string out = c.run(0, "hotplug-timeout " +
		std::to_string(test_timeout_ms()));
	if (!contains(out, "hotplug timeout set to"))
		return ::testing::AssertionFailure()
			<< "setting the hotplug timeout: " << out;
	return ::testing::AssertionSuccess();
}

::testing::AssertionResult
ended_cleanly(const harness::Cluster::Exit &e)
{
	if (e.status != 0)
		return ::testing::AssertionFailure() << e.label << " ended with "
			<< e.status << ":\n" << e.transcript;
	if (contains(e.transcript, "Sanitizer"))
		return ::testing::AssertionFailure() << e.label
			<< " printed a sanitizer report:\n" << e.transcript;
	return ::testing::AssertionSuccess();
}

::testing::AssertionResult
exits_cleanly(harness::PtyProcess &p, std::chrono::milliseconds timeout)
{
	int status = p.wait_exit(timeout);
	return ended_cleanly({p.name(), status, p.transcript()});
}

::testing::AssertionResult
all_list(harness::Cluster &c, const std::vector<std::string> &names)
{
	auto lists = c.lists();
	std::vector<std::string> want(names);
	std::sort(want.begin(), want.end());
	for (int i = 0; i < c.size(); i++) {
		std::vector<std::string> got;
		for (const auto &p : lists[i])
			got.push_back(p.name);
		std::sort(got.begin(), got.end());
		if (got != want || lists[i] != lists[0]) {
			auto r = ::testing::AssertionFailure();
			r << "processes disagree or miss ports; want names {";
			for (const auto &n : want)
				r << " " << n;
			r << " }\n";
			for (int j = 0; j < c.size(); j++)
				r << "  " << c.label(j) << ": " << show(lists[j]) << "\n";
			return r;
		}
	}
	return ::testing::AssertionSuccess();
}

::testing::AssertionResult
lists_unchanged(harness::Cluster &c,
	const std::vector<std::vector<harness::ListedPort>> &before)
{
	auto now = c.lists();
	if (now == before)
		return ::testing::AssertionSuccess();
	auto r = ::testing::AssertionFailure();
	r << "a list changed:\n";
	for (int i = 0; i < c.size(); i++)
		r << "  " << c.label(i) << ": before " << show(before.at(i))
		  << ", now " << show(now.at(i)) << "\n";
	return r;
}

std::string
issuer_name(int issuer)
{
	return issuer == 0 ? "FromPrimary" : "FromSecondary";
}

const Flow flows[4] = {
	{"FromPrimary", 0, 0},
	{"FromSecondary", 1, 1},
	{"AttachPrimaryDetachSecondary", 0, 2},
	{"AttachSecondaryDetachPrimary", 2, 0},
};

void
attach_detach_round(harness::Cluster &c, const Flow &flow,
	const std::string &devargs, const std::string &name)
{
	std::string out = c.run(flow.attacher, "attach " + devargs);
	EXPECT_TRUE(contains(out, "attached device " + name)) << out;
	/* the host's failure, not a driver's log (net_tap without multiq) */
	EXPECT_FALSE(contains(out, "failed to attach")) << out;
	ASSERT_TRUE(all_list(c, {name})) << "after attach";

	auto before = c.lists();
	out = c.run(flow.attacher, "attach " + devargs);
	EXPECT_TRUE(contains(out, "failed to attach device " + name))
		<< "repeated attach from " << c.label(flow.attacher)
		<< " did not fail:\n" << out;
	EXPECT_TRUE(lists_unchanged(c, before)) << "after repeated attach";

	out = c.run(flow.detacher, "detach " + name);
	EXPECT_TRUE(contains(out, "detached device " + name)) << out;
	EXPECT_FALSE(contains(out, "failed to detach")) << out;
	ASSERT_TRUE(all_list(c, {})) << "after detach";

	out = c.run(flow.detacher, "detach " + name);
	EXPECT_TRUE(contains(out, "failed to detach device " + name))
		<< "repeated detach from " << c.label(flow.detacher)
		<< " did not fail:\n" << out;
	EXPECT_TRUE(all_list(c, {})) << "after repeated detach";
}

} // namespace hotplug_mp::test
