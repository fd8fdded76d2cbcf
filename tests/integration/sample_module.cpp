/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal further command module, for the test that dpdk-hotplug_mp
 * loads modules with EAL -d through testpmd's driver-command ABI.
 */
#include <cstdio>

#include <cmdline_parse.h>
#include <cmdline_parse_string.h>
#include <rte_common.h>

#include "command_table.h"
#include "testpmd_abi.h"

namespace {

struct cmd_hello_result {
	cmdline_fixed_string_t hello;
};

void
cmd_hello_parsed(void *, struct cmdline *, void *) noexcept
{
	std::puts("hello from the sample module");
	std::fflush(stdout);
}

cmdline_parse_token_string_t cmd_hello_hello =
	TOKEN_STRING_INITIALIZER(struct cmd_hello_result, hello, "sample_hello");

constinit auto cmd_hello = hotplug_mp::command<"sample_hello", "Say hello.">(
	cmd_hello_parsed, &cmd_hello_hello);

constinit auto sample_cmds = hotplug_mp::command_table(
	hotplug_mp::entry(cmd_hello));

} // namespace

RTE_INIT(sample_module_register)
{
	testpmd_add_driver_commands(sample_cmds.get());
}
