#include <DriverKit/IOMemoryDescriptor.h>

#include <stdlib.h>

#include <DriverKit/IOMemoryMap.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOMemoryDescriptor, OSObject)

IOMemoryDescriptor *IOMemoryDescriptor::dksimCreate(uint64_t length, const void *initialBytes, uint64_t direction)
{
    IOMemoryDescriptor *memory = dksim::NewTracked<IOMemoryDescriptor>();
    if (!memory->dksimAllocate(length, initialBytes)) {
        memory->release();
        return nullptr;
    }
    memory->direction_ = direction;
    return memory;
}

bool IOMemoryDescriptor::dksimAllocate(uint64_t length, const void *initialBytes)
{
    /* Exactly length bytes: a dext writing past the caller's buffer is an ASan error, as it would
     * be a fault or a corruption of the app's memory on a Mac. */
    if (length > 0) {
        bytes_ = (uint8_t *)(initialBytes ? malloc(length) : calloc(1, length));
        if (bytes_ == nullptr) return false;
        if (initialBytes) memcpy(bytes_, initialBytes, length);
    }
    length_ = length;
    return true;
}

kern_return_t IOMemoryDescriptor::GetLength(uint64_t *returnLength)
{
    if (returnLength == nullptr) return kIOReturnBadArgument;
    *returnLength = length_;
    return kIOReturnSuccess;
}

kern_return_t IOMemoryDescriptor::CreateMapping(uint64_t options, uint64_t address, uint64_t offset, uint64_t length,
                                                uint64_t, IOMemoryMap **map)
{
    if (map == nullptr) return kIOReturnBadArgument;
    *map = nullptr;
    /* A fixed address cannot be honoured in one address space. */
    if ((options & kIOMemoryMapFixedAddress) || address != 0) return kIOReturnUnsupported;
    if (offset > length_) return kIOReturnBadArgument;
    if (length == 0) length = length_ - offset;
    if (length > length_ - offset) return kIOReturnBadArgument;
    *map = IOMemoryMap::dksimCreate(this, offset, length);
    return *map ? kIOReturnSuccess : kIOReturnNoMemory;
}

void IOMemoryDescriptor::free()
{
    ::free(bytes_);
    bytes_ = nullptr;
    OSObject::free();
}
