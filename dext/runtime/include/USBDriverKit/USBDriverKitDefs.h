/*
 * Abort options and the release of copied descriptors (USBDriverKitDefs.h of the SDK; names only).
 * Every Copy…Descriptor of the IOUSBHost classes returns a new heap copy the caller frees with
 * IOUSBHostFreeDescriptor.
 */
#ifndef DKSIM_USBDRIVERKIT_USBDRIVERKITDEFS_H
#define DKSIM_USBDRIVERKIT_USBDRIVERKITDEFS_H

#include <USBDriverKit/AppleUSBDefinitions.h>

enum IOUSBAbortOptions { kIOUSBAbortAsynchronous = 0x0, kIOUSBAbortSynchronous = 0x1 };

void IOUSBHostFreeDescriptor(const IOUSBDeviceDescriptor *descriptor);
void IOUSBHostFreeDescriptor(const IOUSBConfigurationDescriptor *descriptor);
void IOUSBHostFreeDescriptor(const IOUSBBOSDescriptor *descriptor);
void IOUSBHostFreeDescriptor(const IOUSBStringDescriptor *descriptor);

#endif
