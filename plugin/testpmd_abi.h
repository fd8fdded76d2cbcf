/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * testpmd's driver-command ABI (app/test-pmd/testpmd.h, the same in DPDK
 * 22.11 and 26.07), which testpmd does not install. A module fills one
 * table and hands it to testpmd_add_driver_commands(); whichever host
 * process exports that symbol (dpdk-testpmd, dpdk-hotplug_mp) merges the
 * commands into its prompt.
 */
#ifndef HOTPLUG_MP_TESTPMD_ABI_H
#define HOTPLUG_MP_TESTPMD_ABI_H

#include <sys/queue.h>

#include <cmdline_parse.h>

#ifdef __cplusplus
extern "C" {
#endif

struct testpmd_driver_commands {
	TAILQ_ENTRY(testpmd_driver_commands) next;
	struct {
		cmdline_parse_inst_t *ctx;
		const char *help;
	} commands[];
};

/* Provided by the host executable, resolved when the module is loaded. */
void testpmd_add_driver_commands(struct testpmd_driver_commands *c);

#ifdef __cplusplus
}
#endif

#endif
