/* SPDX-License-Identifier: BSD-3-Clause */
#include "devargs.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include <rte_bus.h>
#include <rte_kvargs.h>

#include "reasons.h"

namespace hotplug_mp {

/*
 * rte_devargs_parse() hands the value of the first key of the devargs, if
 * that key is "bus" or "class", to strcmp() even when there is none ("bus",
 * ",class,x", "bus/class=eth"): the process crashes (DPDK 22.11 to 26.07;
 * found by the devargs fuzz target). Such devargs are refused before they
 * reach the EAL. The first layer ends where a "/" starts another layer
 * key, as the EAL splits them; its keys are split by rte_kvargs.
 */
bool
layer_key_without_value(const std::string &devargs)
{
	size_t end = devargs.size();
	for (size_t pos = devargs.find('/'); end == devargs.size() &&
	     pos != std::string::npos; pos = devargs.find('/', pos + 1))
		for (const char *key : {"bus=", "class=", "driver="})
			if (devargs.compare(pos + 1, std::strlen(key), key) == 0)
				end = pos;
	std::unique_ptr<struct rte_kvargs, decltype(&rte_kvargs_free)> kv(
		rte_kvargs_parse(devargs.substr(0, end).c_str(), nullptr),
		rte_kvargs_free);
	/* what kvargs cannot split, the EAL refuses without a crash */
	if (!kv || kv->count == 0 || kv->pairs[0].value != nullptr)
		return false;
	return std::strcmp(kv->pairs[0].key, "bus") == 0 ||
		std::strcmp(kv->pairs[0].key, "class") == 0;
}

Devargs::Devargs()
{
	std::memset(&da_, 0, sizeof(da_));
}

Devargs::~Devargs()
{
	rte_devargs_reset(&da_);
}

int
Devargs::parse(const std::string &devargs)
{
	/* what an earlier parse allocated */
	rte_devargs_reset(&da_);
	std::memset(&da_, 0, sizeof(da_));
	if (layer_key_without_value(devargs))
		return -EINVAL;
	return rte_devargs_parse(&da_, devargs.c_str());
}

Result
Devargs::check(const std::string &devargs)
{
	Result r;

	r.device = devargs;
	if (devargs.size() > mp_devargs_max) {
		r.error = -ENAMETOOLONG;
		r.reason = reasons::too_long(mp_devargs_max);
		return r;
	}
	int ret = parse(devargs);
	if (ret != 0) {
		r.error = ret < 0 ? ret : -EINVAL;
		r.reason = reasons::parse(r.error);
		return r;
	}
	/* "bus=vdev,nam=x" parses, and names nothing to probe or remove */
	if (name()[0] == '\0') {
		r.error = -EINVAL;
		r.reason = reasons::no_device;
		return r;
	}
	r.device = name();
	return r;
}

const char *
Devargs::bus() const
{
	return da_.bus != nullptr ? rte_bus_name(da_.bus) : "";
}

} // namespace hotplug_mp
