/*
 * Whole-file comparisons of generated output for the shapes real dexts have: Apple's NullDriver
 * sample, a service and its user client in two files, two classes in one file, a class the
 * .iig compiles out with #if, and data queue callbacks with Apple's IPC attributes.
 */
#include <gtest/gtest.h>

#include "Generator.h"
#include "TestFiles.h"

namespace {

using dkiig_test::fixturePath;
using dkiig_test::readText;

void checkGolden(const std::string &name)
{
    const std::string iig = fixturePath("golden/" + name + ".iig");
    dkiig::GeneratedFiles out = dkiig::generate(readText(iig), {name + ".iig", name + ".h"});
    const std::string headerGolden = fixturePath("golden/" + name + ".h.golden");
    const std::string implGolden = fixturePath("golden/" + name + ".iig.cpp.golden");
    if (dkiig_test::updatingGoldens()) {
        dkiig_test::writeText(headerGolden, out.header);
        dkiig_test::writeText(implGolden, out.impl);
        return;
    }
    EXPECT_EQ(readText(headerGolden), out.header) << "header of " << name;
    EXPECT_EQ(readText(implGolden), out.impl) << "implementation of " << name;
}

TEST(Golden, NullDriverSampleShape) { checkGolden("NullDriver"); }

TEST(Golden, ServiceInItsOwnFile) { checkGolden("ExampleService"); }

TEST(Golden, UserClientInItsOwnFileIncludingTheServiceIig) { checkGolden("ExampleUserClient"); }

TEST(Golden, TwoClassesInOneFile) { checkGolden("MultiClass"); }

/* Data queue callbacks as TYPE(...) actions, and the method and parameter attributes of Apple's
 * .iig headers (KERNEL, REPLY, LOCALHOST, TARGET, TYPE(...) on a parameter, PORTMAKESEND). */
TEST(Golden, DataQueueActionsAndApplesAttributes) { checkGolden("DataQueueService"); }

/* A class inside #if is defined in the .iig.cpp only when the header declares it. */
TEST(Golden, ClassUnderAFeatureSwitch) { checkGolden("ConditionalClass"); }

} // namespace
