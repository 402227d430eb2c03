/* Umbrella header of PCIDriverKit (PCIDriverKit.h of the DriverKit SDK): the family's constants and
 * IOPCIDevice, with the DriverKit classes a PCI dext uses beside them. */
#ifndef DKSIM_PCIDRIVERKIT_PCIDRIVERKIT_H
#define DKSIM_PCIDRIVERKIT_PCIDRIVERKIT_H

#include <DriverKit/DriverKit.h>
#include <PCIDriverKit/IOPCIFamilyDefinitions.h>
#include <PCIDriverKit/IOPCIDevice.h>

#endif
