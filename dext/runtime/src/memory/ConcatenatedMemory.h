/*
 * What IOMemoryDescriptor::CreateWithMemoryDescriptors returns: in xnu an IOMultiMemoryDescriptor
 * (iokit/Kernel/IOMultiMemoryDescriptor.cpp), to the dext a plain IOMemoryDescriptor. It declares no
 * metaclass of its own, so it is counted, cast and logged as the IOMemoryDescriptor the dext sees.
 */
#ifndef DKSIM_CONCATENATED_MEMORY_H
#define DKSIM_CONCATENATED_MEMORY_H

#include <vector>

#include <DriverKit/IOMemoryDescriptor.h>

namespace dksim {

class ConcatenatedMemory final : public IOMemoryDescriptor
{
public:
    /* Retains every part (IOMultiMemoryDescriptor::initWithDescriptors); they are checked already. */
    static ConcatenatedMemory *Create(IOMemoryDescriptor *const parts[], uint32_t count, uint64_t direction);

    uint8_t *dksimView(uint64_t offset, uint64_t length) override;
    void dksimCopyOut(uint64_t offset, void *bytes, uint64_t count) override;
    void dksimCopyIn(uint64_t offset, const void *bytes, uint64_t count) override;
    void free() override;

private:
    std::vector<IOMemoryDescriptor *> parts_; /* retained */
    /* A copy of every part side by side, made for the first view that spans parts, and what the
     * parts held at the last sync (so that a sync knows which bytes the dext changed in the copy). */
    uint8_t *joined_ = nullptr;
    uint8_t *synced_ = nullptr;

    /* The part holding offset, and offset within it. */
    size_t partAt(uint64_t offset, uint64_t *within) const;
    /* count bytes from offset, part by part: out of the parts (toParts false) or into them. */
    void walk(uint64_t offset, uint8_t *bytes, uint64_t count, bool toParts);
    /* Bytes the dext stored through the joined copy go to the parts; then the copy reads the parts. */
    void push();
    void sync();
};

} // namespace dksim

#endif
