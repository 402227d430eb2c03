/* IOMemoryMap: a mapping of an IOMemoryDescriptor into the dext (iokit/DriverKit/IOMemoryMap.iig). */
#ifndef DKSIM_DRIVERKIT_IOMEMORYMAP_H
#define DKSIM_DRIVERKIT_IOMEMORYMAP_H

#include <DriverKit/OSObject.h>

class IOMemoryDescriptor;

class IOMemoryMap : public OSObject
{
    DKSIM_CLASS_DECLARE(IOMemoryMap, OSObject)

public:
    uint64_t GetAddress();
    uint64_t GetLength();
    uint64_t GetOffset();
    void free() override;

    static IOMemoryMap *dksimCreate(IOMemoryDescriptor *memory, uint64_t offset, uint64_t length);


private:
    IOMemoryDescriptor *memory_ = nullptr; /* retained: the mapping keeps its memory alive */
    uint64_t address_ = 0;
    uint64_t offset_ = 0;
    uint64_t length_ = 0;
};

#endif
