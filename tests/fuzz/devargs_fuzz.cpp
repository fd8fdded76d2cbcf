/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target: the checks the module makes on devargs before it asks the
 * group (plugin/eal_hotplug.cpp): its length limit and DPDK's own parser,
 * rte_devargs_parse(), which here is the real one, with the real buses.
 * Only the calls that act on the group (rte_dev_probe(),
 * rte_eal_hotplug_remove()) are the fake of eal_fake.h, their answer taken
 * from the first 3 bytes. The rest of the input, up to a newline or NUL, is
 * the devargs, as the attach and detach commands get it.
 *
 * Beyond ASan, UBSan and LeakSanitizer (rte_devargs_reset() must free what
 * the parser took), every input must hold:
 *  - devargs longer than 127 characters fail with ENAMETOOLONG, and the
 *    group is not asked;
 *  - the group is asked to probe exactly the devargs given, only after
 *    they parse and name a device, and to remove a named device on a named
 *    bus (a finding of this target: "bus=vdev,n0ame=x/class=eth" parses
 *    and names none);
 *  - an attach or detach succeeds exactly when the group's answer is
 *    success, and a failure carries a reason.
 */
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <rte_devargs.h>
#include <rte_log.h>

#include "eal_fake.h"
#include "module.h"

extern "C" void
testpmd_add_driver_commands(struct testpmd_driver_commands *)
{
}

namespace {

void
fail(const char *what, const std::string &devargs)
{
	std::fprintf(stderr, "hotplug_mp fuzz: %s (devargs \"%s\")\n", what,
		devargs.c_str());
	std::abort();
}

/*
 * Whether DPDK's parser takes the devargs and finds a device name in them
 * (and frees what it took).
 */
bool
names_a_device(const std::string &devargs)
{
	struct rte_devargs da;

	std::memset(&da, 0, sizeof(da));
	int ret = rte_devargs_parse(&da, devargs.c_str());
	bool named = ret == 0 && da.name[0] != '\0';
	rte_devargs_reset(&da);
	return named;
}

void
check(const hotplug_mp::Result &r, bool asked, int answer,
	const std::string &devargs)
{
	if (devargs.size() > 127 && (r.error != -ENAMETOOLONG || asked))
		fail("devargs too long for the channel were not refused", devargs);
	if (asked && !names_a_device(devargs))
		fail("the group was asked with devargs that name no device", devargs);
	if ((r.error == 0) != (asked && answer == 0))
		fail("the result is not the group's answer", devargs);
	if (r.error != 0 && r.reason.empty())
		fail("a failure without a reason", devargs);
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
	rte_log_set_global_level(RTE_LOG_EMERG);
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	using hotplug_mp::fuzz::fake_eal;

	/* the first 3 bytes: the role and the group's answers */
	std::string devargs = hotplug_mp::fuzz::configure_fake_eal(data, size, 3);
	devargs = devargs.substr(0, devargs.find_first_of(std::string("\n\0", 2)));

	hotplug_mp::Hotplug &hotplug = hotplug_mp::Module::instance().hotplug();

	hotplug_mp::Result r = hotplug.attach(devargs);
	check(r, fake_eal().probes != 0, fake_eal().probe_ret, devargs);
	if (fake_eal().probes != 0 && fake_eal().last_probe != devargs)
		fail("the group was asked to probe other devargs", devargs);

	r = hotplug.detach(devargs);
	check(r, fake_eal().removes != 0, fake_eal().remove_ret, devargs);
	if (fake_eal().removes != 0 &&
	    (fake_eal().last_bus.empty() || fake_eal().last_name.empty()))
		fail("the group was asked to remove a nameless device", devargs);

	/* no device is probed here, so there is none to lock */
	r = hotplug.lock(devargs);
	if (r.error != -ENODEV)
		fail("a device this process lacks was locked", devargs);
	return 0;
}
