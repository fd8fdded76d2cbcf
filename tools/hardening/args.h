/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command line of the hardening tools: --key value pairs. Errors
 * throw std::invalid_argument saying what is wrong.
 */
#ifndef HOTPLUG_MP_HARDENING_ARGS_H
#define HOTPLUG_MP_HARDENING_ARGS_H

#include <string>
#include <utility>
#include <vector>

namespace hotplug_mp::hardening {

/* argv[1..] as (key, value) pairs; a key without a value is an error. */
std::vector<std::pair<std::string, std::string>> key_values(int argc,
	char **argv);

/* v as a number of at least min, for option k. */
int to_int(const std::string &k, const std::string &v, int min);

} // namespace hotplug_mp::hardening

#endif
