#include "device/DeviceFamily.h"

#include <DriverKit/IOReturn.h>

#include "pci/PciFamily.h"
#include "usb/UsbFamily.h"

namespace dksim {

int32_t DeviceFamily::interrupt(uint32_t) { return kIOReturnUnsupported; }

const std::vector<DeviceFamily *> &DeviceFamilies()
{
    static const std::vector<DeviceFamily *> families = {&Usb(), PciFamily()};
    return families;
}

} // namespace dksim
