/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program on a pseudo-terminal, driven as a person at its prompt would:
 * type a line, wait for what it prints. Every wait has a deadline.
 */
#ifndef HOTPLUG_MP_PTY_PROCESS_H
#define HOTPLUG_MP_PTY_PROCESS_H

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace hotplug_mp::harness {

using namespace std::chrono_literals;

class PtyError : public std::runtime_error {
public:
	using std::runtime_error::runtime_error;
};

/*
 * own: the program leads a session of its own, the terminal its
 * controlling one, as when a person starts it in a terminal window.
 * caller: it stays in the caller's session, as daemons started by one
 * supervisor do; the terminal only carries its input and output.
 */
enum class Session { own, caller };

class PtyProcess {
public:
	/* Starts argv[0] (a path) with argv; env entries "K=V" are added. */
	PtyProcess(const std::string &name, const std::vector<std::string> &argv,
		const std::vector<std::string> &env = {},
		Session session = Session::own);
	~PtyProcess();
	PtyProcess(const PtyProcess &) = delete;
	PtyProcess &operator=(const PtyProcess &) = delete;

	const std::string &name() const { return name_; }
	pid_t pid() const { return pid_; }

	/*
	 * Waits until needle appears in the output not yet consumed; returns
	 * the output before it and consumes both. Throws PtyError on timeout
	 * or when the program exits first.
	 */
	std::string expect(const std::string &needle,
		std::chrono::milliseconds timeout = 10s);

	void send_line(const std::string &line);

	/* Types cmd, waits for prompt; returns what cmd printed, echo removed. */
	std::string command(const std::string &cmd, const std::string &prompt,
		std::chrono::milliseconds timeout = 10s);

	/* Waits for the program to end; returns its exit status (or 128+sig). */
	int wait_exit(std::chrono::milliseconds timeout = 10s);
	bool running();

	/* Ends the program by PID if it still runs: SIGTERM, then SIGKILL. */
	void terminate(std::chrono::milliseconds grace = 2s);
	void signal(int sig);
	/* SIGSTOP, then waits until every thread of the program has stopped. */
	void stop(std::chrono::milliseconds timeout = 10s);

	/*
	 * The output is read as it comes, all the time, so that the program
	 * never blocks on its terminal. Paused, nobody reads it: the terminal
	 * fills up as it does for a program nobody watches.
	 */
	void pause_reading();
	void resume_reading();

	/*
	 * Lines matching re (a whole line, its newline included) are dropped
	 * from what is read from now on, wherever they fall: for a program's
	 * own asynchronous lines that a test is not about.
	 */
	void drop_lines(const std::string &re);

	/* Everything printed so far, escape sequences and CRs removed. */
	std::string transcript() const;

private:
	void read_all();
	std::string ended();
	[[noreturn]] void fail(const std::string &what) const;

	std::string name_;
	pid_t pid_ = -1;
	int fd_ = -1;
	int status_ = -1;
	int stop_[2] = {-1, -1}; /* wakes the reader at destruction */
	std::thread reader_;
	mutable std::mutex mutex_; /* what follows */
	std::condition_variable grew_;
	std::condition_variable resumed_;
	std::string out_;
	size_t mark_ = 0;
	std::string raw_tail_; /* an escape sequence cut by a read */
	std::optional<std::regex> drop_;
	/* the longest line drop_lines() takes out when it comes in pieces */
	static constexpr size_t max_dropped_line = 512;
	bool eof_ = false;
	bool reading_ = true;
	bool stopping_ = false;
};

/* Runs a short command to completion; returns its exit status. */
int run_command(const std::vector<std::string> &argv, std::string *output = nullptr);

} // namespace hotplug_mp::harness

#endif
