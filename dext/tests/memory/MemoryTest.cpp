/* IOMemoryDescriptor::CreateMapping, Map and CreateSubMemoryDescriptor, IOMemoryMap and
 * IOBufferMemoryDescriptor, against the runtime directly. The rules are xnu's (CreateMapping_Impl,
 * createMappingInTask, CreateSubMemoryDescriptor_Impl, IOBufferMemoryDescriptor Create_Impl and
 * SetLength_Impl in iokit/Kernel/IOUserServer.cpp); see docs/driverkit-semantics.md, section 12. */
#include "Collections.h"

#include <string.h>

using collectionstest::Collections;

namespace {

using Memory = Collections;

/* A descriptor as the kernel hands one to a user client: the app's bytes, exactly its length. */
static IOMemoryDescriptor *FromApp(const char *text)
{
    return IOMemoryDescriptor::dksimCreate(strlen(text), text, kIOMemoryDirectionOut);
}

TEST_F(Memory, AWholeMappingIsTheDescriptorsOwnBytes)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 0, 0, 0, &map));
    ASSERT_NE(nullptr, map);
    EXPECT_EQ((uint64_t)(uintptr_t)memory->dksimBytes(), map->GetAddress()) << "no copy";
    EXPECT_EQ(10u, map->GetLength());
    EXPECT_EQ(0u, map->GetOffset());
    EXPECT_EQ(0, memcmp((const void *)(uintptr_t)map->GetAddress(), "0123456789", 10));
    ((char *)(uintptr_t)map->GetAddress())[3] = 'x';
    EXPECT_EQ('x', memory->dksimBytes()[3]) << "a write through the mapping is a write to the memory";
    map->release();
    memory->release();
}

TEST_F(Memory, AMappingOfARangeStartsAtItsOffset)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(kIOMemoryMapReadOnly, 0, 4, 6, 0, &map));
    EXPECT_EQ((uint64_t)(uintptr_t)(memory->dksimBytes() + 4), map->GetAddress());
    EXPECT_EQ(6u, map->GetLength());
    EXPECT_EQ(4u, map->GetOffset());
    map->release();
    memory->release();
}

TEST_F(Memory, LengthZeroMeansTheWholeLengthWhateverTheOffset)
{
    /* createMappingInTask: length 0 becomes getLength(), so any offset > 0 runs past the end. */
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryMap *map = nullptr;
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, 1, 0, 0, &map));
    EXPECT_EQ(nullptr, map);
    memory->release();
}

TEST_F(Memory, ARangePastTheEndIsAnError)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryMap *map = nullptr;
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, 0, 11, 0, &map));
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, 5, 6, 0, &map));
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, 11, 0, 0, &map));
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, UINT64_MAX, 2, 0, &map)) << "offset + length overflows";
    EXPECT_EQ(nullptr, map);
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 9, 1, 0, &map)) << "the last byte alone";
    EXPECT_EQ(1u, map->GetLength());
    map->release();
    memory->release();
}

TEST_F(Memory, OptionsAreCheckedAsTheKernelChecksThem)
{
    IOMemoryDescriptor *memory = FromApp("abcd");
    IOMemoryMap *map = nullptr;
    for (uint64_t mode : {kIOMemoryMapCacheModeDefault, kIOMemoryMapCacheModeInhibit, kIOMemoryMapCacheModeCopyback,
                          kIOMemoryMapCacheModeWriteThrough, kIOMemoryMapCacheModeRealTime}) {
        for (uint64_t guard : {kIOMemoryMapGuardedDefault, kIOMemoryMapGuardedNone, kIOMemoryMapGuardedSmall,
                               kIOMemoryMapGuardedLarge}) {
            ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(mode | guard | kIOMemoryMapReadOnly, 0, 0, 0, 0, &map))
                << mode << " " << guard;
            map->release();
        }
    }
    EXPECT_EQ(kIOReturnBadArgument, memory->CreateMapping(0x300, 0, 0, 0, 0, &map)) << "two cache modes";
    EXPECT_EQ(kIOReturnBadArgument, memory->CreateMapping(0x1000, 0, 0, 0, 0, &map));
    EXPECT_EQ(kIOReturnUnsupported, memory->CreateMapping(kIOMemoryMapFixedAddress, 0x10000, 0, 0, 0, &map));
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0x10000, 0, 0, 0, &map)) << "address ignored without fixed";
    EXPECT_EQ((uint64_t)(uintptr_t)memory->dksimBytes(), map->GetAddress());
    map->release();
    EXPECT_EQ(kIOReturnBadArgument, memory->CreateMapping(0, 0, 0, 0, 0, nullptr));
    memory->release();
}

TEST_F(Memory, AMappingKeepsItsMemoryAlive)
{
    IOMemoryDescriptor *memory = FromApp("abcd");
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 0, 0, 0, &map));
    memory->release();
    EXPECT_EQ(1, Live("IOMemoryDescriptor"));
    EXPECT_EQ('a', *(const char *)(uintptr_t)map->GetAddress());
    map->release();
    EXPECT_EQ(0, Live("IOMemoryDescriptor"));
}

TEST_F(Memory, MapGivesTheAddressAndLengthAndNothingToRelease)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    uint64_t address = 0, length = 0;
    ASSERT_EQ(kIOReturnSuccess, memory->Map(0, 0, 0, 0, &address, &length));
    EXPECT_EQ((uint64_t)(uintptr_t)memory->dksimBytes(), address);
    EXPECT_EQ(10u, length);
    ASSERT_EQ(kIOReturnSuccess, memory->Map(kIOMemoryMapReadOnly, 0, 4, 0, &address, &length));
    EXPECT_EQ(4u, length);
    EXPECT_EQ(0, Live("IOMemoryMap"));
    EXPECT_EQ(kIOReturnError, memory->Map(0, 0, 11, 0, &address, &length));
    EXPECT_EQ(kIOReturnBadArgument, memory->Map(0x300, 0, 0, 0, &address, &length));
    EXPECT_EQ(kIOReturnUnsupported, memory->Map(kIOMemoryMapFixedAddress, 0x10000, 0, 0, &address, &length));
    EXPECT_EQ(kIOReturnBadArgument, memory->Map(0, 0, 0, 0, nullptr, &length));
    EXPECT_EQ(kIOReturnBadArgument, memory->Map(0, 0, 0, 0, &address, nullptr));
    memory->release();
}

TEST_F(Memory, ABufferMappedWithMapIsWritableByTheDextThatMadeIt)
{
    /* The pattern of public HID dexts: Create(kIOMemoryDirectionOut, n), Map, expect n, memcpy. */
    IOBufferMemoryDescriptor *buffer = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(kIOMemoryDirectionOut, 6, 0, &buffer));
    uint64_t address = 0, length = 0;
    ASSERT_EQ(kIOReturnSuccess, buffer->Map(0, 0, 0, 0, &address, &length));
    EXPECT_EQ(6u, length);
    memcpy((void *)(uintptr_t)address, "report", 6);
    IOAddressSegment range = {};
    ASSERT_EQ(kIOReturnSuccess, buffer->GetAddressRange(&range));
    EXPECT_EQ(address, range.address);
    EXPECT_EQ(0, memcmp((const void *)(uintptr_t)range.address, "report", 6));
    buffer->release();
}

TEST_F(Memory, BufferCreateAcceptsOnlyDirections)
{
    IOBufferMemoryDescriptor *buffer = nullptr;
    EXPECT_EQ(kIOReturnBadArgument, IOBufferMemoryDescriptor::Create(kIOMemoryDisableCopyOnWrite, 8, 0, &buffer));
    EXPECT_EQ(kIOReturnBadArgument, IOBufferMemoryDescriptor::Create(0x100 | kIOMemoryDirectionIn, 8, 0, &buffer));
    EXPECT_EQ(nullptr, buffer);
    for (uint64_t direction :
         {kIOMemoryDirectionNone, kIOMemoryDirectionIn, kIOMemoryDirectionOut, kIOMemoryDirectionInOut}) {
        ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(direction, 8, 0, &buffer)) << direction;
        buffer->release();
    }
}

TEST_F(Memory, SetLengthChangesWhatIsMappedAndIgnoresMoreThanTheCapacity)
{
    IOBufferMemoryDescriptor *buffer = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, 64, 0, &buffer));
    uint64_t length = 0;
    ASSERT_EQ(kIOReturnSuccess, buffer->GetLength(&length));
    EXPECT_EQ(64u, length) << "the length starts at the capacity";
    ASSERT_EQ(kIOReturnSuccess, buffer->SetLength(10));
    ASSERT_EQ(kIOReturnSuccess, buffer->GetLength(&length));
    EXPECT_EQ(10u, length);
    IOAddressSegment range = {};
    ASSERT_EQ(kIOReturnSuccess, buffer->GetAddressRange(&range));
    EXPECT_EQ(10u, range.length);
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, buffer->CreateMapping(0, 0, 0, 0, 0, &map));
    EXPECT_EQ(10u, map->GetLength());
    map->release();
    EXPECT_EQ(kIOReturnError, buffer->CreateMapping(0, 0, 0, 11, 0, &map)) << "beyond the length, within the capacity";
    EXPECT_EQ(kIOReturnSuccess, buffer->SetLength(65)) << "SetLength_Impl succeeds";
    ASSERT_EQ(kIOReturnSuccess, buffer->GetLength(&length));
    EXPECT_EQ(10u, length) << "and setLength leaves the length";
    EXPECT_EQ(kIOReturnSuccess, buffer->SetLength(64));
    ASSERT_EQ(kIOReturnSuccess, buffer->GetLength(&length));
    EXPECT_EQ(64u, length);
    buffer->release();
}

TEST_F(Memory, ASubDescriptorSharesItsParentsBytes)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryDescriptor *sub = nullptr;
    ASSERT_EQ(kIOReturnSuccess,
              IOMemoryDescriptor::CreateSubMemoryDescriptor(kIOMemoryDirectionOut, 2, 5, memory, &sub));
    uint64_t length = 0;
    ASSERT_EQ(kIOReturnSuccess, sub->GetLength(&length));
    EXPECT_EQ(5u, length);
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, sub->CreateMapping(0, 0, 1, 3, 0, &map));
    EXPECT_EQ((uint64_t)(uintptr_t)(memory->dksimBytes() + 3), map->GetAddress());
    EXPECT_EQ(0, memcmp((const void *)(uintptr_t)map->GetAddress(), "345", 3));
    IOMemoryMap *tooLong = nullptr;
    EXPECT_EQ(kIOReturnError, sub->CreateMapping(0, 0, 0, 6, 0, &tooLong)) << "the sub-descriptor's own bounds";
    EXPECT_EQ(nullptr, tooLong);
    memory->release();
    sub->release();
    EXPECT_EQ(2, Live("IOMemoryDescriptor")) << "the map holds the sub, the sub its parent";
    EXPECT_EQ('3', *(const char *)(uintptr_t)map->GetAddress());
    map->release();
}

TEST_F(Memory, SubDescriptorArgumentsAreCheckedAsTheKernelChecksThem)
{
    IOMemoryDescriptor *memory = FromApp("0123456789");
    IOMemoryDescriptor *sub = nullptr;
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 0, 1, nullptr, &sub));
    EXPECT_EQ(kIOReturnBadArgument,
              IOMemoryDescriptor::CreateSubMemoryDescriptor(kIOMemoryDisableCopyOnWrite, 0, 1, memory, &sub));
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 5, 6, memory, &sub));
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 11, 0, memory, &sub));
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, UINT64_MAX, 2, memory, &sub));
    EXPECT_EQ(nullptr, sub);
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 10, 0, memory, &sub))
        << "an empty range at the end";
    IOMemoryMap *map = nullptr;
    EXPECT_EQ(kIOReturnError, sub->CreateMapping(0, 0, 0, 0, 0, &map)) << "nothing to map";
    sub->release();
    memory->release();
}

} // namespace
