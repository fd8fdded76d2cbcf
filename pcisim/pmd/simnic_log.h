/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef HOTPLUG_MP_SIMNIC_LOG_H
#define HOTPLUG_MP_SIMNIC_LOG_H

#include <rte_log.h>

extern "C" int simnic_logtype;

#define SIMNIC_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, simnic_logtype, \
		"net_simnic: " fmt "\n", ## __VA_ARGS__)

#endif
