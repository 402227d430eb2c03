/* IOBufferMemoryDescriptor: memory the dext allocates (iokit/DriverKit/IOBufferMemoryDescriptor.iig). */
#ifndef DKSIM_DRIVERKIT_IOBUFFERMEMORYDESCRIPTOR_H
#define DKSIM_DRIVERKIT_IOBUFFERMEMORYDESCRIPTOR_H

#include <DriverKit/IOMemoryDescriptor.h>

class IOBufferMemoryDescriptor : public IOMemoryDescriptor
{
    DKSIM_CLASS_DECLARE(IOBufferMemoryDescriptor, IOMemoryDescriptor)

public:
    /* capacity bytes, zeroed; the length starts at capacity. */
    static kern_return_t Create(uint64_t options, uint64_t capacity, uint64_t alignment,
                                IOBufferMemoryDescriptor **memory);
    kern_return_t GetAddressRange(IOAddressSegment *range);
    /* kIOReturnBadArgument beyond the capacity. */
    virtual kern_return_t SetLength(uint64_t length);


private:
    uint64_t capacity_ = 0;
};

#endif
