/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cmdline calls command handlers through C: no exception may leave one.
 * guarded<Handler, Failed> is the callback to put in a cmdline_parse_inst_t;
 * it runs Handler(parsed_result) and hands any exception's text to Failed.
 */
#ifndef HOTPLUG_MP_GUARDED_H
#define HOTPLUG_MP_GUARDED_H

#include <exception>
#include <string>

struct cmdline;

namespace hotplug_mp {

/* What a handler's exception leaves: "internal error: <what>". */
inline std::string
internal_error(const char *what)
{
	return std::string("internal error") + (*what ? ": " : "") + what;
}

template <void (*Handler)(void *), void (*Failed)(const char *what) noexcept>
void
guarded(void *parsed_result, struct cmdline *, void *) noexcept
{
	try {
		Handler(parsed_result);
	} catch (const std::exception &e) {
		Failed(e.what());
	} catch (...) {
		Failed("");
	}
}

} // namespace hotplug_mp

#endif
