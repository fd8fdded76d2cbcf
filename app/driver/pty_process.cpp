/* SPDX-License-Identifier: BSD-3-Clause */
#include "pty_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace hotplug_mp::driver {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<char *>
c_argv(const std::vector<std::string> &v)
{
	std::vector<char *> out;
	for (const std::string &s : v)
		out.push_back(const_cast<char *>(s.c_str()));
	out.push_back(nullptr);
	return out;
}

/* Drops VT100 escape sequences and carriage returns; keeps an unfinished
 * escape sequence in tail for the next chunk. */
std::string
clean(const std::string &raw, std::string &tail)
{
	std::string in = tail + raw, out;
	tail.clear();
	for (size_t i = 0; i < in.size(); i++) {
		char c = in[i];
		if (c == '\r')
			continue;
		if (c != '\033') {
			out += c;
			continue;
		}
		size_t j = i + 1;
		if (j >= in.size()) {
			tail = in.substr(i);
			break;
		}
		if (in[j] == '[') {
			j++;
			while (j < in.size() && !(in[j] >= '@' && in[j] <= '~'))
				j++;
			if (j >= in.size()) {
				tail = in.substr(i);
				break;
			}
		}
		i = j;
	}
	return out;
}

/*
 * Another thread of the program (an event line) may print whole lines in
 * the middle of a prompt that its command line writes a character at a
 * time: "exampl", "device ... attached\n", "e> ".
 */
struct Split {
	size_t at, end;
	std::string inserted;
};

std::optional<Split>
find_split(const std::string &text, const std::string &needle, size_t from)
{
	for (size_t k = 1; k < needle.size(); k++) {
		std::string head = needle.substr(0, k), tail = needle.substr(k);
		for (size_t at = text.find(head, from); at != std::string::npos;
		     at = text.find(head, at + 1)) {
			/* a prompt starts a line */
			if (at > 0 && text[at - 1] != '\n')
				continue;
			size_t lines = at + k;
			/* one or more whole lines, then the rest of the needle */
			size_t nl = text.find('\n', lines);
			while (nl != std::string::npos) {
				if (text.compare(nl + 1, tail.size(), tail) == 0)
					return Split{at, nl + 1 + tail.size(),
						text.substr(lines, nl + 1 - lines)};
				nl = text.find('\n', nl + 1);
			}
		}
	}
	return std::nullopt;
}

/* A waitpid() status as a shell tells it: the exit code, or 128+signal. */
int
exit_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

} // namespace

PtyProcess::PtyProcess(const std::string &name,
	const std::vector<std::string> &argv,
	const std::vector<std::string> &env, Session session)
	: name_(name)
{
	struct winsize ws = {};
	ws.ws_row = 50;
	ws.ws_col = 250;
	auto args = c_argv(argv);
	if (session == Session::own) {
		pid_ = forkpty(&fd_, nullptr, nullptr, &ws);
		if (pid_ < 0)
			throw PtyError("forkpty: " + std::string(std::strerror(errno)));
	} else {
		int tty = -1;
		if (openpty(&fd_, &tty, nullptr, nullptr, &ws) != 0)
			throw PtyError("openpty: " + std::string(std::strerror(errno)));
		pid_ = fork();
		if (pid_ < 0) {
			int err = errno;
			close(tty);
			close(fd_);
			throw PtyError("fork: " + std::string(std::strerror(err)));
		}
		if (pid_ == 0) {
			close(fd_);
			for (int i = 0; i < 3; i++)
				dup2(tty, i);
			if (tty > 2)
				close(tty);
		} else {
			close(tty);
		}
	}
	if (pid_ == 0) {
		for (const std::string &e : env)
			putenv(const_cast<char *>(e.c_str()));
		execv(args[0], args.data());
		std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
		_exit(127);
	}
	fcntl(fd_, F_SETFD, FD_CLOEXEC);
}

PtyProcess::~PtyProcess()
{
	terminate();
	if (fd_ >= 0)
		close(fd_);
}

PtyProcess::Read
PtyProcess::read_once(int timeout_ms)
{
	struct pollfd pfd = {fd_, POLLIN, 0};
	int n = poll(&pfd, 1, timeout_ms);
	if (n < 0 && errno == EINTR)
		return Read::data;
	if (n <= 0)
		return Read::idle;
	char buf[4096];
	ssize_t r = read(fd_, buf, sizeof(buf));
	if (r <= 0)
		return Read::eof;
	out_ += clean(std::string(buf, r), raw_tail_);
	return Read::data;
}

bool
PtyProcess::read_some(Clock::time_point deadline)
{
	auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
		deadline - Clock::now());
	if (left.count() < 0)
		return false;
	Read r = read_once(static_cast<int>(left.count()));
	if (r == Read::eof)
		fail("exited");
	return r == Read::data;
}

void
PtyProcess::fail(const std::string &what) const
{
	std::string tail = out_.size() > 3000 ? out_.substr(out_.size() - 3000) : out_;
	throw PtyError(name_ + " (pid " + std::to_string(pid_) + "): " + what +
		"\n--- its last output ---\n" + tail + "\n---");
}

std::string
PtyProcess::expect(const std::string &needle, std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	for (;;) {
		size_t at = out_.find(needle, mark_);
		if (at != std::string::npos) {
			std::string before = out_.substr(mark_, at - mark_);
			mark_ = at + needle.size();
			return before;
		}
		if (auto split = find_split(out_, needle, mark_)) {
			/* the lines printed inside it belong before it */
			std::string before = out_.substr(mark_, split->at - mark_) +
				split->inserted;
			mark_ = split->end;
			return before;
		}
		if (!read_some(deadline) && Clock::now() >= deadline)
			fail("timed out after " + std::to_string(timeout.count()) +
				" ms waiting for \"" + needle + "\"");
	}
}

void
PtyProcess::send_line(const std::string &line)
{
	std::string s = line + "\n";
	const char *p = s.data();
	size_t left = s.size();
	while (left > 0) {
		ssize_t w = write(fd_, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail("cannot type \"" + line + "\"");
		p += w;
		left -= w;
	}
}

std::string
PtyProcess::command(const std::string &cmd, const std::string &prompt,
	std::chrono::milliseconds timeout)
{
	send_line(cmd);
	std::string out = expect(prompt, timeout);
	/*
	 * The echo of what was typed comes first. A log line printed while
	 * it was echoed splits it: then keep everything, rather than cut at
	 * some later line that happens to contain the command.
	 */
	if (out.compare(0, cmd.size(), cmd) == 0) {
		size_t nl = out.find('\n');
		out = nl == std::string::npos ? "" : out.substr(nl + 1);
	}
	return out;
}

bool
PtyProcess::running()
{
	if (status_ >= 0)
		return false;
	int st;
	pid_t r = waitpid(pid_, &st, WNOHANG);
	if (r == pid_) {
		status_ = exit_status(st);
		return false;
	}
	return true;
}

int
PtyProcess::wait_exit(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	while (running()) {
		if (Clock::now() >= deadline)
			fail("did not exit within " + std::to_string(timeout.count()) + " ms");
		/* drain output so the program never blocks on a full pty */
		if (read_once(20) == Read::eof)
			usleep(1000);
	}
	return status_;
}

void
PtyProcess::signal(int sig)
{
	if (running())
		kill(pid_, sig);
}

void
PtyProcess::stop(std::chrono::milliseconds timeout)
{
	if (!running())
		fail("cannot stop it: it has ended");
	kill(pid_, SIGSTOP);
	auto deadline = Clock::now() + timeout;
	for (;;) {
		int st = 0;
		pid_t r = waitpid(pid_, &st, WNOHANG | WUNTRACED);
		if (r == pid_ && WIFSTOPPED(st))
			return;
		if (r == pid_) {
			status_ = exit_status(st);
			fail("it ended instead of stopping");
		}
		if (Clock::now() >= deadline)
			fail("it did not stop");
		usleep(1000);
	}
}

void
PtyProcess::terminate(std::chrono::milliseconds grace)
{
	if (pid_ <= 0 || !running())
		return;
	kill(pid_, SIGTERM);
	auto deadline = Clock::now() + grace;
	while (running() && Clock::now() < deadline)
		usleep(10000);
	if (running()) {
		kill(pid_, SIGKILL);
		while (running())
			usleep(1000);
	}
}

int
run_command(const std::vector<std::string> &argv, std::string *output)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -1;
	auto args = c_argv(argv);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		execvp(args[0], args.data());
		_exit(127);
	}
	close(pipefd[1]);
	std::string out;
	char buf[4096];
	ssize_t r;
	while ((r = read(pipefd[0], buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
		if (r > 0)
			out.append(buf, r);
	close(pipefd[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (output != nullptr)
		*output = out;
	return exit_status(st);
}

} // namespace hotplug_mp::driver
