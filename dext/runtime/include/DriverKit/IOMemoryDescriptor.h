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
    /* length 0 maps from offset to the end; a range outside the descriptor is kIOReturnBadArgument. */
    virtual kern_return_t CreateMapping(uint64_t options, uint64_t address, uint64_t offset, uint64_t length,
                                        uint64_t alignment, IOMemoryMap **map);

    /* Simulator: a descriptor over a fresh heap buffer of exactly length bytes, zeroed or copied. */
    static IOMemoryDescriptor *dksimCreate(uint64_t length, const void *initialBytes, uint64_t direction);
    uint8_t *dksimBytes() const { return bytes_; }
    uint64_t dksimLength() const { return length_; }

protected:
    bool dksimAllocate(uint64_t length, const void *initialBytes);

    uint8_t *bytes_ = nullptr;
    uint64_t length_ = 0;
    uint64_t direction_ = kIOMemoryDirectionNone;
};

#endif
