/*
 * IOMemoryDescriptor::CreateWithMemoryDescriptors and the descriptor it makes.
 *
 * On a Mac the kernel maps the parts' pages side by side (IOMultiMemoryDescriptor::doMap maps each
 * part at the next address of one allocation), so a mapping of the concatenation and the parts are
 * the same memory. One address space cannot put two heap blocks side by side, so here:
 * - a view inside one part (a mapping, Map, a sub-descriptor) is that part's own bytes — the same
 *   memory, as on a Mac, and a read past the last part's end is still an ASan error;
 * - a view across parts is a joined copy, exactly the total length, made when the first such view
 *   is asked for. The copy and the parts are brought in step whenever the runtime touches the
 *   descriptor (another view, the app's reads and writes through its mapping) and when it is freed:
 *   bytes the dext changed in the copy go to the parts, then the copy reads the parts. Between two
 *   such points a store through a part is not seen through the copy, nor the reverse
 *   (docs/driverkit-semantics.md, section 12, says so as a departure).
 */
#include "memory/ConcatenatedMemory.h"

#include <stdlib.h>
#include <string.h>

#include "core/ObjectTracker.h"

namespace dksim {

ConcatenatedMemory *ConcatenatedMemory::Create(IOMemoryDescriptor *const parts[], uint32_t count, uint64_t direction)
{
    ConcatenatedMemory *memory = NewTracked<ConcatenatedMemory>();
    for (uint32_t k = 0; k < count; k++) {
        parts[k]->retain();
        memory->parts_.push_back(parts[k]);
        memory->length_ += parts[k]->dksimLength();
    }
    memory->direction_ = direction;
    return memory;
}

size_t ConcatenatedMemory::partAt(uint64_t offset, uint64_t *within) const
{
    for (size_t k = 0; k < parts_.size(); k++) {
        uint64_t length = parts_[k]->dksimLength();
        if (offset < length) {
            *within = offset;
            return k;
        }
        offset -= length;
    }
    *within = offset;
    return parts_.size();
}

void ConcatenatedMemory::walk(uint64_t offset, uint8_t *bytes, uint64_t count, bool toParts)
{
    uint64_t within = 0;
    for (size_t k = partAt(offset, &within); count > 0 && k < parts_.size(); k++, within = 0) {
        uint64_t chunk = parts_[k]->dksimLength() - within;
        if (chunk > count) chunk = count;
        if (toParts)
            parts_[k]->dksimCopyIn(within, bytes, chunk);
        else
            parts_[k]->dksimCopyOut(within, bytes, chunk);
        bytes += chunk;
        count -= chunk;
    }
}

void ConcatenatedMemory::push()
{
    if (joined_ == nullptr) return;
    for (uint64_t at = 0; at < length_;) {
        if (joined_[at] == synced_[at]) {
            at++;
            continue;
        }
        uint64_t end = at;
        while (end < length_ && joined_[end] != synced_[end]) end++;
        walk(at, joined_ + at, end - at, true);
        at = end;
    }
}

void ConcatenatedMemory::sync()
{
    if (joined_ == nullptr) return;
    push();
    walk(0, joined_, length_, false);
    memcpy(synced_, joined_, length_);
}

uint8_t *ConcatenatedMemory::dksimView(uint64_t offset, uint64_t length)
{
    uint64_t within = 0;
    size_t k = partAt(offset, &within);
    if (length == 0) length = 1; /* an empty view still needs a part to point into */
    if (k < parts_.size() && length <= parts_[k]->dksimLength() - within) return parts_[k]->dksimView(within, length);
    if (length_ == 0) return nullptr;
    if (joined_ == nullptr) {
        /* Exactly the total length, so one byte past a view that reaches the end is an ASan error. */
        joined_ = (uint8_t *)malloc(length_);
        synced_ = (uint8_t *)malloc(length_);
        if (joined_ == nullptr || synced_ == nullptr) {
            ::free(joined_);
            ::free(synced_);
            joined_ = synced_ = nullptr;
            return nullptr;
        }
        walk(0, joined_, length_, false);
        memcpy(synced_, joined_, length_);
    } else {
        sync();
    }
    return joined_ + offset;
}

void ConcatenatedMemory::dksimCopyOut(uint64_t offset, void *bytes, uint64_t count)
{
    sync();
    walk(offset, (uint8_t *)bytes, count, false);
}

void ConcatenatedMemory::dksimCopyIn(uint64_t offset, const void *bytes, uint64_t count)
{
    sync();
    walk(offset, (uint8_t *)const_cast<void *>(bytes), count, true);
    if (joined_ && count) {
        memcpy(joined_ + offset, bytes, count);
        memcpy(synced_ + offset, bytes, count);
    }
}

void ConcatenatedMemory::free()
{
    push(); /* what the dext stored through the joined copy reaches the parts */
    ::free(joined_);
    ::free(synced_);
    joined_ = synced_ = nullptr;
    for (IOMemoryDescriptor *part : parts_) part->release();
    parts_.clear();
    IOMemoryDescriptor::free();
}

} // namespace dksim

kern_return_t IOMemoryDescriptor::CreateWithMemoryDescriptors(uint64_t memoryDescriptorCreateOptions,
                                                              uint32_t withDescriptorsCount,
                                                              IOMemoryDescriptor *const withDescriptors[32],
                                                              IOMemoryDescriptor **memory)
{
    if (memory == nullptr) return kIOReturnBadArgument;
    *memory = nullptr;
    /* The checks of xnu's CreateWithMemoryDescriptors_Impl, in its order. */
    if (withDescriptors == nullptr) return kIOReturnBadArgument;
    if (withDescriptorsCount == 0) return kIOReturnBadArgument;
    if (memoryDescriptorCreateOptions & ~(uint64_t)kIOMemoryDirectionOutIn) return kIOReturnBadArgument;
    /* (inferred) The RPC message has room for 32 descriptors (the .iig's withDescriptors[32]); the
     * kernel would read past them. */
    if (withDescriptorsCount > 32) return kIOReturnBadArgument;
    for (uint32_t k = 0; k < withDescriptorsCount; k++)
        if (withDescriptors[k] == nullptr) return kIOReturnBadArgument;
    *memory = dksim::ConcatenatedMemory::Create(withDescriptors, withDescriptorsCount, memoryDescriptorCreateOptions);
    return kIOReturnSuccess;
}
