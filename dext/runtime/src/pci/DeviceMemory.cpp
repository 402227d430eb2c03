#include "pci/DeviceMemory.h"

#include "core/ObjectTracker.h"

namespace dksim {

DeviceMemory *DeviceMemory::Create(const std::shared_ptr<PciModel> &model, PciBar &bar)
{
    DeviceMemory *memory = NewTracked<DeviceMemory>();
    memory->model_ = model;
    memory->bytes_ = bar.bytes.data();
    memory->length_ = bar.bytes.size();
    memory->direction_ = kIOMemoryDirectionInOut;
    return memory;
}

void DeviceMemory::free()
{
    bytes_ = nullptr; /* the model's: IOMemoryDescriptor::free must not free them */
    model_.reset();
    IOMemoryDescriptor::free();
}

} // namespace dksim
