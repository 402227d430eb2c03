/* IOConnectMapMemory64 through dksim_map_memory on SharedMemoryDriver: the dext's
 * CopyClientMemoryForType, the mapping's reference to the descriptor, read-only memory, the
 * IODataQueueDispatchSource layout the app reads, and the planted bug (an index from the shared
 * memory used unchecked), which the ASan build of this suite turns into a death. */
#include "Dksim.h"

#include <string.h>

using namespace dksimtest;

namespace {

constexpr int32_t kNotWritable = (int32_t)0xe00002cf;
constexpr uint32_t kRegion = 0;
constexpr uint32_t kQueue = 1;
constexpr uint64_t kQueueHeader = 128; /* IODataQueueMemory: head, tail, needServicedCallback, reserved */

class SharedMemoryDriver : public DksimTest
{
protected:
    dksim_connection_t OpenClient() { return Open("SharedMemoryDriver", {"com.example.SharedMemoryDriver"}); }

    uint64_t Map(dksim_connection_t connection, uint32_t type, uint64_t *options = nullptr, uint64_t *length = nullptr)
    {
        uint64_t map = 0, given = 0, size = 0;
        EXPECT_EQ(kSuccess, dksim_map_memory(connection, type, &given, &map, &size)) << dksim_last_error();
        if (options) *options = given;
        if (length) *length = size;
        return map;
    }

    void WriteU32(uint64_t map, uint64_t offset, uint32_t value)
    {
        ASSERT_EQ(kSuccess, dksim_memory_write(map, offset, &value, sizeof value)) << dksim_last_error();
    }

    uint32_t ReadU32(uint64_t map, uint64_t offset)
    {
        uint32_t value = 0;
        EXPECT_EQ(kSuccess, dksim_memory_read(map, offset, &value, sizeof value)) << dksim_last_error();
        return value;
    }
};

TEST_F(SharedMemoryDriver, TheRegionIsSharedBothWays)
{
    dksim_connection_t connection = OpenClient();
    uint64_t options = 99, length = 0;
    uint64_t map = Map(connection, kRegion, &options, &length);
    EXPECT_NE(0u, map);
    EXPECT_EQ(0u, options);
    EXPECT_EQ(256u, length) << "RequestRegionBytes of the user client's properties";
    WriteU32(map, 0, 3);
    uint64_t values[3] = {1, 20, 300};
    ASSERT_EQ(kSuccess, dksim_memory_write(map, 8, values, sizeof values));
    CallOutcome outcome = Call(connection, 0, Shape{{}, {}, 1, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(321u, outcome.scalars.at(0));
    ASSERT_EQ(kSuccess, dksim_close(connection));
}

TEST_F(SharedMemoryDriver, AnAccessPastTheMappingIsRefused)
{
    dksim_connection_t connection = OpenClient();
    uint64_t map = Map(connection, kRegion);
    uint8_t byte = 1;
    EXPECT_EQ(kBadArgument, dksim_memory_write(map, 256, &byte, 1));
    EXPECT_EQ(kBadArgument, dksim_memory_read(map, UINT64_MAX, &byte, 2)) << "no overflow";
    EXPECT_EQ(kSuccess, dksim_memory_read(map, 255, &byte, 1));
    EXPECT_EQ(kBadArgument, dksim_memory_read(12345, 0, &byte, 1)) << "no such mapping";
}

TEST_F(SharedMemoryDriver, AnUnknownTypeIsTheKernelsBadArgument)
{
    dksim_connection_t connection = OpenClient();
    uint64_t options = 0, map = 7, length = 7;
    EXPECT_EQ(kBadArgument, dksim_map_memory(connection, 5, &options, &map, &length));
    EXPECT_EQ(0u, map);
    EXPECT_EQ(0u, length);
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "CopyClientMemoryForType(type 5)")) << dksim_last_error();
    EXPECT_EQ(kNotOpen, dksim_map_memory(999, 0, &options, &map, &length));
}

TEST_F(SharedMemoryDriver, TheEventQueueIsReadOnlyAndLaidOutAsIODataQueueMemory)
{
    dksim_connection_t connection = OpenClient();
    uint64_t options = 0, length = 0;
    uint64_t map = Map(connection, kQueue, &options, &length);
    EXPECT_EQ(DKSIM_MEMORY_READ_ONLY, options);
    EXPECT_EQ(kQueueHeader + 1024, length);
    uint32_t value = 1;
    EXPECT_EQ(kNotWritable, dksim_memory_write(map, 0, &value, sizeof value));

    ASSERT_EQ(kSuccess, Call(connection, 2, Shape{{0xabc}, {}, 1, 0}).status);
    ASSERT_EQ(kSuccess, Call(connection, 2, Shape{{0xdef}, {}, 1, 0}).status);
    EXPECT_EQ(0u, ReadU32(map, 0)) << "head";
    EXPECT_EQ(2u * (4 + 16), ReadU32(map, 4)) << "tail: two entries of a 4-byte size and 16 bytes";
    EXPECT_EQ(16u, ReadU32(map, kQueueHeader)) << "the first entry's size";
    uint64_t event[2] = {};
    ASSERT_EQ(kSuccess, dksim_memory_read(map, kQueueHeader + 4, event, sizeof event));
    EXPECT_EQ(1u, event[0]);
    EXPECT_EQ(0xabcu, event[1]);
    ASSERT_EQ(kSuccess, dksim_memory_read(map, kQueueHeader + 24, event, sizeof event));
    EXPECT_EQ(2u, event[0]);
    EXPECT_EQ(0xdefu, event[1]);
}

TEST_F(SharedMemoryDriver, AFullQueueRefusesAndSaysSo)
{
    dksim_connection_t connection = OpenClient();
    uint64_t queued = 0;
    for (int k = 0; k < 60; k++) queued += Call(connection, 2, Shape{{(uint64_t)k}, {}, 1, 0}).scalars.at(0);
    EXPECT_EQ(51u, queued) << "1024 bytes hold 51 entries of 20 bytes, one byte always kept free";
    CallOutcome stats = Call(connection, 3, Shape{{}, {}, 4, 0});
    EXPECT_EQ((std::vector<uint64_t>{61, 51, 256, 16}), stats.scalars);
}

TEST_F(SharedMemoryDriver, TheMappingHoldsTheDescriptorUntilUnmapOrClose)
{
    dksim_connection_t connection = OpenClient();
    int64_t before = dksim_live_objects("IOBufferMemoryDescriptor");
    uint64_t region = Map(connection, kRegion);
    uint64_t queue = Map(connection, kQueue);
    EXPECT_EQ(before, dksim_live_objects("IOBufferMemoryDescriptor")) << "the same descriptors, referenced";
    ASSERT_EQ(kSuccess, dksim_unmap_memory(region));
    EXPECT_EQ(kBadArgument, dksim_unmap_memory(region)) << "already unmapped";
    uint8_t byte = 0;
    EXPECT_EQ(kBadArgument, dksim_memory_read(region, 0, &byte, 1));
    EXPECT_EQ(kSuccess, dksim_memory_read(queue, 0, &byte, 1));
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(kBadArgument, dksim_memory_read(queue, 0, &byte, 1)) << "gone with the connection";
    EXPECT_EQ(0, dksim_live_objects("IOBufferMemoryDescriptor")) << "nothing leaked, nothing released twice";
    EXPECT_EQ(0, dksim_live_objects("IODataQueueDispatchSource"));
    EXPECT_EQ(0, dksim_live_objects("SharedMemoryUserClient"));
}

TEST_F(SharedMemoryDriver, LookupReadsTheTableAtTheIndexTheAppWrote)
{
    dksim_connection_t connection = OpenClient();
    uint64_t map = Map(connection, kRegion);
    WriteU32(map, 4, 5);
    CallOutcome outcome = Call(connection, 1, Shape{{}, {}, 1, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(105u, outcome.scalars.at(0));
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
TEST_F(SharedMemoryDriver, ThePlantedBugIsAnOutOfBoundsReadASanSees)
{
    dksim_connection_t connection = OpenClient();
    uint64_t map = Map(connection, kRegion);
    WriteU32(map, 4, 8);
    EXPECT_DEATH(Call(connection, 1, Shape{{}, {}, 1, 0}), "heap-buffer-overflow");
}
#endif
#endif

} // namespace
