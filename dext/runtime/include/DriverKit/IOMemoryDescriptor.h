/*
 * IOMemoryDescriptor (iokit/DriverKit/IOMemoryDescriptor.iig). The kernel hands structure inputs
 * over 4096 bytes and structure output buffers over 4096 bytes to the dext as descriptors; the
 * simulator backs them with heap buffers of exactly the caller's size.
 */
#ifndef DKSIM_DRIVERKIT_IOMEMORYDESCRIPTOR_H
#define DKSIM_DRIVERKIT_IOMEMORYDESCRIPTOR_H

#include <DriverKit/OSObject.h>

class IOService;
class IOMemoryMap;

enum {
    kIOMemoryDirectionNone = 0x00000000,
    kIOMemoryDirectionIn = 0x00000001,
    kIOMemoryDirectionOut = 0x00000002,
    kIOMemoryDirectionOutIn = kIOMemoryDirectionIn | kIOMemoryDirectionOut,
    kIOMemoryDirectionInOut = kIOMemoryDirectionOutIn,
    kIOMemoryDisableCopyOnWrite = 0x00000010
};

enum {
    kIOMemoryMapFixedAddress = 0x00000001,
    kIOMemoryMapReadOnly = 0x00000002,
    kIOMemoryMapGuardedMask = 0x0000001C,
    kIOMemoryMapGuardedDefault = 0x00000000,
    kIOMemoryMapGuardedNone = 0x00000004,
    kIOMemoryMapGuardedSmall = 0x00000008,
    kIOMemoryMapGuardedLarge = 0x0000000C,
    kIOMemoryMapCacheModeDefault = 0x00000000,
    kIOMemoryMapCacheModeInhibit = 0x00000100,
    kIOMemoryMapCacheModeCopyback = 0x00000200,
    kIOMemoryMapCacheModeWriteThrough = 0x00000400,
    kIOMemoryMapCacheModeRealTime = 0x00000800,
};

struct IOAddressSegment {
    uint64_t address;
    uint64_t length;
};

class IOMemoryDescriptor : public OSObject
{
    DKSIM_CLASS_DECLARE(IOMemoryDescriptor, OSObject)

public:
    void free() override;
    kern_return_t GetLength(uint64_t *returnLength);
    /* As xnu's IOMemoryDescriptor::CreateMapping_Impl (iokit/Kernel/IOUserServer.cpp) with
     * createMappingInTask: length 0 means the descriptor's whole length (not "to the end" from
     * offset), a range past the end is kIOReturnError, a cache mode other than the five of the
     * header is kIOReturnBadArgument, address is ignored without kIOMemoryMapFixedAddress.
     * kIOMemoryMapFixedAddress is kIOReturnUnsupported: one address space cannot honour it.
     * The mapping is a view of the descriptor's own bytes (no copy); it ends exactly where the
     * mapped range ends when that is the descriptor's end. */
    virtual kern_return_t CreateMapping(uint64_t options, uint64_t address, uint64_t offset, uint64_t length,
                                        uint64_t alignment, IOMemoryMap **map);

    /* IOMemoryDescriptor.iig: a subrange of ofDescriptor (driverkit 20.0). Checks as xnu's
     * CreateSubMemoryDescriptor_Impl: options other than the two directions, a NULL descriptor or
     * offset + length past its end are kIOReturnBadArgument. The new descriptor shares the bytes of
     * ofDescriptor, which it retains. */
    static kern_return_t CreateSubMemoryDescriptor(uint64_t memoryDescriptorCreateOptions, uint64_t offset,
                                                   uint64_t length, IOMemoryDescriptor *ofDescriptor,
                                                   IOMemoryDescriptor **memory);

    /* IOMemoryDescriptor.iig (driverkit 20.0): one descriptor that is the concatenation of the first
     * withDescriptorsCount of withDescriptors, in order. Checks as xnu's
     * CreateWithMemoryDescriptors_Impl (iokit/Kernel/IOUserServer.cpp): a NULL array, a count of 0,
     * options other than the two directions or a NULL entry are kIOReturnBadArgument; a count over
     * the array's 32 entries is too (inferred: the RPC message carries 32). As IOMultiMemoryDescriptor
     * it retains each component until it is freed, and its length is the sum of theirs
     * (memory/ConcatenatedMemory.cpp says how its bytes are shared). */
    static kern_return_t CreateWithMemoryDescriptors(uint64_t memoryDescriptorCreateOptions,
                                                     uint32_t withDescriptorsCount,
                                                     IOMemoryDescriptor *const withDescriptors[32],
                                                     IOMemoryDescriptor **memory);

    /* IOMemoryDescriptor.iig declares Map private and LOCALONLY, but the header iig generates lists
     * it among the public methods, and dexts call it. Its user-space implementation is not public
     * (inferred): it maps from offset 0 with CreateMapping's options and checks, and the mapping
     * lives as long as the descriptor, so nothing is returned to release. */
    kern_return_t Map(uint64_t options, uint64_t address, uint64_t length, uint64_t alignment, uint64_t *returnAddress,
                      uint64_t *returnLength);

    /* Simulator: a descriptor over a fresh heap buffer of exactly length bytes, zeroed or copied. */
    static IOMemoryDescriptor *dksimCreate(uint64_t length, const void *initialBytes, uint64_t direction);
    uint8_t *dksimBytes() const { return bytes_; }
    uint64_t dksimLength() const { return length_; }
    /* Simulator: the kIOMemoryDirection* bits it was created with (IODMACommand reports them). */
    uint64_t dksimDirection() const { return direction_; }
    /* Simulator: [offset, offset + length) as one contiguous run of bytes, what a mapping of it
     * points at; the range is inside the descriptor. NULL when it cannot be made. */
    virtual uint8_t *dksimView(uint64_t offset, uint64_t length);
    /* Simulator: the runtime's own reads and writes (the app's mapping); the range is inside. */
    virtual void dksimCopyOut(uint64_t offset, void *bytes, uint64_t count);
    virtual void dksimCopyIn(uint64_t offset, const void *bytes, uint64_t count);

protected:
    bool dksimAllocate(uint64_t length, const void *initialBytes);
    /* The checks CreateMapping and Map share; on success *length is the length to map. */
    kern_return_t dksimCheckMapping(uint64_t options, uint64_t offset, uint64_t *length) const;

    uint8_t *bytes_ = nullptr;
    uint64_t length_ = 0;
    uint64_t direction_ = kIOMemoryDirectionNone;
    IOMemoryDescriptor *parent_ = nullptr; /* retained by a sub-descriptor, whose bytes are the parent's */
};

#endif
