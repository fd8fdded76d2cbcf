/* SPDX-License-Identifier: BSD-3-Clause */
/* --cmdline-file: run a command script, stopping at "quit". */
#ifndef HOTPLUG_MP_SCRIPT_H
#define HOTPLUG_MP_SCRIPT_H

#include <string>

#include <cmdline_parse.h>

#include "console.h"

namespace hotplug_mp::host {

/*
 * Runs every line of path through the same parser as the prompt, echoing
 * each as "<prompt><line>"; after each, the lines that waited in the
 * console go out. A line that does not parse is reported to the console
 * as a failed command. Returns 0, or -1 when the file cannot be read.
 */
int run_script(cmdline_parse_ctx_t *ctx, const char *prompt,
	const std::string &path, Console &console);

} // namespace hotplug_mp::host

#endif
