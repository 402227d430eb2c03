/* A dext that uses the containers compiles through dkiig and runs; what it leaks is counted. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class CollectionsDriver : public DksimTest
{
protected:
    std::string LiveText()
    {
        std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
        text.resize(dksim_live_objects_text(&text[0], text.size()));
        return text;
    }
};

TEST_F(CollectionsDriver, BuildsSerializesAndReleasesItsContainers)
{
    dksim_connection_t connection = Open("CollectionsDriver", {"com.example.CollectionsDriver"});
    std::string before = LiveText();
    CallOutcome outcome = Call(connection, 0, Shape{{1, 2, 3, 40}, {}, 4, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ((std::vector<uint64_t>{4, 46, 7, 1}), outcome.scalars);
    EXPECT_EQ(before, LiveText()) << "every container was released";
    ASSERT_EQ(kSuccess, dksim_close(connection));
}

TEST_F(CollectionsDriver, ALeakedDictionaryIsVisibleToObjectsBalance)
{
    dksim_connection_t connection = Open("CollectionsDriver", {"com.example.CollectionsDriver"});
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{}).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(1, dksim_live_objects("OSDictionary"));
    EXPECT_EQ(1, dksim_live_objects("OSArray"));
    EXPECT_EQ(1, dksim_live_objects("OSNumber"));
    EXPECT_EQ(3, dksim_live_objects("OSString")) << "keys \"name\" and \"values\", value \"leaked\"";
    EXPECT_NE(std::string::npos, LiveText().find("OSDictionary=1\n")) << LiveText();
    EXPECT_EQ(std::string::npos, LiveText().find("OSBoolean")) << LiveText();
}

TEST_F(CollectionsDriver, DecodesSerializedBytesFromTheCaller)
{
    std::string before = LiveText();
    dksim_connection_t connection = Open("CollectionsDriver", {"com.example.CollectionsDriver"});
    /* libkern binary format: {"v": 64-bit 0x1234} */
    std::vector<uint32_t> words = {0xd3, 0x81000001, 0x08000002, 'v', 0x84000040, 0x1234, 0};
    std::vector<uint8_t> bytes((const uint8_t *)words.data(), (const uint8_t *)words.data() + words.size() * 4);
    CallOutcome outcome = Call(connection, 2, Shape{{}, bytes, 1, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ((std::vector<uint64_t>{0x1234}), outcome.scalars);
    bytes.resize(12); /* cut inside the dictionary */
    EXPECT_EQ(kBadArgument, Call(connection, 2, Shape{{}, bytes, 1, 0}).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(before, LiveText()) << "the input OSData and the decoded objects were released";
}

TEST_F(CollectionsDriver, ADictionaryKeptInIvarsIsReleasedWithTheUserClient)
{
    std::string before = LiveText();
    dksim_connection_t connection = Open("CollectionsDriver", {"com.example.CollectionsDriver"});
    std::vector<uint8_t> key = {'k', 'e', 'y'};
    CallOutcome first = Call(connection, 3, Shape{{1}, key, 1, 0});
    ASSERT_EQ(kSuccess, first.status);
    EXPECT_EQ(1u, first.scalars.at(0));
    CallOutcome again = Call(connection, 3, Shape{{2}, key, 1, 0});
    EXPECT_EQ(1u, again.scalars.at(0)) << "the same key replaces its value";
    std::vector<uint8_t> other = {'o', 't', 'h', 'e', 'r'};
    EXPECT_EQ(2u, Call(connection, 3, Shape{{3}, other, 1, 0}).scalars.at(0));
    EXPECT_EQ(1, dksim_live_objects("OSDictionary"));
    EXPECT_EQ(2, dksim_live_objects("OSNumber"));
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(before, LiveText());
}

} // namespace
