/*
 * The tool as a build step sees it: exit codes, exactly one line on stderr for a bad .iig, and
 * no output (or leftover temporary) unless generation succeeded.
 */
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <vector>

#include "Generator.h"
#include "TestFiles.h"
#include "Tool.h"

namespace {

namespace fs = std::filesystem;

class CommandLine : public ::testing::Test
{
protected:
    void SetUp() override
    {
        dir_ = fs::temp_directory_path() /
               ("dkiig-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    int run(std::vector<std::string> args)
    {
        args.insert(args.begin(), "dkiig");
        std::vector<const char *> argv;
        for (const std::string &a : args) argv.push_back(a.c_str());
        out_.str("");
        err_.str("");
        return dkiig::runTool(static_cast<int>(argv.size()), argv.data(), out_, err_);
    }

    std::vector<std::string> filesInDir() const
    {
        std::vector<std::string> names;
        for (const auto &entry : fs::recursive_directory_iterator(dir_))
            names.push_back(entry.path().filename().string());
        return names;
    }

    std::string path(const std::string &name) const { return (dir_ / name).string(); }

    fs::path dir_;
    std::ostringstream out_;
    std::ostringstream err_;
};

TEST_F(CommandLine, HelpPrintsUsageAndSucceeds)
{
    EXPECT_EQ(0, run({"--help"}));
    EXPECT_NE(std::string::npos, out_.str().find("usage: dkiig --input"));
    EXPECT_TRUE(err_.str().empty());
}

TEST_F(CommandLine, MissingArgumentIsAUsageError)
{
    EXPECT_EQ(2, run({"--input", "x.iig", "--header", "x.h"}));
    EXPECT_EQ("dkiig: error: missing --impl (see dkiig --help)\n", err_.str());
}

TEST_F(CommandLine, UnknownArgumentIsAUsageError)
{
    EXPECT_EQ(2, run({"--input", "x.iig", "--frobnicate"}));
    EXPECT_EQ("dkiig: error: unknown argument '--frobnicate' (see dkiig --help)\n", err_.str());
}

TEST_F(CommandLine, GeneratesBothFiles)
{
    const std::string iig = dkiig_test::fixturePath("golden/NullDriver.iig");
    ASSERT_EQ(0,
              run({"--input", iig, "--header", path("out/NullDriver.h"), "--impl=" + path("out/NullDriver.iig.cpp")}))
        << err_.str();
    EXPECT_TRUE(err_.str().empty());
    dkiig::GeneratedFiles expected = dkiig::generate(dkiig_test::readText(iig), {"NullDriver.iig", "NullDriver.h"});
    EXPECT_EQ(expected.header, dkiig_test::readText(path("out/NullDriver.h")));
    EXPECT_EQ(expected.impl, dkiig_test::readText(path("out/NullDriver.iig.cpp")));
    std::vector<std::string> files = filesInDir();
    std::sort(files.begin(), files.end());
    EXPECT_EQ((std::vector<std::string>{"NullDriver.h", "NullDriver.iig.cpp", "out"}), files) << "no temporaries";
}

TEST_F(CommandLine, BadInputPrintsOneLineAndWritesNothing)
{
    dkiig_test::writeText(path("Bad.iig"), "class Bad : public IOService\n{\n    uint32_t count;\n};\n");
    EXPECT_EQ(1, run({"--input", path("Bad.iig"), "--header", path("Bad.h"), "--impl", path("Bad.iig.cpp")}));
    EXPECT_EQ(path("Bad.iig") + ":3: error: data member 'count' is not supported; DriverKit classes keep state in "
                                "their ivars\n",
              err_.str());
    EXPECT_EQ(std::vector<std::string>{"Bad.iig"}, filesInDir());
}

TEST_F(CommandLine, UnreadableInputFails)
{
    EXPECT_EQ(1, run({"--input", path("missing.iig"), "--header", path("m.h"), "--impl", path("m.iig.cpp")}));
    EXPECT_EQ(path("missing.iig") + ": error: cannot read the input file\n", err_.str());
    EXPECT_TRUE(filesInDir().empty());
}

TEST_F(CommandLine, UnwritableOutputFailsWithoutLeftovers)
{
    const std::string iig = dkiig_test::fixturePath("golden/NullDriver.iig");
    dkiig_test::writeText(path("blocker"), "a file where a directory is needed");
    EXPECT_EQ(1, run({"--input", iig, "--header", path("NullDriver.h"), "--impl", path("blocker/NullDriver.iig.cpp")}));
    EXPECT_EQ(0u, err_.str().rfind("dkiig: error: ", 0)) << err_.str();
    EXPECT_EQ(std::vector<std::string>{"blocker"}, filesInDir()) << "the header must not be written either";
}

} // namespace
