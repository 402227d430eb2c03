/* What the default IOUserClient::ExternalMethod records of the dispatch entries ProbeDriver passes it
 * (dksim_take_dispatch_entries): the fields as written, a null function, a missing entry, and nothing
 * for a selector the dext answers itself. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class DispatchRecord : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
        uint32_t count = 0;
        dksim_dispatch_entry drop[16];
        while (dksim_dispatch_entry_count() > 0) ASSERT_EQ(kSuccess, dksim_take_dispatch_entries(drop, 16, &count));
    }

    std::vector<dksim_dispatch_entry> TakeAll()
    {
        std::vector<dksim_dispatch_entry> entries(64);
        uint32_t count = 0;
        EXPECT_EQ(kSuccess, dksim_take_dispatch_entries(entries.data(), (uint32_t)entries.size(), &count));
        entries.resize(count);
        return entries;
    }

    dksim_connection_t connection = 0;
};

constexpr uint32_t kVariable = 0xFFFFFFFFu;

TEST_F(DispatchRecord, AnEntryIsRecordedWithItsFieldsOncePerDistinctEntryWhateverTheCallsShape)
{
    Call(connection, 0, Shape{{7, 9}, {1, 2, 3, 4, 5, 6, 7, 8}, 3, 4});
    Call(connection, 0, Shape{{}, {}, 0, 0}); /* refused by the checks: the entry was still given */
    auto entries = TakeAll();
    ASSERT_EQ(1u, entries.size());
    const dksim_dispatch_entry &entry = entries[0];
    EXPECT_EQ(connection, entry.connection);
    EXPECT_EQ(0u, entry.selector);
    EXPECT_EQ(0u, entry.flags);
    EXPECT_EQ(0u, entry.check_completion_exists);
    EXPECT_EQ(2u, entry.check_scalar_input_count);
    EXPECT_EQ(8u, entry.check_structure_input_size);
    EXPECT_EQ(3u, entry.check_scalar_output_count);
    EXPECT_EQ(4u, entry.check_structure_output_size);
    EXPECT_EQ(2u, entry.calls);
    EXPECT_EQ(0u, entry.reserved);
    EXPECT_TRUE(TakeAll().empty()) << "taken entries are gone";
}

TEST_F(DispatchRecord, VariableFieldsANullFunctionAndAMissingEntryAreTold)
{
    Call(connection, 1, Shape{});
    Call(connection, 6, Shape{});
    Call(connection, 9, Shape{});
    auto entries = TakeAll();
    ASSERT_EQ(3u, entries.size());
    EXPECT_EQ(1u, entries[0].selector) << "first recorded first";
    EXPECT_EQ(kVariable, entries[0].check_completion_exists);
    EXPECT_EQ(kVariable, entries[0].check_structure_output_size);
    EXPECT_EQ(6u, entries[1].selector);
    EXPECT_EQ(DKSIM_DISPATCH_NO_FUNCTION, entries[1].flags);
    EXPECT_EQ(9u, entries[2].selector);
    EXPECT_EQ(DKSIM_DISPATCH_NO_ENTRY, entries[2].flags);
    EXPECT_EQ(0u, entries[2].check_scalar_input_count);
}

TEST_F(DispatchRecord, ASelectorTheDextAnswersItselfRecordsNothing)
{
    Call(connection, 7, Shape{});
    Call(connection, 10, Shape{{}, {}, 1, 0});
    EXPECT_TRUE(TakeAll().empty());
}

TEST_F(DispatchRecord, TakesAreBoundedByCapacityAndResetForgets)
{
    Call(connection, 0, Shape{});
    Call(connection, 1, Shape{});
    dksim_dispatch_entry one{};
    uint32_t count = 7;
    ASSERT_EQ(kSuccess, dksim_take_dispatch_entries(&one, 1, &count));
    EXPECT_EQ(1u, count);
    EXPECT_EQ(0u, one.selector);
    EXPECT_EQ(1u, dksim_dispatch_entry_count());
    EXPECT_EQ(kBadArgument, dksim_take_dispatch_entries(nullptr, 1, &count));
    EXPECT_EQ(kBadArgument, dksim_take_dispatch_entries(&one, 1, nullptr));
    ASSERT_EQ(kSuccess, dksim_take_dispatch_entries(nullptr, 0, &count));
    EXPECT_EQ(0u, count);
    ASSERT_EQ(kSuccess, dksim_reset());
    EXPECT_EQ(0u, dksim_dispatch_entry_count());
}

TEST_F(DispatchRecord, EachConnectionHasItsOwnEntries)
{
    dksim_connection_t second = Open("ProbeDriver", {"com.example.ProbeDriver"});
    Call(connection, 0, Shape{});
    Call(second, 0, Shape{});
    auto entries = TakeAll();
    ASSERT_EQ(2u, entries.size());
    EXPECT_EQ(connection, entries[0].connection);
    EXPECT_EQ(second, entries[1].connection);
}

} // namespace
