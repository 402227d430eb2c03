#include "device/DeviceFamily.h"

#include <DriverKit/IOReturn.h>

namespace dksim {

int32_t DeviceFamily::interrupt(uint32_t) { return kIOReturnUnsupported; }

const std::vector<DeviceFamily *> &DeviceFamilies()
{
    static const std::vector<DeviceFamily *> families = {};
    return families;
}

} // namespace dksim
