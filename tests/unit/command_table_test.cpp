/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The helps a command's one text gives (plugin/command_table.h): the line
 * cmdline prints on completion and the entry of testpmd's "help", worked
 * out at compile time. No EAL, no mock.
 */
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "command_table.h"

namespace hotplug_mp {
namespace {

template <Literal Usage, Literal What>
std::string
one_line()
{
	return help::Of<Usage, What>::one_line.s;
}

template <Literal Usage, Literal What>
std::string
table_text()
{
	return help::Of<Usage, What>::table_text.s;
}

std::vector<std::string>
lines(const std::string &text)
{
	std::vector<std::string> out;
	std::istringstream in(text);

	for (std::string line; std::getline(in, line);)
		out.push_back(line);
	return out;
}

TEST(CommandHelp, OneLineIsUsageThenWhatItDoes)
{
	EXPECT_EQ((one_line<"list", "List the ports.">()), "list: List the ports.");
}

TEST(CommandHelp, ShortTextIsUsageThenIndentedLine)
{
	EXPECT_EQ((table_text<"quit", "Exit.">()), "quit\n    Exit.\n");
}

TEST(CommandHelp, LongTextWrapsAtWordsWithinTheWidth)
{
	constexpr const char *expected =
		"lock <device>\n"
		"    Refuse the detach of the device, from any process, while this\n"
		"    process uses it. Refuse the detach of the device, from any process,\n"
		"    while this process uses it.\n";
	std::string text = table_text<"lock <device>",
		"Refuse the detach of the device, from any process, while this "
		"process uses it. Refuse the detach of the device, from any "
		"process, while   this process uses it.">();

	EXPECT_EQ(text, expected);
	for (const std::string &line : lines(text))
		EXPECT_LE(line.size(), help::width) << line;
}

TEST(CommandHelp, ALineMayEndAtTheWidthNotBeyond)
{
	/* 4 + 66 + 2 columns: " h" ends at 72; " hh" would not */
	std::string words66 = "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd "
		"eeeeeeeee fffffffff gggggg";
	std::string at72 = table_text<"u", "aaaaaaaaa bbbbbbbbb ccccccccc "
		"ddddddddd eeeeeeeee fffffffff gggggg h">();
	std::string at73 = table_text<"u", "aaaaaaaaa bbbbbbbbb ccccccccc "
		"ddddddddd eeeeeeeee fffffffff gggggg hh">();

	ASSERT_EQ(words66.size(), 66u);
	EXPECT_EQ(at72, "u\n    " + words66 + " h\n");
	EXPECT_EQ(at73, "u\n    " + words66 + "\n    hh\n");
}

TEST(CommandHelp, SpacesBetweenAndAroundWordsAreOne)
{
	EXPECT_EQ((table_text<"u", "a  b   ">()), "u\n    a b\n");
}

TEST(CommandHelp, AWordLongerThanALineStandsAlone)
{
	std::string word(90, 'x');
	std::string text = table_text<"x", "a "
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx b">();

	EXPECT_EQ(text, "x\n    a\n    " + word + "\n    b\n");
}

TEST(CommandHelp, OnlyOneLineOfWordsIsAHelp)
{
	EXPECT_TRUE(help::one_line_of_words("list"));
	EXPECT_TRUE(help::one_line_of_words("a b, c."));
	EXPECT_FALSE(help::one_line_of_words(""));
	EXPECT_FALSE(help::one_line_of_words(" list"));
	EXPECT_FALSE(help::one_line_of_words("a\nb"));
	EXPECT_FALSE(help::one_line_of_words("a\tb"));
}

TEST(CommandHelp, CommandCarriesBothHelpsAndItsTokens)
{
	static cmdline_parse_token_hdr_t a{}, b{};
	struct Token {
		cmdline_parse_token_hdr_t hdr;
	};
	static Token ta{a}, tb{b};
	static constinit auto cmd = command<"x <y>", "Do x to y.">(nullptr, &ta, &tb);
	struct testpmd_driver_commands *table;
	static constinit auto cmds = command_table(entry(cmd));

	table = cmds.get();
	EXPECT_STREQ(cmd.get()->help_str, "x <y>: Do x to y.");
	EXPECT_EQ(cmd.get()->tokens[0], &ta.hdr);
	EXPECT_EQ(cmd.get()->tokens[1], &tb.hdr);
	EXPECT_EQ(cmd.get()->tokens[2], nullptr);
	EXPECT_EQ(table->commands[0].ctx, cmd.get());
	EXPECT_STREQ(table->commands[0].help, "x <y>\n    Do x to y.\n");
	EXPECT_EQ(table->commands[1].ctx, nullptr);
}

} // namespace
} // namespace hotplug_mp
