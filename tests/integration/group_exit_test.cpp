/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a group of processes leaves once every one of them has exited:
 * nothing, whoever was killed and whoever exits last (change
 * eal-cleanup-exited-files). Stock DPDK leaves the primary's
 * configuration and memory list files after every exit, and a killed
 * process's sockets, memseg list copy and hugepages.
 */
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

namespace fs = std::filesystem;

/* The prefix's hugepage files and runtime directory entries. */
std::vector<std::string>
left_by(const std::string &prefix)
{
	std::vector<std::string> left;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator("/dev/hugepages", ec))
		if (e.path().filename().string().starts_with(prefix + "map_"))
			left.push_back(e.path().string());
	const fs::path run = fs::path("/var/run/dpdk") / prefix;
	for (const auto &e : fs::directory_iterator(run, ec))
		left.push_back(e.path().string());
	if (fs::exists(run))
		left.push_back(run.string() + "/");
	return left;
}

/* Ends process i with quit; it must exit with status 0. */
void
quit(harness::Cluster &c, int i)
{
	c.proc(i).send_line("quit");
	EXPECT_TRUE(exits_cleanly(c.proc(i), std::chrono::seconds(20))) << c.label(i);
}

const std::vector<std::string> nothing;

TEST(GroupExit, NothingLeftAfterAQuietGroup)
{
	harness::Cluster c(cluster_options(2));
	for (const auto &e : c.stop_processes())
		EXPECT_TRUE(ended_cleanly(e));
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, NothingLeftAfterAKilledSecondary)
{
	harness::Cluster c(cluster_options(2));
	/* the secondary allocates from the shared heap for its device */
	std::string out = c.run(2, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	c.proc(2).signal(SIGKILL);
	EXPECT_NE(c.proc(2).wait_exit(std::chrono::seconds(5)), 0);
	for (const auto &e : c.stop_processes())
		EXPECT_TRUE(ended_cleanly(e));
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, ASecondaryThatOutlivesThePrimaryCleansUp)
{
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	quit(c, 0);
	/* the secondaries still use them */
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 1);
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 2);
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

TEST(GroupExit, NothingLeftAfterAKilledPrimary)
{
	harness::Cluster c(cluster_options(2));
	std::string out = c.run(1, "attach net_null0");
	ASSERT_TRUE(contains(out, "attached device net_null0")) << out;
	c.proc(0).signal(SIGKILL);
	EXPECT_NE(c.proc(0).wait_exit(std::chrono::seconds(5)), 0);
	quit(c, 2);
	EXPECT_NE(left_by(c.prefix()), nothing);
	quit(c, 1);
	EXPECT_EQ(left_by(c.prefix()), nothing);
}

/*
 * The clean-up at exit must not get in the way of processes of the same
 * prefix, or of others, nor remove what is not DPDK's. These pass on stock
 * DPDK, which cleans nothing at exit; the first version of
 * eal-cleanup-exited-files failed them.
 */
using namespace std::chrono_literals;

/*
 * A flock() on a directory, held until the end of the scope (and not by
 * the processes started meanwhile: the descriptor is not inherited).
 */
class FlockHold {
public:
	FlockHold(const std::string &dir, int op)
		: fd_(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
	{
		if (fd_ < 0 || flock(fd_, op) != 0)
			throw std::runtime_error("cannot lock " + dir);
	}
	~FlockHold() { release(); }
	FlockHold(const FlockHold &) = delete;
	FlockHold &operator=(const FlockHold &) = delete;
	void release()
	{
		if (fd_ >= 0)
			close(fd_);
		fd_ = -1;
	}

private:
	int fd_;
};

/* Polls pred every 10 ms until it holds or timeout passes. */
bool
wait_until(const std::function<bool()> &pred, std::chrono::milliseconds timeout)
{
	auto end = std::chrono::steady_clock::now() + timeout;
	while (!pred()) {
		if (std::chrono::steady_clock::now() > end)
			return false;
		std::this_thread::sleep_for(10ms);
	}
	return true;
}

/* Whether process pid waits for a flock() (a "->" line of /proc/locks). */
bool
waits_for_flock(pid_t pid)
{
	std::ifstream in("/proc/locks");
	std::string line;
	while (std::getline(in, line)) {
		std::istringstream f(line);
		std::string id, arrow, kind, mode, type, owner;
		if (f >> id >> arrow >> kind >> mode >> type >> owner &&
				arrow == "->" && kind == "FLOCK" &&
				owner == std::to_string(pid))
			return true;
	}
	return false;
}

/* The process holding the write lock of the prefix's configuration, or 0. */
pid_t
config_lock_owner(const std::string &prefix)
{
	const std::string path = "/var/run/dpdk/" + prefix + "/config";
	int fd = open(path.c_str(), O_RDONLY);
	if (fd < 0)
		return 0;
	struct flock l = {};
	l.l_type = F_WRLCK;
	l.l_whence = SEEK_SET;
	int ret = fcntl(fd, F_GETLK, &l);
	close(fd);
	return ret == 0 && l.l_type != F_UNLCK ? l.l_pid : 0;
}

/*
 * A primary of another prefix holds the hugepage directory's lock through
 * its memory initialization. The last secondary of a group exiting
 * meanwhile must not wait for it: it leaves its hugepage files to the next
 * primary. (A primary frees its hugepages at exit under the same lock, and
 * waits for it there, on stock DPDK as well.)
 */
TEST(ExitCleanUp, TheLastSecondaryDoesNotWaitForAnotherPrefixsHugepageLock)
{
	harness::Cluster c(cluster_options(1));
	quit(c, 0);
	FlockHold other_prefix("/dev/hugepages", LOCK_EX);
	c.proc(1).send_line("quit");
	EXPECT_TRUE(exits_cleanly(c.proc(1), 3s))
		<< c.label(1) << " waited for the hugepage directory's lock";
}

/* Whether process pid has the file path open (removed or not). */
bool
has_open(pid_t pid, const std::string &path)
{
	std::error_code ec;
	/* /var/run is a link to /run: compare the paths the kernel gives */
	const std::string real = fs::weakly_canonical(path, ec).string();
	const fs::path fds = fs::path("/proc") / std::to_string(pid) / "fd";
	for (const auto &e : fs::directory_iterator(fds, ec)) {
		std::error_code rec;
		if (fs::read_symlink(e.path(), rec).string().starts_with(real))
			return true;
	}
	return false;
}

/*
 * A primary of the prefix started while the last secondary cleans up
 * (here held up by a lock on the runtime directory, which a request of a
 * primary holds shared while it goes round) waits for the clean-up: it
 * would otherwise create its memseg list files while they are being
 * removed. Then it starts, and with --proc-type=auto it does not take
 * itself for a secondary of a primary that is gone.
 */
class StartDuringCleanUp : public ::testing::TestWithParam<const char *> {};

TEST_P(StartDuringCleanUp, ANewPrimaryWaitsThenStarts)
{
	harness::ClusterOptions o = cluster_options(1);
	harness::Cluster c(o);
	quit(c, 0);
	const std::string run_dir = "/var/run/dpdk/" + c.prefix();
	FlockHold request(run_dir, LOCK_SH);
	c.proc(1).send_line("quit");
	const pid_t secondary = c.proc(1).pid();
	/* stock DPDK cleans nothing at exit: the secondary is gone then */
	ASSERT_TRUE(wait_until([&] {
		return waits_for_flock(secondary) || !c.proc(1).running();
	}, 10s)) << "the secondary neither exited nor came to the runtime "
		"directory's lock";
	const bool cleaning = c.proc(1).running();

	harness::PtyProcess primary("new primary", {o.host, "-l", "0",
		"--file-prefix", c.prefix(), "--proc-type", GetParam(),
		"--log-level", "lib.eal:notice", "--no-pci"});
	bool exited = false;
	ASSERT_TRUE(wait_until([&] {
		exited = !primary.running();
		return exited || has_open(primary.pid(), run_dir + "/config") ||
			config_lock_owner(c.prefix()) == primary.pid();
	}, 10s)) << "the new primary did not come to the configuration:\n"
		<< primary.transcript();
	EXPECT_FALSE(exited) << "the new primary gave up:\n"
		<< primary.transcript();
	if (cleaning) {
		EXPECT_EQ(config_lock_owner(c.prefix()), secondary)
			<< "the new primary took the configuration while the "
			"last secondary was removing the prefix's files";
	}
	request.release();
	if (!exited) {
		EXPECT_NO_THROW(primary.expect(harness::host_prompt, 30s))
			<< primary.transcript();
		EXPECT_TRUE(fs::exists(run_dir + "/fbarray_memzone"))
			<< "the new primary's memzone list file is gone";
		primary.send_line("quit");
		EXPECT_TRUE(exits_cleanly(primary, 20s));
	}
	EXPECT_TRUE(exits_cleanly(c.proc(1), 20s)) << c.label(1);
}

INSTANTIATE_TEST_SUITE_P(ExitCleanUp, StartDuringCleanUp,
	::testing::Values("primary", "auto"),
	[](const ::testing::TestParamInfo<const char *> &info) {
		return std::string(info.param[0] == 'p' ? "Primary" : "Auto");
	});

/*
 * A socket of the application in the runtime directory, nobody listening
 * on it for the moment, is not DPDK's to remove.
 */
TEST(ExitCleanUp, KeepsAnApplicationsSocket)
{
	harness::Cluster c(cluster_options(1));
	const std::string path = "/var/run/dpdk/" + c.prefix() + "/app.sock";
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ASSERT_GE(fd, 0);
	struct sockaddr_un addr = {};
	addr.sun_family = AF_UNIX;
	path.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
	int ret = bind(fd, reinterpret_cast<struct sockaddr *>(&addr), sizeof(addr));
	close(fd);
	ASSERT_EQ(ret, 0) << "cannot bind " << path;
	for (const auto &e : c.stop_processes())
		EXPECT_TRUE(ended_cleanly(e));
	EXPECT_TRUE(fs::exists(path)) << "the clean-up removed " << path;
	unlink(path.c_str());
}

} // namespace
} // namespace hotplug_mp::test
