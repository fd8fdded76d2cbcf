/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command tables C++ can initialise. cmdline_parse_inst_t (a command and
 * its tokens) and struct testpmd_driver_commands (a module's commands) end
 * in flexible array members, which C initialises in a static definition and
 * C++ does not: g++ takes it as an extension, clang++ refuses it.
 * Instruction<N> and CommandTable<N> have the same layout with a fixed
 * array (checked below), are constants (constinit: ready before any
 * constructor runs, as modules register from RTE_INIT) and hand DPDK and
 * the host the C type. Their sizes follow from what they hold:
 *
 *   constinit auto cmd_attach = instruction(guarded<cmd_attach_parsed>,
 *           "attach <devargs>: attach a device", &cmd_attach_attach,
 *           &cmd_attach_devargs);
 *   constinit auto cmds = command_table(
 *           command(cmd_attach, "attach <devargs>\n    Attach a device.\n"));
 *   testpmd_add_driver_commands(cmds.get());
 *
 * A command has two helps: the line cmdline prints on completion (its
 * help_str) and the text of testpmd's "help" (its table entry).
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

/*
 * The instruction of handler f, with help (one line, which cmdline prints
 * on completion) and its tokens (TOKEN_*_INITIALIZER objects), ended by
 * nullptr.
 */
template <class... Token>
constexpr Instruction<sizeof...(Token) + 1>
instruction(void (*f)(void *, struct cmdline *, void *), const char *help,
	Token *...tokens)
{
	return {f, nullptr, help, {&tokens->hdr..., nullptr}};
}

/* one command of a table: ctx is the address of an Instruction<> */
struct TableEntry {
	void *ctx;
	const char *help;
};

template <size_t N>
constexpr TableEntry
command(Instruction<N> &inst, const char *help)
{
	return {&inst, help};
}

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

/* the table of these commands, ended by an empty entry */
template <class... Entry>
constexpr CommandTable<sizeof...(Entry) + 1>
command_table(Entry... entries)
{
	return {{}, {entries..., TableEntry{nullptr, nullptr}}};
}

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
