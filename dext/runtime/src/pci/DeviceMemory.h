/*
 * What IOPCIDevice::_CopyDeviceMemoryWithIndex returns: a descriptor over a BAR's backing bytes (no
 * copy), so that the dext's MemoryWrite* and the app's mapping of it (CopyClientMemoryForType) see
 * the same registers. It holds the device model, which owns the bytes, and declares no metaclass of
 * its own: it is counted and cast as the IOMemoryDescriptor the dext sees.
 */
#ifndef DKSIM_PCI_DEVICE_MEMORY_H
#define DKSIM_PCI_DEVICE_MEMORY_H

#include <memory>

#include <DriverKit/IOMemoryDescriptor.h>

#include "pci/PciModel.h"

namespace dksim {

class DeviceMemory final : public IOMemoryDescriptor
{
public:
    static DeviceMemory *Create(const std::shared_ptr<PciModel> &model, PciBar &bar);
    void free() override;

private:
    std::shared_ptr<PciModel> model_;
};

} // namespace dksim

#endif
