/* SPDX-License-Identifier: BSD-3-Clause */
#include "prompt.h"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>
#include <termios.h>
#include <unistd.h>

#include <cmdline.h>
#include <cmdline_rdline.h>

#include "host_commands.h"

namespace hotplug_mp::host {
namespace {

/* The terminal without line editing, echo or signals, for its lifetime. */
class RawTerminal {
public:
	RawTerminal()
	{
		raw_ = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old_) == 0;
		if (!raw_)
			return;
		struct termios t = old_;
		t.c_lflag &= ~(ICANON | ECHO | ISIG);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	~RawTerminal()
	{
		if (raw_)
			tcsetattr(STDIN_FILENO, TCSANOW, &old_);
	}
	RawTerminal(const RawTerminal &) = delete;
	RawTerminal &operator=(const RawTerminal &) = delete;

private:
	struct termios old_ {};
	bool raw_ = false;
};

class Prompt {
public:
	Prompt(cmdline_parse_ctx_t *ctx, const char *prompt, Console &console)
		: prompt_(prompt), console_(console),
		  /*
		   * The parser runs commands and completes words; its own line
		   * editor stays unused. It prints nothing itself but what
		   * handlers print with cmdline_printf(), and with an empty
		   * prompt, no prompt of its own when it is made.
		   */
		  parser_(cmdline_new(ctx, "", -1, STDOUT_FILENO), cmdline_free),
		  rdl_(rdline_new(write_char, validate, complete, this),
			rdline_free)
	{
	}

	int run()
	{
		if (!parser_ || !rdl_) {
			std::fprintf(stderr, "cannot create a command line\n");
			return -1;
		}
		RawTerminal raw;
		draw_prompt();
		char buf[256];
		for (;;) {
			ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return 0;
			for (ssize_t i = 0; i < n; i++) {
				int ret = rdline_char_in(rdl_.get(), buf[i]);
				if (ret == RDLINE_RES_VALIDATED) {
					remember(rdline_get_buffer(rdl_.get()));
					if (quit_requested())
						return 0;
					draw_prompt();
				} else if (ret == RDLINE_RES_EOF ||
						ret == RDLINE_RES_EXITED) {
					return 0;
				}
			}
			/* the echo of what was read, at once */
			send();
		}
	}

private:
	/* rdline writes a character at a time: one write a call suffices */
	static int write_char(struct rdline *rdl, char c)
	{
		static_cast<Prompt *>(rdline_get_opaque(rdl))->out_ += c;
		return 1;
	}

	void send()
	{
		size_t done = 0;
		while (done < out_.size()) {
			ssize_t n = write(STDOUT_FILENO, out_.data() + done,
				out_.size() - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += static_cast<size_t>(n);
		}
		out_.clear();
	}

	/* The command runs here, its output going out as it comes. */
	static void validate(struct rdline *rdl, const char *buf, unsigned int)
	{
		auto *self = static_cast<Prompt *>(rdline_get_opaque(rdl));
		self->send(); /* the echo of the line, before what it prints */
		const char *complaint = nullptr;
		switch (cmdline_parse(self->parser_.get(), buf)) {
		case CMDLINE_PARSE_AMBIGUOUS:
			complaint = "Ambiguous command";
			break;
		case CMDLINE_PARSE_NOMATCH:
			complaint = "Command not found";
			break;
		case CMDLINE_PARSE_BAD_ARGS:
			complaint = "Bad arguments";
			break;
		default:
			break;
		}
		if (complaint != nullptr)
			self->console_.report(complaint, false);
	}

	static int complete(struct rdline *rdl, const char *buf, char *dst,
		unsigned int size, int *state)
	{
		auto *self = static_cast<Prompt *>(rdline_get_opaque(rdl));
		return cmdline_complete(self->parser_.get(), buf, state, dst, size);
	}

	/* History as cmdline_in() keeps it: no empty line, no repeat. */
	void remember(const char *line)
	{
		std::string l(line);
		if (l.size() <= 1)
			return;
		const char *last = rdline_get_history_item(rdl_.get(), 0);
		if (last != nullptr && l == std::string(last) + "\n")
			return;
		rdline_add_history(rdl_.get(), line);
	}

	/* What waited goes out first, then the prompt, in one write. */
	void draw_prompt()
	{
		console_.flush();
		rdline_newline(rdl_.get(), prompt_);
		send();
	}

	const char *prompt_;
	Console &console_;
	std::unique_ptr<struct cmdline, decltype(&cmdline_free)> parser_;
	std::unique_ptr<struct rdline, decltype(&rdline_free)> rdl_;
	std::string out_;
};

} // namespace

int
interact(cmdline_parse_ctx_t *ctx, const char *prompt, Console &console)
{
	Prompt p(ctx, prompt, console);
	return p.run();
}

} // namespace hotplug_mp::host
