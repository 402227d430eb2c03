/* PCIDriverKit's family (pci/PciFamily.cpp): IOPCIDevice nubs, MSI interrupts, DMA addresses. */
#ifndef DKSIM_PCI_FAMILY_H
#define DKSIM_PCI_FAMILY_H

#include "device/DeviceFamily.h"

namespace dksim {

/* The one PCI family of the runtime, for DeviceFamilies() (device/Families.cpp). */
DeviceFamily *PciFamily();

} // namespace dksim

#endif
