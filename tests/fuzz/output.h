/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the commands print, kept from the terminal: standard output goes to
 * an in-memory file, which a target reads (and empties) after each input.
 */
#ifndef HOTPLUG_MP_FUZZ_OUTPUT_H
#define HOTPLUG_MP_FUZZ_OUTPUT_H

#include <string>
#include <vector>

namespace hotplug_mp::fuzz {

/*
 * Silences DPDK's log and sends fd 1 to an in-memory file, once per
 * process: the start of a target's LLVMFuzzerInitialize().
 */
void start_quiet();

/* The lines of text, split at each newline (no empty last line). */
std::vector<std::string> split_lines(const std::string &text);

/* What was printed since the last call. */
std::string take_stdout();

/*
 * Ends the process with the output and why, when a handler reported an
 * exception (a line "internal error: <what>", from guarded<>): no input
 * may make one throw. The lines a script echoes begin with the prompt.
 */
void check_no_internal_error(const std::string &output);

} // namespace hotplug_mp::fuzz

#endif
