/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command line of the hardening tools: --key value pairs, each setting
 * a string or a number. Errors throw std::invalid_argument saying what is
 * wrong.
 */
#ifndef HOTPLUG_MP_HARDENING_ARGS_H
#define HOTPLUG_MP_HARDENING_ARGS_H

#include <string>
#include <vector>

namespace hotplug_mp::hardening {

/* One option: it sets text, or number (at least min). */
struct Option {
	std::string key;
	std::string *text = nullptr;
	int *number = nullptr;
	int min = 0;
};

/*
 * Sets what options name from argv[1..]; an unknown key, a key without
 * a value or a number out of range is an error.
 */
void parse_options(int argc, char **argv, const std::vector<Option> &options);

} // namespace hotplug_mp::hardening

#endif
