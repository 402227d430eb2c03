#include <DriverKit/IOMemoryMap.h>

#include <DriverKit/IOMemoryDescriptor.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOMemoryMap, OSObject)

IOMemoryMap *IOMemoryMap::dksimCreate(IOMemoryDescriptor *memory, uint64_t offset, uint64_t length)
{
    uint8_t *view = memory->dksimView(offset, length);
    if (view == nullptr) return nullptr;
    IOMemoryMap *map = dksim::NewTracked<IOMemoryMap>();
    memory->retain();
    map->memory_ = memory;
    map->address_ = (uint64_t)(uintptr_t)view;
    map->offset_ = offset;
    map->length_ = length;
    return map;
}

uint64_t IOMemoryMap::GetAddress() { return address_; }
uint64_t IOMemoryMap::GetLength() { return length_; }
uint64_t IOMemoryMap::GetOffset() { return offset_; }

void IOMemoryMap::free()
{
    if (memory_) memory_->release();
    memory_ = nullptr;
    OSObject::free();
}
