/* A service's registry entry (DriverKit/IOService.iig), seen by RegistryDriver's user client: the name
 * SetName gives is the one apps match, IDs are unique and stable, properties are the personality's
 * (and the Create dictionary's for a child), SetProperties fails by default, and a child created from
 * the client's properties has the client for provider and can be terminated; selector 6 leaks its
 * copy (the planted bug). The dext's Info.plist
 * and RegistryVersion.h are configured from CMake templates (dext/tests/CMakeLists.txt). */
#include "Dksim.h"

using namespace dksimtest;

namespace {

constexpr int32_t kNotFound = (int32_t)0xe00002f0;

class Registry : public DksimTest
{
protected:
    std::vector<uint64_t> Ask(dksim_connection_t connection, uint32_t selector, uint32_t outputs)
    {
        Shape shape;
        shape.scalarCapacity = outputs;
        CallOutcome outcome = Call(connection, selector, shape);
        EXPECT_EQ(kSuccess, outcome.status) << "selector " << selector;
        return outcome.scalars;
    }
};

TEST_F(Registry, SetNameIsTheNameAppsMatch)
{
    dksim_connection_t connection = 0;
    EXPECT_NE(kSuccess, dksim_open("RegistryDriver", 0, nullptr, 0, &connection)) << "the class name no longer matches";
    EXPECT_NE(0u, Open("RegistryRenamed"));
}

TEST_F(Registry, EntryIDsAreUniqueNonZeroAndStable)
{
    std::vector<uint64_t> ids = Ask(Open("RegistryRenamed"), 0, 3);
    ASSERT_EQ(3u, ids.size());
    EXPECT_NE(0u, ids[0]);
    EXPECT_NE(0u, ids[1]);
    EXPECT_NE(ids[0], ids[1]) << "client and provider are two entries";
    EXPECT_EQ(ids[0], ids[2]) << "an entry keeps its ID";
}

TEST_F(Registry, EntryIDsRepeatAfterAReboot)
{
    std::vector<uint64_t> first = Ask(Open("RegistryRenamed"), 0, 3);
    ASSERT_EQ(kSuccess, dksim_reset());
    ASSERT_EQ(kSuccess, dksim_boot()) << dksim_last_error();
    EXPECT_EQ(first, Ask(Open("RegistryRenamed"), 0, 3));
}

TEST_F(Registry, CopyPropertiesIsThePersonalityFromTheConfiguredInfoPlist)
{
    std::vector<uint64_t> answer = Ask(Open("RegistryRenamed"), 1, 4);
    ASSERT_EQ(4u, answer.size());
    EXPECT_EQ((uint64_t)kSuccess, answer[0]);
    EXPECT_EQ(8u, answer[1]) << "every key of the RegistryDriver personality";
    EXPECT_EQ(456u, answer[2]) << "@REGISTRY_VERSION_NUMBER@ of Info.plist.in";
    EXPECT_EQ(1u, answer[3]);
}

TEST_F(Registry, SearchPropertyLooksAtParentsOnlyWhenAsked)
{
    std::vector<uint64_t> answer = Ask(Open("RegistryRenamed"), 2, 3);
    ASSERT_EQ(3u, answer.size());
    EXPECT_EQ((uint64_t)(uint32_t)kNotFound, answer[0]);
    EXPECT_EQ((uint64_t)kSuccess, answer[1]);
    EXPECT_EQ(456u, answer[2]);
}

TEST_F(Registry, SetPropertiesFailsUnlessOverridden)
{
    EXPECT_EQ(std::vector<uint64_t>{(uint64_t)(uint32_t)kUnsupported}, Ask(Open("RegistryRenamed"), 3, 1));
}

TEST_F(Registry, AChildFromThePropertiesHasItsProviderAndItsOwnProperties)
{
    std::vector<uint64_t> answer = Ask(Open("RegistryRenamed"), 4, 4);
    EXPECT_EQ((std::vector<uint64_t>{(uint64_t)kSuccess, 1, 77, (uint64_t)kSuccess}), answer);
}

TEST_F(Registry, TheConfiguredHeaderCarriesTheBuildVariable)
{
    EXPECT_EQ(std::vector<uint64_t>{456}, Ask(Open("RegistryRenamed"), 5, 1));
}

TEST_F(Registry, PropertiesHandedOutAreReleasedByTheirCaller)
{
    dksim_connection_t connection = Open("RegistryRenamed");
    for (uint32_t selector = 0; selector <= 5; selector++) Ask(connection, selector, 4);
    EXPECT_EQ(kSuccess, dksim_close(connection));
    std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
    text.resize(dksim_live_objects_text(&text[0], text.size()));
    EXPECT_EQ(std::string::npos, text.find("OSDictionary")) << text;
    EXPECT_EQ(std::string::npos, text.find("OSNumber")) << text;
    EXPECT_EQ(std::string::npos, text.find("RegistryChild")) << text;
}

TEST_F(Registry, ThePlantedLeakKeepsTheCopiedProperties)
{
    dksim_connection_t connection = Open("RegistryRenamed");
    EXPECT_EQ(std::vector<uint64_t>{8}, Ask(connection, 6, 1));
    EXPECT_EQ(kSuccess, dksim_close(connection));
    std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
    text.resize(dksim_live_objects_text(&text[0], text.size()));
    EXPECT_NE(std::string::npos, text.find("OSDictionary")) << text;
}

} // namespace
