/* What the ASan build reports: a mapping ends where its memory ends, so reading one byte past a
 * mapping that reaches the end of its descriptor is a heap-buffer-overflow. In the release build
 * these tests are skipped. */
#include "Collections.h"

#include <string.h>

using collectionstest::Collections;

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DKSIM_TEST_ASAN 1
#endif
#endif

namespace {

using MappingBounds = Collections;

static uint8_t ReadAt(uint64_t address, uint64_t index)
{
    return ((volatile const uint8_t *)(uintptr_t)address)[index];
}

#ifdef DKSIM_TEST_ASAN
#define REQUIRE_ASAN() (void)0
#else
#define REQUIRE_ASAN() GTEST_SKIP() << "ASan build only"
#endif

TEST_F(MappingBounds, ReadingPastAWholeMappingIsAnError)
{
    REQUIRE_ASAN();
    IOMemoryDescriptor *memory = IOMemoryDescriptor::dksimCreate(10, "0123456789", kIOMemoryDirectionOut);
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 0, 0, 0, &map));
    EXPECT_EQ('9', ReadAt(map->GetAddress(), map->GetLength() - 1));
    EXPECT_DEATH(ReadAt(map->GetAddress(), map->GetLength()), "heap-buffer-overflow.*\n.*READ");
    map->release();
    memory->release();
}

TEST_F(MappingBounds, ReadingPastWhatMapGaveIsAnError)
{
    REQUIRE_ASAN();
    IOBufferMemoryDescriptor *buffer = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, 24, 0, &buffer));
    uint64_t address = 0, length = 0;
    ASSERT_EQ(kIOReturnSuccess, buffer->Map(0, 0, 0, 0, &address, &length));
    EXPECT_EQ(0, ReadAt(address, length - 1));
    EXPECT_DEATH(ReadAt(address, length), "heap-buffer-overflow.*\n.*READ");
    buffer->release();
}

TEST_F(MappingBounds, ReadingPastTheEndOfASubDescriptorAtItsParentsEndIsAnError)
{
    REQUIRE_ASAN();
    IOMemoryDescriptor *memory = IOMemoryDescriptor::dksimCreate(10, "0123456789", kIOMemoryDirectionOut);
    IOMemoryDescriptor *sub = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 6, 4, memory, &sub));
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, sub->CreateMapping(0, 0, 0, 0, 0, &map));
    EXPECT_EQ('6', ReadAt(map->GetAddress(), 0));
    EXPECT_DEATH(ReadAt(map->GetAddress(), 4), "heap-buffer-overflow.*\n.*READ");
    map->release();
    sub->release();
    memory->release();
}

TEST_F(MappingBounds, ReadingPastAMappingAcrossConcatenatedPartsIsAnError)
{
    REQUIRE_ASAN();
    IOMemoryDescriptor *a = IOMemoryDescriptor::dksimCreate(4, "0123", kIOMemoryDirectionOut);
    IOMemoryDescriptor *b = IOMemoryDescriptor::dksimCreate(6, "456789", kIOMemoryDirectionOut);
    IOMemoryDescriptor *parts[] = {a, b};
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 2, parts, &memory));
    uint64_t address = 0, length = 0;
    ASSERT_EQ(kIOReturnSuccess, memory->Map(0, 0, 0, 0, &address, &length));
    EXPECT_EQ('9', ReadAt(address, length - 1));
    EXPECT_DEATH(ReadAt(address, length), "heap-buffer-overflow.*\n.*READ");
    memory->release();
    a->release();
    b->release();
}

} // namespace
