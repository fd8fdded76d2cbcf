/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL as the fuzz targets see it: the module's calls that act on the
 * multi-process group (and, for the command targets, the devargs parser)
 * are redirected at link time (-Wl,--wrap=<symbol>, the lists are in
 * tests/meson.build) to a fake whose answers the fuzz input chooses.
 */
#ifndef HOTPLUG_MP_FUZZ_EAL_FAKE_H
#define HOTPLUG_MP_FUZZ_EAL_FAKE_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace hotplug_mp::fuzz {

struct FakeEal {
	bool primary = true;
	bool primary_alive = true;      /* rte_eal_primary_proc_alive() */
	int parse_ret = 0;          /* rte_devargs_parse() */
	int probe_ret = 0;          /* rte_dev_probe() */
	int remove_ret = 0;         /* rte_eal_hotplug_remove() */
	unsigned int timeout_ms = 10000;
	int timeout_set_ret = 0;
	std::map<uint16_t, std::string> ports;

	/* what the module asked of the group, checked by the targets */
	unsigned int probes = 0;
	unsigned int removes = 0;
	std::string last_probe;     /* devargs given to rte_dev_probe() */
	std::string last_bus;       /* bus and name given to */
	std::string last_name;      /* rte_eal_hotplug_remove() */

	/*
	 * Takes the answers from the first bytes of data (as many as it needs,
	 * or fewer where data is shorter); returns how many it took.
	 */
	size_t configure(const uint8_t *data, size_t size);
};

/*
 * Sets the fake's answers from the first bytes of a fuzz input (at most
 * max of them); returns the rest of the input, as text.
 */
std::string configure_fake_eal(const uint8_t *data, size_t size,
	size_t max = SIZE_MAX);

/* The fake the wrapped calls answer from. */
FakeEal &fake_eal();

} // namespace hotplug_mp::fuzz

#endif
