/* SPDX-License-Identifier: BSD-3-Clause */
#include "result.h"

#include <cstdlib>
#include <cstring>

namespace hotplug_mp {

std::string
errno_text(int err)
{
	err = std::abs(err);
	const char *name = strerrorname_np(err);
	std::string s = name != nullptr ? name : "E" + std::to_string(err);
	return s + " (" + std::strerror(err) + ")";
}

std::string
failure_message(const std::string &what, const Result &r)
{
	std::string s = "failed to " + what + ": " + errno_text(r.error);
	if (!r.reason.empty())
		s += ": " + r.reason;
	return s;
}

} // namespace hotplug_mp
