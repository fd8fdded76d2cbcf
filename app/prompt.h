/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The interactive prompt: the host reads stdin itself and edits the line
 * with DPDK's rdline, as cmdline_interact() would, so that it draws every
 * prompt itself. Right before each, it prints the lines that waited in the
 * console (events of other processes' requests): they go out between a
 * command's output and the next prompt, never inside either, as a shell
 * reports a finished background job.
 */
#ifndef HOTPLUG_MP_PROMPT_H
#define HOTPLUG_MP_PROMPT_H

#include <cmdline_parse.h>

#include "console.h"

namespace hotplug_mp::host {

/* Runs the prompt until "quit" or the end of stdin; 0, or -1 on error. */
int interact(cmdline_parse_ctx_t *ctx, const char *prompt, Console &console);

} // namespace hotplug_mp::host

#endif
