/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a command did, as the command module and the host report it: no
 * DPDK type here, so that either side can use it.
 */
#ifndef HOTPLUG_MP_RESULT_H
#define HOTPLUG_MP_RESULT_H

#include <string>

namespace hotplug_mp {

struct Result {
	int error = 0;       /* 0, or a negative errno value */
	std::string device;  /* the device it was about, if any */
	std::string reason;  /* why it failed, in words; empty on success */

	bool ok() const { return error == 0; }
};

/* "EEXIST (File exists)" for -EEXIST or EEXIST. */
std::string errno_text(int err);

/* "failed to <what>: EEXIST (File exists): <reason>". */
std::string failure_message(const std::string &what, const Result &r);

} // namespace hotplug_mp

#endif
