#include <DriverKit/IOMemoryDescriptor.h>

#include <stdlib.h>
#include <string.h>

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

kern_return_t IOMemoryDescriptor::dksimCheckMapping(uint64_t options, uint64_t offset, uint64_t *length) const
{
    /* A fixed address cannot be honoured in one address space. */
    if (options & kIOMemoryMapFixedAddress) return kIOReturnUnsupported;
    /* xnu CreateMapping_Impl: the cache mode (options & 0xFF00) must be one the header names. */
    switch (options & 0xFF00) {
    case kIOMemoryMapCacheModeDefault:
    case kIOMemoryMapCacheModeInhibit:
    case kIOMemoryMapCacheModeCopyback:
    case kIOMemoryMapCacheModeWriteThrough:
    case kIOMemoryMapCacheModeRealTime: break;
    default: return kIOReturnBadArgument;
    }
    /* xnu createMappingInTask: length 0 is getLength(), whatever the offset; IOMemoryMap's
     * setMemoryDescriptor refuses offset + length past the end, and CreateMapping_Impl turns the
     * missing map into kIOReturnError. */
    uint64_t wanted = *length ? *length : length_;
    uint64_t end = 0;
    if (__builtin_add_overflow(offset, wanted, &end) || end > length_) return kIOReturnError;
    /* (inferred) nothing to map: a zero-length mapping cannot be made. */
    if (wanted == 0) return kIOReturnError;
    *length = wanted;
    return kIOReturnSuccess;
}

kern_return_t IOMemoryDescriptor::CreateMapping(uint64_t options, uint64_t, uint64_t offset, uint64_t length, uint64_t,
                                                IOMemoryMap **map)
{
    if (map == nullptr) return kIOReturnBadArgument;
    *map = nullptr;
    kern_return_t ret = dksimCheckMapping(options, offset, &length);
    if (ret != kIOReturnSuccess) return ret;
    /* kIOMemoryMapReadOnly is accepted but not enforced: the mapping is the descriptor's memory. */
    *map = IOMemoryMap::dksimCreate(this, offset, length);
    return *map ? kIOReturnSuccess : kIOReturnNoMemory;
}

kern_return_t IOMemoryDescriptor::Map(uint64_t options, uint64_t, uint64_t length, uint64_t, uint64_t *returnAddress,
                                      uint64_t *returnLength)
{
    if (returnAddress == nullptr || returnLength == nullptr) return kIOReturnBadArgument;
    kern_return_t ret = dksimCheckMapping(options, 0, &length);
    if (ret != kIOReturnSuccess) return ret;
    /* The descriptor's bytes are already in this address space and live until free(), which is
     * what a mapping kept by the descriptor gives the dext. */
    uint8_t *view = dksimView(0, length);
    if (view == nullptr) return kIOReturnNoMemory;
    *returnAddress = (uint64_t)(uintptr_t)view;
    *returnLength = length;
    return kIOReturnSuccess;
}

kern_return_t IOMemoryDescriptor::CreateSubMemoryDescriptor(uint64_t memoryDescriptorCreateOptions, uint64_t offset,
                                                            uint64_t length, IOMemoryDescriptor *ofDescriptor,
                                                            IOMemoryDescriptor **memory)
{
    if (memory == nullptr) return kIOReturnBadArgument;
    *memory = nullptr;
    /* The checks of xnu's CreateSubMemoryDescriptor_Impl, in its order. */
    if (ofDescriptor == nullptr) return kIOReturnBadArgument;
    if (memoryDescriptorCreateOptions & ~(uint64_t)kIOMemoryDirectionOutIn) return kIOReturnBadArgument;
    uint64_t end = 0;
    if (__builtin_add_overflow(offset, length, &end) || end > ofDescriptor->length_) return kIOReturnBadArgument;
    /* Of a concatenation, a range inside one component shares that component's bytes. */
    uint8_t *view = length ? ofDescriptor->dksimView(offset, length) : nullptr;
    if (length && view == nullptr) return kIOReturnNoMemory;
    IOMemoryDescriptor *sub = dksim::NewTracked<IOMemoryDescriptor>();
    ofDescriptor->retain();
    sub->parent_ = ofDescriptor;
    sub->bytes_ = view;
    sub->length_ = length;
    sub->direction_ = memoryDescriptorCreateOptions;
    *memory = sub;
    return kIOReturnSuccess;
}

uint8_t *IOMemoryDescriptor::dksimView(uint64_t offset, uint64_t) { return bytes_ ? bytes_ + offset : nullptr; }

void IOMemoryDescriptor::dksimCopyOut(uint64_t offset, void *bytes, uint64_t count)
{
    if (count) memcpy(bytes, bytes_ + offset, count);
}

void IOMemoryDescriptor::dksimCopyIn(uint64_t offset, const void *bytes, uint64_t count)
{
    if (count) memcpy(bytes_ + offset, bytes, count);
}

void IOMemoryDescriptor::free()
{
    if (parent_) {
        parent_->release(); /* the bytes are the parent's */
        parent_ = nullptr;
    } else {
        ::free(bytes_);
    }
    bytes_ = nullptr;
    OSObject::free();
}
