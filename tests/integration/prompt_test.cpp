/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clients that wait on the prompt, as DTS and expect scripts do: every
 * prompt must arrive whole, with the events of other processes' requests
 * on (the default). An event line waits for the next prompt and goes out
 * right before it; no other thread writes to the terminal.
 */
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "cluster.h"
#include "environment.h"
#include "expectations.h"

namespace hotplug_mp::test {
namespace {

using namespace std::chrono_literals;

size_t
count(const std::string &text, const std::string &what)
{
	size_t n = 0;
	for (size_t at = text.find(what); at != std::string::npos;
	     at = text.find(what, at + what.size()))
		n++;
	return n;
}

/*
 * Each client attaches and detaches a device of its own, cycles times,
 * typing a command once the prompt has come and checking what it printed.
 * Returns what went wrong, or "".
 */
std::string
client(harness::PtyProcess &p, const std::string &prompt,
	const std::string &device, int cycles)
{
	try {
		for (int k = 0; k < cycles; k++)
			for (std::string verb : {"attach", "detach"}) {
				std::string out = p.command(verb + " " + device, prompt, 30s);
				if (!contains(out, verb + "ed device " + device))
					return "cycle " + std::to_string(k) + ", " + verb +
						" printed:\n" + out;
			}
	} catch (const std::exception &e) {
		return e.what();
	}
	return "";
}

/* Three clients at the same time, one per process. */
void
three_clients(std::vector<harness::PtyProcess *> procs, const std::string &prompt,
	int cycles)
{
	std::vector<std::string> failures(procs.size());
	std::vector<std::thread> clients;
	for (size_t i = 0; i < procs.size(); i++)
		clients.emplace_back([&, i] {
			failures[i] = client(*procs[i], prompt,
				"net_null" + std::to_string(i), cycles);
		});
	for (auto &t : clients)
		t.join();
	for (size_t i = 0; i < procs.size(); i++) {
		EXPECT_EQ(failures[i], "") << procs[i]->name();
		/* whole prompts: the first, and one after each line typed */
		EXPECT_EQ(count(procs[i]->transcript(), prompt), 1u + 2 * cycles)
			<< procs[i]->name() << " printed:\n" << procs[i]->transcript();
	}
	/*
	 * With events on, each heard of the others' requests. What it heard
	 * after its client's last command waits for one more prompt.
	 */
	if (!has("eal-hotplug-handlers"))
		return;
	for (harness::PtyProcess *p : procs) {
		p->command("list", prompt, 10s);
		EXPECT_TRUE(contains(p->transcript(), " attached (requested by"))
			<< p->name() << " printed:\n" << p->transcript();
	}
}

TEST(Prompts, ThreeClientsHotplugAtOnceWithEventsOn)
{
	constexpr int cycles = 60;
	harness::Cluster c(cluster_options(2));
	three_clients({&c.proc(0), &c.proc(1), &c.proc(2)}, harness::host_prompt,
		cycles);
	EXPECT_TRUE(all_list(c, {}));
	for (const auto &e : c.shutdown())
		EXPECT_TRUE(ended_cleanly(e));
}

/* The same with the module in dpdk-testpmd, which draws its own prompt. */
TEST(Prompts, ThreeClientsInTestpmdWithEventsOn)
{
	if (testpmd().empty())
		GTEST_SKIP() << "this build has no dpdk-testpmd that can load modules";
	constexpr int cycles = 60;
	constexpr const char *testpmd_prompt = "testpmd> ";
	TempDir dir;
	auto module = loadable_copy(dir, plugin());
	const harness::Prefix prefix("hpmp_prompts");
	std::vector<std::unique_ptr<harness::PtyProcess>> procs;
	for (int i = 0; i < 3; i++) {
		std::vector<std::string> argv = {testpmd(), "-l", i == 0 ? "0-1" : "1,0",
			"--main-lcore", i == 0 ? "0" : "1", "--no-pci",
			"--file-prefix", prefix.name(), "--proc-type",
			i == 0 ? "primary" : "secondary",
			"-d", module.string(), "--log-level", "lib.eal:notice"};
		/* as the cluster's processes: the same VA in every process */
		for (const auto &a : extra_eal_args())
			argv.push_back(a);
		argv.insert(argv.end(), {"--", "-i", "--total-num-mbufs=2048",
			"--no-mlockall"});
		procs.push_back(std::make_unique<harness::PtyProcess>(
			i == 0 ? "testpmd primary" : "testpmd secondary " +
				std::to_string(i), argv));
		/*
		 * testpmd's own line for a port that goes, printed from
		 * whichever thread detaches it: not the module's to order
		 */
		procs.back()->drop_lines("Port [0-9]+ is closed");
		procs.back()->expect(testpmd_prompt, 30s);
	}
	three_clients({procs[0].get(), procs[1].get(), procs[2].get()},
		testpmd_prompt, cycles);
	for (int i = 2; i >= 0; i--) {
		procs[i]->send_line("quit");
		EXPECT_TRUE(exits_cleanly(*procs[i], 20s));
	}
}

/*
 * A process whose output goes to a pipe that nobody reads: its own
 * commands wait for the pipe, but its EAL threads, which answer the
 * other processes' requests, never do. Its events wait, bounded, and it
 * says how many it dropped once its pipe is read again.
 */
TEST(Prompts, AProcessWhosePipeIsFullStillTakesPartInHotplug)
{
	harness::Cluster c(cluster_options(0));
	int in[2], out[2];
	ASSERT_EQ(pipe2(in, O_CLOEXEC), 0);
	ASSERT_EQ(pipe2(out, O_CLOEXEC), 0);
	fcntl(out[1], F_SETPIPE_SZ, 4096);

	std::vector<std::string> args = {host(), "-l", "1", "--no-pci",
		"--file-prefix", c.prefix(), "--proc-type", "secondary",
		"--log-level", "lib.eal:notice"};
	std::vector<char *> argv;
	for (std::string &a : args)
		argv.push_back(a.data());
	argv.push_back(nullptr);
	pid_t pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		dup2(out[1], STDERR_FILENO);
		execv(argv[0], argv.data());
		_exit(127);
	}
	close(in[0]);
	/* read until it is up, at its prompt */
	std::string start;
	auto deadline = std::chrono::steady_clock::now() + 30s;
	while (!contains(start, harness::host_prompt) &&
	       std::chrono::steady_clock::now() < deadline) {
		char buf[4096];
		struct pollfd pfd = {out[0], POLLIN, 0};
		if (poll(&pfd, 1, 100) == 1) {
			ssize_t n = read(out[0], buf, sizeof(buf));
			if (n <= 0)
				break;
			start.append(buf, n);
		}
	}
	ASSERT_TRUE(contains(start, harness::host_prompt))
		<< "the secondary did not start:\n" << start;
	/*
	 * Then nobody reads its pipe, which is full. Filled through a file
	 * description of its own: O_NONBLOCK on the one the process writes
	 * to would make its writes fail instead of wait.
	 */
	int fill = open(("/proc/self/fd/" + std::to_string(out[1])).c_str(),
		O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_GE(fill, 0);
	size_t filler = 0;
	while (write(fill, "x", 1) == 1)
		filler++;
	close(fill);
	close(out[1]);

	constexpr int cycles = 150;
	for (int k = 0; k < cycles; k++) {
		std::string o = c.proc(0).command("attach net_null0",
			harness::host_prompt, 2s);
		ASSERT_TRUE(contains(o, "attached device net_null0")) << o;
		o = c.proc(0).command("detach net_null0", harness::host_prompt, 2s);
		ASSERT_TRUE(contains(o, "detached device net_null0")) << o;
	}

	/* read again: a command, then what waited goes out before its prompt */
	std::string text;
	std::thread reader([&] {
		char buf[4096];
		ssize_t n;
		while ((n = read(out[0], buf, sizeof(buf))) > 0)
			text.append(buf, n);
	});
	ASSERT_EQ(write(in[1], "list\nquit\n", 10), 10);
	close(in[1]);
	int st = 0;
	waitpid(pid, &st, 0);
	reader.join();
	close(out[0]);
	/* what it wrote before the filler, the filler, what it wrote after */
	size_t at_fill = text.find(std::string(filler, 'x'));
	ASSERT_NE(at_fill, std::string::npos) << text;
	text.erase(at_fill, filler);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << text;
	EXPECT_TRUE(contains(text, "list all etherdev\n")) << text;
	if (!has("eal-hotplug-handlers"))
		return;
	/* two events a cycle; the queue keeps the last 256 */
	EXPECT_EQ(count(text, "(requested by primary"), 256u) << text;
	size_t at = text.find(" waiting line(s) dropped");
	ASSERT_NE(at, std::string::npos) << text;
	size_t from = text.rfind('\n', at) + 1;
	EXPECT_EQ(std::stoul(text.substr(from, at - from)), 2u * cycles - 256) << text;
}

} // namespace
} // namespace hotplug_mp::test
