/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command tables C++ can initialise. cmdline_parse_inst_t (a command and
 * its tokens) and struct testpmd_driver_commands (a module's commands) end
 * in flexible array members, which C initialises in a static definition and
 * C++ does not: g++ takes it as an extension, clang++ refuses it.
 * Instruction<N> and CommandTable<N> have the same layout with a fixed
 * array (checked below), are constants (ready before any constructor runs:
 * modules register from RTE_INIT) and hand DPDK and the host the C type.
 *
 *   Instruction<3> cmd_attach = {
 *           .f = ..., .data = nullptr, .help_str = "...",
 *           .tokens = { &cmd_attach_attach.hdr, &cmd_attach_devargs.hdr, nullptr },
 *   };
 *   CommandTable<2> cmds = {
 *           .next = {}, .commands = { { &cmd_attach, "..." }, { nullptr, nullptr } },
 *   };
 *   testpmd_add_driver_commands(cmds.get());
 */
#ifndef HOTPLUG_MP_COMMAND_TABLE_H
#define HOTPLUG_MP_COMMAND_TABLE_H

#include <cstddef>

#include <cmdline_parse.h>

#include "testpmd_abi.h"

namespace hotplug_mp {

/* cmdline_parse_inst_t with room for N tokens, the last one nullptr */
template <size_t N>
struct Instruction {
	void (*f)(void *, struct cmdline *, void *);
	void *data;
	const char *help_str;
	cmdline_parse_token_hdr_t *tokens[N];

	cmdline_parse_inst_t *get()
	{
		return reinterpret_cast<cmdline_parse_inst_t *>(this);
	}
};

/* one command of a table: ctx is the address of an Instruction<> */
struct TableEntry {
	void *ctx;
	const char *help;
};

/* struct testpmd_driver_commands with N entries, the last one empty */
template <size_t N>
struct CommandTable {
	TAILQ_ENTRY(testpmd_driver_commands) next;
	TableEntry commands[N];

	struct testpmd_driver_commands *get()
	{
		return reinterpret_cast<struct testpmd_driver_commands *>(this);
	}
};

static_assert(offsetof(Instruction<1>, f) == offsetof(cmdline_parse_inst_t, f) &&
	offsetof(Instruction<1>, data) == offsetof(cmdline_parse_inst_t, data) &&
	offsetof(Instruction<1>, help_str) ==
		offsetof(cmdline_parse_inst_t, help_str) &&
	offsetof(Instruction<1>, tokens) == offsetof(cmdline_parse_inst_t, tokens),
	"Instruction<> is laid out as cmdline_parse_inst_t");
static_assert(offsetof(CommandTable<1>, commands) ==
		offsetof(struct testpmd_driver_commands, commands) &&
	sizeof(TableEntry) ==
		sizeof(static_cast<struct testpmd_driver_commands *>(nullptr)->commands[0]) &&
	offsetof(TableEntry, help) == sizeof(void *),
	"CommandTable<> is laid out as struct testpmd_driver_commands");

} // namespace hotplug_mp

#endif
