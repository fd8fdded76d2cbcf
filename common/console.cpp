/* SPDX-License-Identifier: BSD-3-Clause */
#include "console.h"

namespace hotplug_mp {

Console::Console(std::FILE *out, size_t limit) : out_(out), limit_(limit)
{
}

void
Console::write(const std::string &text)
{
	/* one stream, flushed: the order of other stdio output is kept */
	flockfile(out_);
	std::fputs(text.c_str(), out_);
	if (text.empty() || text.back() != '\n')
		std::fputc('\n', out_);
	std::fflush(out_);
	funlockfile(out_);
}

void
Console::report(const std::string &text, bool ok)
{
	if (!ok)
		failed_++;
	write(text);
}

void
Console::post(std::string line)
{
	std::lock_guard<std::mutex> g(mutex_);
	if (lines_.size() >= limit_) {
		lines_.pop_front();
		dropped_++;
	}
	lines_.push_back(std::move(line));
}

std::vector<std::string>
Console::take()
{
	std::vector<std::string> out;
	std::lock_guard<std::mutex> g(mutex_);
	if (dropped_ != 0)
		out.push_back(std::to_string(dropped_) +
			" waiting line(s) dropped");
	out.insert(out.end(), std::make_move_iterator(lines_.begin()),
		std::make_move_iterator(lines_.end()));
	lines_.clear();
	dropped_ = 0;
	return out;
}

void
Console::flush()
{
	std::string text;
	for (const std::string &line : take())
		text += line + "\n";
	if (!text.empty())
		write(text);
}

} // namespace hotplug_mp
