/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command tables C++ can initialise. cmdline_parse_inst_t (a command and
 * its tokens) and struct testpmd_driver_commands (a module's commands) end
 * in flexible array members, which C initialises in a static definition and
 * C++ does not: g++ takes it as an extension, clang++ refuses it.
 * Instruction<N> and CommandTable<N> have the same layout with a fixed
 * array (checked below), are constants (constinit: ready before any
 * constructor runs, as modules register from RTE_INIT) and hand DPDK and
 * the host the C type. Their sizes follow from what they hold, and a
 * command's help is written once, as its usage and what it does:
 *
 *   constinit auto cmd_attach = command<"attach <devargs>",
 *           "Attach a device in every process.">(guarded<cmd_attach_parsed>,
 *           &cmd_attach_attach, &cmd_attach_devargs);
 *   constinit auto cmds = command_table(entry(cmd_attach));
 *   testpmd_add_driver_commands(cmds.get());
 *
 * From it come the two helps DPDK asks for: the line cmdline prints on
 * completion (the instruction's help_str, "usage: what") and the text of
 * testpmd's "help" (the table entry: the usage, then what it does,
 * indented and wrapped).
 */
#ifndef HOTPLUG_MP_COMMAND_TABLE_H
#define HOTPLUG_MP_COMMAND_TABLE_H

#include <cstddef>
#include <string_view>

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

/* a string literal as a template argument */
template <size_t N>
struct Literal {
	char s[N];

	constexpr Literal(const char (&str)[N])
	{
		for (size_t i = 0; i < N; i++)
			s[i] = str[i];
	}

	constexpr std::string_view view() const
	{
		return {s, N - 1};
	}
};

namespace help {

/* testpmd's help: what a command does, indented so, wrapped at width */
constexpr size_t indent = 4;
constexpr size_t width = 72;

/*
 * Writes "usage: what" to out (when not nullptr), returns its length, the
 * terminating NUL left out.
 */
constexpr size_t
line(std::string_view usage, std::string_view what, char *out)
{
	size_t n = 0;

	for (std::string_view part : {usage, std::string_view(": "), what})
		for (char c : part) {
			if (out != nullptr)
				out[n] = c;
			n++;
		}
	return n;
}

/*
 * Writes "usage\n" and then what, its words wrapped into lines of at most
 * width columns that start with indent spaces, each ended by a newline, to
 * out (when not nullptr); returns its length, the NUL left out. A word
 * longer than a line has one to itself, and overflows it.
 */
constexpr size_t
text(std::string_view usage, std::string_view what, char *out)
{
	size_t n = 0;
	auto put = [&](char c) {
		if (out != nullptr)
			out[n] = c;
		n++;
	};
	size_t column = 0;

	for (char c : usage)
		put(c);
	put('\n');
	while (!what.empty() && what.front() == ' ')
		what.remove_prefix(1);
	while (!what.empty()) {
		/*
		 * the word's length, counted by hand: under GCC 12's
		 * -fsanitize=undefined, string_view::find() is no constant
		 * expression
		 */
		size_t word = 0;
		while (word < what.size() && what[word] != ' ')
			word++;
		if (column > indent && column + 1 + word > width) {
			put('\n');
			column = 0;
		}
		if (column == 0)
			for (; column < indent; column++)
				put(' ');
		else {
			put(' ');
			column++;
		}
		for (size_t i = 0; i < word; i++)
			put(what[i]);
		column += word;
		what.remove_prefix(word);
		while (!what.empty() && what.front() == ' ')
			what.remove_prefix(1);
	}
	put('\n');
	return n;
}

/* the characters one of the functions above writes, NUL-terminated */
template <size_t N>
struct Text {
	char s[N + 1] = {};
};

/* one line of printable characters, no tab, starting with a word */
constexpr bool
one_line_of_words(std::string_view s)
{
	if (s.empty() || s.front() == ' ')
		return false;
	for (char c : s)
		if (static_cast<unsigned char>(c) < ' ' || c == 0x7f)
			return false;
	return true;
}

template <Literal Usage, Literal What>
struct Of {
	static_assert(one_line_of_words(Usage.view()) &&
		one_line_of_words(What.view()),
		"a command's usage and help are each one line of words");

	static constexpr auto one_line = [] {
		Text<line(Usage.view(), What.view(), nullptr)> t;
		line(Usage.view(), What.view(), t.s);
		return t;
	}();
	static constexpr auto table_text = [] {
		Text<text(Usage.view(), What.view(), nullptr)> t;
		text(Usage.view(), What.view(), t.s);
		return t;
	}();
};

} // namespace help

/* an instruction whose helps are those of Help (a help::Of<>) */
template <size_t N, class Help>
struct Command {
	Instruction<N> inst;

	cmdline_parse_inst_t *get()
	{
		return inst.get();
	}
};

/*
 * The command Usage ("attach <devargs>") that does What (one or more
 * sentences): handler f of its tokens (TOKEN_*_INITIALIZER objects).
 */
template <Literal Usage, Literal What, class... Token>
constexpr Command<sizeof...(Token) + 1, help::Of<Usage, What>>
command(void (*f)(void *, struct cmdline *, void *), Token *...tokens)
{
	return {{f, nullptr, help::Of<Usage, What>::one_line.s,
		{&tokens->hdr..., nullptr}}};
}

/* one command of a table: ctx is the address of an Instruction<> */
struct TableEntry {
	void *ctx;
	const char *help;
};

template <size_t N, class Help>
constexpr TableEntry
entry(Command<N, Help> &cmd)
{
	return {&cmd.inst, Help::table_text.s};
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
