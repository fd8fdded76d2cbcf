/* SPDX-License-Identifier: BSD-3-Clause */
#include "faults.h"

#include <cstdlib>
#include <sstream>
#include <string>

#include "simnic_log.h"

namespace hotplug_mp::simnic {

namespace {

/* Whether the variable names this device: "all", or a list with its address. */
bool
listed(const char *var, const struct rte_pci_addr &addr)
{
	const char *value = std::getenv(var);
	if (value == nullptr)
		return false;
	std::istringstream in(value);
	std::string item;
	while (std::getline(in, item, ',')) {
		struct rte_pci_addr a;
		if (item == "all")
			return true;
		if (rte_pci_addr_parse(item.c_str(), &a) != 0) {
			SIMNIC_LOG(WARNING, "%s: ignoring '%s': not a PCI address",
				var, item.c_str());
			continue;
		}
		if (rte_pci_addr_cmp(&a, &addr) == 0)
			return true;
	}
	return false;
}

/* A number of ms up to 60000 from the variable, or 0. */
unsigned int
ms_of(const char *var)
{
	const char *ms = std::getenv(var);
	if (ms == nullptr)
		return 0;
	char *end;
	unsigned long v = std::strtoul(ms, &end, 10);
	if (*ms == '\0' || *end != '\0' || v > 60000) {
		SIMNIC_LOG(WARNING, "%s: ignoring '%s': not a number of ms up "
			"to 60000", var, ms);
		return 0;
	}
	return static_cast<unsigned int>(v);
}

} // namespace

Faults
faults_for(const struct rte_pci_addr &addr)
{
	Faults f;
	f.fail_probe = listed("SIMNIC_FAIL_PROBE", addr);
	f.fail_remove = listed("SIMNIC_FAIL_REMOVE", addr);
	f.probe_delay_ms = ms_of("SIMNIC_PROBE_DELAY_MS");
	f.remove_delay_ms = ms_of("SIMNIC_REMOVE_DELAY_MS");
	f.probe_alarm_ms = ms_of("SIMNIC_PROBE_ALARM_MS");
	f.rmv_watch_ms = ms_of("SIMNIC_RMV_WATCH_MS");
	if (const char *devargs = std::getenv("SIMNIC_PROBE_ATTACH"))
		f.probe_attach = devargs;
	return f;
}

} // namespace hotplug_mp::simnic
