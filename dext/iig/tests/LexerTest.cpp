#include <gtest/gtest.h>

#include "Diagnostic.h"
#include "FileParser.h"
#include "Lexer.h"

namespace {

std::vector<std::string> texts(const std::string &source)
{
    std::vector<std::string> out;
    for (const dkiig::Token &t : dkiig::tokenize(source))
        if (t.kind != dkiig::TokenKind::End) out.push_back(t.text);
    return out;
}

TEST(Lexer, DirectivesAreOneTokenIncludingContinuations)
{
    auto tokens = dkiig::tokenize("#define OPEN {\\\n  }\nint x; # if A /* spans\n lines */\n");
    ASSERT_EQ(dkiig::TokenKind::Directive, tokens[0].kind);
    EXPECT_EQ("#define OPEN {\\\n  }", tokens[0].text);
    EXPECT_EQ("int", tokens[1].text);
    EXPECT_EQ(3, tokens[1].line);
    /* '#' not first on its line is not a directive */
    EXPECT_EQ(dkiig::TokenKind::Punct, tokens[4].kind);
}

TEST(Lexer, CommentsVanishAndMarkSpacing)
{
    auto tokens = dkiig::tokenize("a/* x */b // c\n/** doc\n */ c");
    ASSERT_EQ(4u, tokens.size());
    EXPECT_EQ("b", tokens[1].text);
    EXPECT_TRUE(tokens[1].spaceBefore);
    EXPECT_EQ("c", tokens[2].text);
    EXPECT_EQ(3, tokens[2].line);
}

TEST(Lexer, LiteralsHideBracesAndQuotes)
{
    EXPECT_EQ((std::vector<std::string>{"x", "=", "'{'", ";", "s", "=", "\"}\\\"{\"", ";"}),
              texts("x = '{'; s = \"}\\\"{\";"));
    EXPECT_EQ((std::vector<std::string>{"r", "=", "R\"d({\")\n})d\"", ";"}), texts("r = R\"d({\")\n})d\";"));
    EXPECT_EQ((std::vector<std::string>{"n", "=", "1'000'000", "+", "0x1p-3", ";"}), texts("n = 1'000'000 + 0x1p-3;"));
}

TEST(Lexer, JoinsOnlyScopeArrowAndEllipsis)
{
    EXPECT_EQ((std::vector<std::string>{"A", "::", "B", "->", "c", "...", "<", "<", "="}), texts("A::B->c...<<="));
}

TEST(Lexer, UnterminatedCharacterLiteral)
{
    try {
        dkiig::tokenize("\nchar c = 'x;\n");
        FAIL();
    } catch (const dkiig::IigError &e) {
        EXPECT_EQ(2, e.line());
    }
}

TEST(FileParser, BracesInDirectivesAndLiteralsDoNotCount)
{
    dkiig::IigFile file = dkiig::parseIigFile("#define BEGIN {\nstatic const char k = '}';\n"
                                              "class C : public IOService\n{\n};\n");
    ASSERT_EQ(2u, file.items.size());
    EXPECT_EQ("C", std::get<dkiig::ClassDecl>(file.items[1]).name);
}

TEST(FileParser, NonDefinitionsOfClassesPassThrough)
{
    dkiig::IigFile file = dkiig::parseIigFile("class Forward;\nenum class Mode : int { A, B };\n"
                                              "class Forward *gForward;\nvoid f(class Forward *p);\n");
    ASSERT_EQ(1u, file.items.size());
    EXPECT_TRUE(std::holds_alternative<dkiig::VerbatimBlock>(file.items[0]));
}

} // namespace
