/* SPDX-License-Identifier: BSD-3-Clause */
/* The module's own rte_log type, "hotplug_mp" (e.g. --log-level=hotplug_mp:debug). */
#ifndef HOTPLUG_MP_LOG_H
#define HOTPLUG_MP_LOG_H

#include <rte_log.h>

extern "C" int hotplug_mp_logtype;

#define HPMP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, hotplug_mp_logtype, \
		"hotplug_mp: " fmt "\n", ## __VA_ARGS__)

#endif
