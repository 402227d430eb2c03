#include <DriverKit/IOBufferMemoryDescriptor.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOBufferMemoryDescriptor, IOMemoryDescriptor)

kern_return_t IOBufferMemoryDescriptor::Create(uint64_t options, uint64_t capacity, uint64_t,
                                               IOBufferMemoryDescriptor **memory)
{
    if (memory == nullptr) return kIOReturnBadArgument;
    *memory = nullptr;
    /* xnu IOBufferMemoryDescriptor::Create_Impl: "no other options currently defined". */
    if (options & ~(uint64_t)kIOMemoryDirectionOutIn) return kIOReturnBadArgument;
    IOBufferMemoryDescriptor *buffer = dksim::NewTracked<IOBufferMemoryDescriptor>();
    if (!buffer->dksimAllocate(capacity, nullptr)) {
        buffer->release();
        return kIOReturnNoMemory;
    }
    buffer->capacity_ = capacity;
    buffer->direction_ = options & kIOMemoryDirectionInOut;
    *memory = buffer;
    return kIOReturnSuccess;
}

kern_return_t IOBufferMemoryDescriptor::GetAddressRange(IOAddressSegment *range)
{
    if (range == nullptr) return kIOReturnBadArgument;
    range->address = (uint64_t)(uintptr_t)bytes_;
    range->length = length_;
    return kIOReturnSuccess;
}

kern_return_t IOBufferMemoryDescriptor::SetLength(uint64_t length)
{
    /* xnu SetLength_Impl calls setLength, which leaves the length unchanged beyond the capacity,
     * and returns kIOReturnSuccess either way. */
    if (length <= capacity_) length_ = length;
    return kIOReturnSuccess;
}
