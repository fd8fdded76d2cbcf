/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A device string as the EAL parses it (rte_devargs), owned for one scope,
 * and the checks it passes before any process acts on it.
 */
#ifndef HOTPLUG_MP_DEVARGS_H
#define HOTPLUG_MP_DEVARGS_H

#include <cstddef>
#include <string>

#include <rte_devargs.h>

#include "result.h"

namespace hotplug_mp {

/*
 * The multi-process channel carries devargs in a fixed buffer
 * (EAL_DEV_MP_DEV_ARGS_MAX_LEN in lib/eal/common/hotplug_mp.h, 128 bytes
 * with the NUL); longer devargs would reach the other processes truncated.
 */
constexpr size_t mp_devargs_max = 127;

/*
 * Whether the first key of the device string is "bus" or "class" without
 * a value, which rte_devargs_parse() crashes on (change
 * eal-fix-layer-key-crash fixes the EAL).
 */
bool layer_key_without_value(const std::string &devargs);

class Devargs {
public:
	Devargs();
	~Devargs();
	Devargs(const Devargs &) = delete;
	Devargs &operator=(const Devargs &) = delete;

	/* rte_devargs_parse(), refusing what it would crash on (-EINVAL) */
	int parse(const std::string &devargs);
	/*
	 * Parses devargs for an attach or a detach: the Result names the
	 * device, and says why not if they are too long for the channel,
	 * malformed, or name no device.
	 */
	Result check(const std::string &devargs);

	const char *name() const { return da_.name; }
	/* "class=eth" parses, with no bus (a finding of the devargs fuzz target) */
	const char *bus() const;

private:
	struct rte_devargs da_;
};

} // namespace hotplug_mp

#endif
