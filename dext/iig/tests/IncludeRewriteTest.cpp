#include <gtest/gtest.h>

#include "IncludeRewrite.h"

namespace {

using dkiig::rewriteIigIncludes;

TEST(IncludeRewrite, AngleAndQuotedIigIncludesBecomeHeaders)
{
    EXPECT_EQ("#include <DriverKit/IOService.h>\n", rewriteIigIncludes("#include <DriverKit/IOService.iig>\n"));
    EXPECT_EQ("#include \"Mine.h\"", rewriteIigIncludes("#include \"Mine.iig\""));
    EXPECT_EQ("  #  include   <A.h> // why\n", rewriteIigIncludes("  #  include   <A.iig> // why\n"));
}

TEST(IncludeRewrite, EverythingElseIsUntouched)
{
    const char *const unchanged[] = {
        "#include <DriverKit/IOService.h>\n",
        "#include <Thing.iigx>\n",
        "#import <A.iig>\n",
        "#define HEADER \"A.iig\"\n",
        "static const char *name = \"#include <A.iig>\";\n",
        "#include MACRO_HEADER\n",
    };
    for (const char *text : unchanged) EXPECT_EQ(text, rewriteIigIncludes(text));
}

TEST(IncludeRewrite, OnlyDirectiveLinesOfAMultiLineText)
{
    EXPECT_EQ("int a;\n#include <B.h>\nint c;\n", rewriteIigIncludes("int a;\n#include <B.iig>\nint c;\n"));
}

} // namespace
