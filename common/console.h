/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one writer of a process's output for hotplug_mp, so that nothing it
 * prints ever falls inside a prompt, a command's echo or its output.
 *
 * A command's own output goes out at once, from the thread that runs the
 * command. A line from any other thread (an event an EAL thread reports, a
 * forwarding lcore stopping) waits in a bounded queue until the thread that
 * draws the prompt prints it, right before it draws the prompt again: as a
 * shell reports a finished background job. Those threads never wait for
 * the output, so a terminal or pipe that nobody reads slows none of them.
 */
#ifndef HOTPLUG_MP_CONSOLE_H
#define HOTPLUG_MP_CONSOLE_H

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace hotplug_mp {

class Console {
public:
	static constexpr size_t default_limit = 256;

	explicit Console(std::FILE *out = stdout, size_t limit = default_limit);
	Console(const Console &) = delete;
	Console &operator=(const Console &) = delete;

	/*
	 * The thread running a command: its output, whole lines (a newline
	 * is added if the text lacks one). A failed command is counted.
	 */
	void report(const std::string &text, bool ok = true);

	/*
	 * Any thread, never blocks on the output: a line to print before the
	 * next prompt. Past the limit, the oldest waiting line is dropped and
	 * counted.
	 */
	void post(std::string line);

	/* The thread drawing the prompt: prints the waiting lines. */
	void flush();

	/*
	 * The waiting lines, taken from the queue as flush() would print
	 * them: "N waiting line(s) dropped" first if lines were dropped.
	 */
	std::vector<std::string> take();

	/* Commands reported failed so far. */
	unsigned int failed() const { return failed_.load(); }

private:
	void write(const std::string &text);

	std::FILE *out_;
	size_t limit_;
	std::mutex mutex_; /* lines_ and dropped_ */
	std::deque<std::string> lines_;
	unsigned long dropped_ = 0;
	std::atomic<unsigned int> failed_{0};
};

} // namespace hotplug_mp

#endif
