/* IOBufferMemoryDescriptor: memory the dext allocates (iokit/DriverKit/IOBufferMemoryDescriptor.iig). */
#ifndef DKSIM_DRIVERKIT_IOBUFFERMEMORYDESCRIPTOR_H
#define DKSIM_DRIVERKIT_IOBUFFERMEMORYDESCRIPTOR_H

#include <DriverKit/IOMemoryDescriptor.h>

class IOBufferMemoryDescriptor : public IOMemoryDescriptor
{
    DKSIM_CLASS_DECLARE(IOBufferMemoryDescriptor, IOMemoryDescriptor)

public:
    /* capacity bytes, zeroed, exactly capacity long (one byte past is an ASan error); options other
     * than the directions are kIOReturnBadArgument (xnu Create_Impl). The length starts at capacity,
     * as the kernel's inTaskWithOptions gives it, although IOBufferMemoryDescriptor.iig says "zero
     * length until set with SetLength()" (see docs/driverkit-semantics.md, section 12). */
    static kern_return_t Create(uint64_t options, uint64_t capacity, uint64_t alignment,
                                IOBufferMemoryDescriptor **memory);
    /* The buffer's address and its current length (IOBufferMemoryDescriptor.iig, LOCALONLY). */
    kern_return_t GetAddressRange(IOAddressSegment *range);
    /* Beyond the capacity the length stays as it was and the result is still kIOReturnSuccess
     * (xnu SetLength_Impl / IOBufferMemoryDescriptor::setLength). */
    virtual kern_return_t SetLength(uint64_t length);


private:
    uint64_t capacity_ = 0;
};

#endif
