/* The USBDriverKit umbrella (USBDriverKit.h of the SDK): every class and definition of the family. */
#ifndef DKSIM_USBDRIVERKIT_USBDRIVERKIT_H
#define DKSIM_USBDRIVERKIT_USBDRIVERKIT_H

#include <USBDriverKit/AppleUSBDefinitions.h>
#include <USBDriverKit/AppleUSBDescriptorParsing.h>
#include <USBDriverKit/IOUSBHostDevice.h>
#include <USBDriverKit/IOUSBHostFamilyDefinitions.h>
#include <USBDriverKit/IOUSBHostInterface.h>
#include <USBDriverKit/IOUSBHostPipe.h>
#include <USBDriverKit/USBDriverKitDefs.h>

#endif
