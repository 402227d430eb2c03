/* IOMemoryDescriptor::CreateWithMemoryDescriptors (IOMemoryDescriptor.iig; checks of xnu's
 * CreateWithMemoryDescriptors_Impl, behaviour of IOMultiMemoryDescriptor): one descriptor that is its
 * parts end to end, retaining each; see docs/driverkit-semantics.md, section 12. */
#include "Collections.h"

#include <string.h>

using collectionstest::Collections;

namespace {

using ConcatenatedMemory = Collections;

IOMemoryDescriptor *Part(const char *text)
{
    return IOMemoryDescriptor::dksimCreate(strlen(text), text, kIOMemoryDirectionInOut);
}

std::string Read(IOMemoryDescriptor *memory, uint64_t offset, uint64_t count)
{
    std::string text(count, '\0');
    memory->dksimCopyOut(offset, &text[0], count);
    return text;
}

TEST_F(ConcatenatedMemory, ArgumentsAreCheckedAsTheKernelChecksThem)
{
    IOMemoryDescriptor *a = Part("abc");
    IOMemoryDescriptor *parts[32] = {a, a};
    IOMemoryDescriptor *memory = nullptr;
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 1, nullptr, &memory));
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 0, parts, &memory));
    EXPECT_EQ(kIOReturnBadArgument,
              IOMemoryDescriptor::CreateWithMemoryDescriptors(kIOMemoryDisableCopyOnWrite, 1, parts, &memory));
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 3, parts, &memory))
        << "a NULL entry among the count";
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 33, parts, &memory))
        << "more than the 32 the message carries";
    EXPECT_EQ(kIOReturnBadArgument, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 1, parts, nullptr));
    EXPECT_EQ(nullptr, memory);
    EXPECT_EQ(1, Live("IOMemoryDescriptor")) << "nothing made by a refused call";
    a->release();
}

TEST_F(ConcatenatedMemory, ItIsItsPartsEndToEndAndHoldsThem)
{
    IOMemoryDescriptor *a = Part("0123");
    IOMemoryDescriptor *b = Part("456789");
    IOMemoryDescriptor *parts[] = {a, b, a};
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess,
              IOMemoryDescriptor::CreateWithMemoryDescriptors(kIOMemoryDirectionInOut, 3, parts, &memory));
    ASSERT_NE(nullptr, memory);
    EXPECT_NE(nullptr, OSDynamicCast(IOMemoryDescriptor, memory));
    EXPECT_EQ(nullptr, OSDynamicCast(IOBufferMemoryDescriptor, memory));
    uint64_t length = 0;
    ASSERT_EQ(kIOReturnSuccess, memory->GetLength(&length));
    EXPECT_EQ(14u, length);
    const std::string whole = "01234567890123"; /* a, b, a */
    EXPECT_EQ(whole, Read(memory, 0, 14));
    EXPECT_EQ(3u, RetainCount(a)) << "retained once per entry, as IOMultiMemoryDescriptor does";
    EXPECT_EQ(2u, RetainCount(b));
    EXPECT_EQ(3, Live("IOMemoryDescriptor")) << "counted as the IOMemoryDescriptor the dext sees";
    a->release();
    b->release();
    EXPECT_EQ(whole, Read(memory, 0, 14)) << "the parts live as long as it does";
    memory->release();
}

TEST_F(ConcatenatedMemory, AMappingInsideOnePartIsThatPartsMemory)
{
    IOMemoryDescriptor *a = Part("0123");
    IOMemoryDescriptor *b = Part("456789");
    IOMemoryDescriptor *parts[] = {a, b};
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 2, parts, &memory));
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 5, 3, 0, &map));
    EXPECT_EQ((uint64_t)(uintptr_t)(b->dksimBytes() + 1), map->GetAddress());
    EXPECT_EQ(3u, map->GetLength());
    ((char *)(uintptr_t)map->GetAddress())[0] = 'x';
    EXPECT_EQ('x', b->dksimBytes()[1]);
    map->release();
    IOMemoryDescriptor *sub = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateSubMemoryDescriptor(0, 1, 2, memory, &sub));
    EXPECT_EQ(a->dksimBytes() + 1, sub->dksimBytes());
    sub->release();
    memory->release();
    a->release();
    b->release();
}

TEST_F(ConcatenatedMemory, AMappingAcrossPartsIsContiguousAndReachesThem)
{
    IOMemoryDescriptor *a = Part("0123");
    IOMemoryDescriptor *b = Part("456789");
    IOMemoryDescriptor *parts[] = {a, b};
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 2, parts, &memory));
    uint64_t address = 0, length = 0;
    ASSERT_EQ(kIOReturnSuccess, memory->Map(0, 0, 0, 0, &address, &length));
    EXPECT_EQ(10u, length);
    char *view = (char *)(uintptr_t)address;
    EXPECT_EQ(0, memcmp(view, "0123456789", 10));
    view[3] = 'A';
    view[4] = 'B';
    EXPECT_EQ("AB", Read(memory, 3, 2)) << "the runtime's reads see the dext's stores through the view";
    EXPECT_EQ('A', a->dksimBytes()[3]);
    EXPECT_EQ('B', b->dksimBytes()[0]);
    memory->dksimCopyIn(8, "yz", 2);
    EXPECT_EQ('y', view[8]) << "and the app's stores reach the view";
    EXPECT_EQ('z', b->dksimBytes()[5]);
    IOMemoryMap *map = nullptr;
    ASSERT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 2, 4, 0, &map));
    EXPECT_EQ(address + 2, map->GetAddress()) << "one joined view for every mapping across parts";
    view[2] = 'C';
    map->release();
    memory->release();
    EXPECT_EQ('C', a->dksimBytes()[2]) << "written back when the concatenation goes";
    a->release();
    b->release();
}

TEST_F(ConcatenatedMemory, MappingChecksAreCreateMappings)
{
    IOMemoryDescriptor *a = Part("0123");
    IOMemoryDescriptor *parts[] = {a, a};
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOMemoryDescriptor::CreateWithMemoryDescriptors(0, 2, parts, &memory));
    IOMemoryMap *map = nullptr;
    EXPECT_EQ(kIOReturnError, memory->CreateMapping(0, 0, 6, 3, 0, &map)) << "past the end";
    EXPECT_EQ(kIOReturnSuccess, memory->CreateMapping(0, 0, 6, 2, 0, &map));
    OSSafeReleaseNULL(map);
    memory->release();
    a->release();
}

} // namespace
