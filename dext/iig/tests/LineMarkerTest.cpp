/*
 * The #line directives of every golden header tell the truth: after #line N "Name.iig" each line
 * is line N, N+1, ... of the .iig (includes rewritten), and after #line N "Name.h" the numbering
 * is the header's own. Otherwise compiler errors would point at the wrong line.
 */
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "Generator.h"
#include "IncludeRewrite.h"
#include "TestFiles.h"

namespace {

std::vector<std::string> splitLines(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool parseLineDirective(const std::string &line, int &number, std::string &file)
{
    if (line.rfind("#line ", 0) != 0) return false;
    std::istringstream in(line.substr(6));
    in >> number >> file;
    file = file.substr(1, file.size() - 2);
    return true;
}

void checkLineMarkers(const std::string &name)
{
    const std::string iigName = name + ".iig";
    const std::string headerName = name + ".h";
    const std::string iig = dkiig_test::readText(dkiig_test::fixturePath("golden/" + iigName));
    const std::vector<std::string> iigLines = splitLines(iig);
    const std::string header = dkiig::generate(iig, {iigName, headerName}).header;
    const std::vector<std::string> headerLines = splitLines(header);
    std::string currentFile = headerName;
    int presumed = 1;
    int directives = 0;
    for (std::size_t i = 0; i < headerLines.size(); ++i) {
        int number = 0;
        std::string file;
        if (parseLineDirective(headerLines[i], number, file)) {
            ++directives;
            if (file == headerName)
                EXPECT_EQ(static_cast<int>(i) + 2, number) << name << ": header line " << i + 1;
            else
                EXPECT_EQ(iigName, file);
            currentFile = file;
            presumed = number;
            continue;
        }
        if (currentFile == iigName) {
            ASSERT_LE(presumed, static_cast<int>(iigLines.size())) << name << ": header line " << i + 1;
            EXPECT_EQ(dkiig::rewriteIigIncludes(iigLines[presumed - 1]), headerLines[i])
                << name << ": header line " << i + 1 << " claims to be " << iigName << ":" << presumed;
        }
        ++presumed;
    }
    EXPECT_GE(directives, 2) << name;
}

TEST(LineMarkers, NullDriver) { checkLineMarkers("NullDriver"); }
TEST(LineMarkers, ExampleService) { checkLineMarkers("ExampleService"); }
TEST(LineMarkers, ExampleUserClient) { checkLineMarkers("ExampleUserClient"); }
TEST(LineMarkers, MultiClass) { checkLineMarkers("MultiClass"); }

} // namespace
