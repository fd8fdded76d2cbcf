/* SPDX-License-Identifier: BSD-3-Clause */
#include "pty_process.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <csignal>
#include <dirent.h>
#include <cstring>
#include <thread>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace hotplug_mp::harness {

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

/* A waitpid() status as a shell tells it: the exit code, or 128+signal. */
int
exit_status(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

std::string
read_small(const std::string &path)
{
	std::string out;
	if (FILE *f = std::fopen(path.c_str(), "r")) {
		char buf[4096];
		size_t n;
		while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
			out.append(buf, n);
		std::fclose(f);
	}
	while (!out.empty() && out.back() == '\n')
		out.pop_back();
	return out;
}

/*
 * Each thread's name, state and what it sleeps on in the kernel, and the
 * kernel stack of those in uninterruptible sleep: cheap enough for every
 * timeout, and it shows a program stuck in a driver or a device's removal.
 */
std::string
thread_states(pid_t pid)
{
	std::string dir = "/proc/" + std::to_string(pid) + "/task";
	std::string out;
	if (DIR *d = opendir(dir.c_str())) {
		while (struct dirent *e = readdir(d)) {
			if (e->d_name[0] == '.')
				continue;
			std::string t = dir + "/" + e->d_name;
			std::string stat = read_small(t + "/stat");
			size_t paren = stat.rfind(')');
			char state = paren != std::string::npos &&
				paren + 2 < stat.size() ? stat[paren + 2] : '?';
			out += std::string(e->d_name) + " " +
				read_small(t + "/comm") + " " + state + " " +
				read_small(t + "/wchan") + "\n";
			if (state == 'D')
				out += read_small(t + "/stack") + "\n";
		}
		closedir(d);
	}
	return out.empty() ? "" : "\n--- its threads (tid name state wchan) ---\n" + out;
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
	if (pipe2(stop_, O_CLOEXEC) != 0) {
		int err = errno;
		terminate();
		close(fd_);
		throw PtyError("pipe: " + std::string(std::strerror(err)));
	}
	reader_ = std::thread(&PtyProcess::read_all, this);
}

PtyProcess::~PtyProcess()
{
	terminate();
	{
		std::lock_guard<std::mutex> g(mutex_);
		stopping_ = true;
		resumed_.notify_all();
	}
	/* the reader ends on the program's end of output, or on this */
	if (write(stop_[1], "", 1) < 0) {
		/* then it still sees the program's hangup */
	}
	reader_.join();
	close(stop_[0]);
	close(stop_[1]);
	if (fd_ >= 0)
		close(fd_);
}

/*
 * Reads the program's output as it comes, whoever waits for what, so that
 * the program never blocks on a full terminal; only a paused reader
 * leaves the terminal unread.
 */
void
PtyProcess::read_all()
{
	char buf[4096];
	for (;;) {
		{
			std::unique_lock<std::mutex> g(mutex_);
			resumed_.wait(g, [this] { return reading_ || stopping_; });
			if (stopping_)
				return;
		}
		struct pollfd pfd[2] = {{fd_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
		int n = poll(pfd, 2, 100);
		if (n < 0 && errno == EINTR)
			continue;
		if (pfd[1].revents != 0)
			return;
		if (n <= 0 || pfd[0].revents == 0)
			continue;
		ssize_t r = read(fd_, buf, sizeof(buf));
		std::lock_guard<std::mutex> g(mutex_);
		if (r <= 0) {
			eof_ = true;
			grew_.notify_all();
			return;
		}
		std::string text = clean(std::string(buf, r), raw_tail_);
		out_ += text;
		if (drop_) {
			/*
			 * A line to drop may come in pieces, over several
			 * reads: look again at what is not consumed yet, back
			 * to where such a line could have begun.
			 */
			size_t from = out_.size() - text.size();
			from = std::max(mark_, from > max_dropped_line ?
				from - max_dropped_line : 0);
			out_.replace(from, std::string::npos, std::regex_replace(
				out_.substr(from), *drop_, ""));
		}
		grew_.notify_all();
	}
}

void
PtyProcess::pause_reading()
{
	std::lock_guard<std::mutex> g(mutex_);
	reading_ = false;
}

void
PtyProcess::resume_reading()
{
	std::lock_guard<std::mutex> g(mutex_);
	reading_ = true;
	resumed_.notify_all();
}

void
PtyProcess::drop_lines(const std::string &re)
{
	std::lock_guard<std::mutex> g(mutex_);
	drop_ = std::regex(re + "\n");
}

std::string
PtyProcess::transcript() const
{
	std::lock_guard<std::mutex> g(mutex_);
	return out_;
}

void
PtyProcess::fail(const std::string &what) const
{
	std::string out = transcript();
	std::string tail = out.size() > 3000 ? out.substr(out.size() - 3000) : out;
	throw PtyError(name_ + " (pid " + std::to_string(pid_) + "): " + what +
		"\n--- its last output ---\n" + tail + "\n---");
}

std::string
PtyProcess::expect(const std::string &needle, std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	std::unique_lock<std::mutex> g(mutex_);
	for (;;) {
		size_t at = out_.find(needle, mark_);
		if (at != std::string::npos) {
			std::string before = out_.substr(mark_, at - mark_);
			mark_ = at + needle.size();
			return before;
		}
		if (eof_) {
			g.unlock();
			fail(ended());
		}
		if (grew_.wait_until(g, deadline) == std::cv_status::timeout &&
		    out_.find(needle, mark_) == std::string::npos) {
			g.unlock();
			fail("timed out after " + std::to_string(timeout.count()) +
				" ms waiting for \"" + needle + "\"" +
				thread_states(pid_));
		}
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

/*
 * How the program ended, once its terminal is closed: the exit code or the
 * signal that killed it (a SIGBUS or SIGSEGV says more than "exited").
 */
std::string
PtyProcess::ended()
{
	auto deadline = Clock::now() + 2s;
	while (running() && Clock::now() < deadline)
		usleep(1000);
	if (status_ < 0)
		return "closed its terminal but still runs";
	if (status_ > 128)
		return "was killed by signal " + std::to_string(status_ - 128) +
			" (" + strsignal(status_ - 128) + ")";
	return "exited with status " + std::to_string(status_);
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

namespace {

/*
 * Where each thread of a process that hangs is, when gdb is installed:
 * the failure then says why, not only that.
 */
std::string
thread_stacks(pid_t pid)
{
	if (access("/usr/bin/gdb", X_OK) != 0)
		return "";
	std::string cmd = "timeout 30 /usr/bin/gdb -batch -nx -p " +
		std::to_string(pid) + " -ex 'thread apply all bt' 2>/dev/null";
	std::string out;
	if (FILE *f = popen(cmd.c_str(), "r")) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			out.append(buf, n);
		pclose(f);
	}
	return "\n--- its threads ---\n" + out;
}

} // namespace

int
PtyProcess::wait_exit(std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	while (running()) {
		if (Clock::now() >= deadline)
			fail("did not exit within " + std::to_string(timeout.count()) +
				" ms" + thread_stacks(pid_));
		usleep(1000);
	}
	/* what it printed last is in the transcript once it is read */
	std::unique_lock<std::mutex> g(mutex_);
	grew_.wait_until(g, Clock::now() + std::chrono::milliseconds(500),
		[this] { return eof_; });
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

} // namespace hotplug_mp::harness
