#include "device/DeviceFamily.h"

#include <DriverKit/IOReturn.h>

#include "pci/PciFamily.h"

namespace dksim {

int32_t DeviceFamily::interrupt(uint32_t) { return kIOReturnUnsupported; }

const std::vector<DeviceFamily *> &DeviceFamilies()
{
    static const std::vector<DeviceFamily *> families = {PciFamily()};
    return families;
}

} // namespace dksim
