/*
 * Walking a configuration descriptor's bytes (AppleUSBDescriptorParsing.h of the SDK; names and
 * signatures only). Each helper takes the configuration descriptor and a cursor into it; a NULL
 * cursor starts after the configuration's own header. A helper returns NULL when the next
 * descriptor would leave wTotalLength, has a bLength under 2, or nothing more matches: the bytes
 * come from the device, so a malformed configuration ends the walk instead of being trusted.
 */
#ifndef DKSIM_USBDRIVERKIT_APPLEUSBDESCRIPTORPARSING_H
#define DKSIM_USBDRIVERKIT_APPLEUSBDESCRIPTORPARSING_H

#include <USBDriverKit/AppleUSBDefinitions.h>

#ifdef __cplusplus
extern "C" {
#endif

const IOUSBDescriptorHeader *IOUSBGetNextDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                                    const IOUSBDescriptorHeader *currentDescriptor);
const IOUSBDescriptorHeader *IOUSBGetNextDescriptorWithType(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                                            const IOUSBDescriptorHeader *currentDescriptor,
                                                            const uint8_t type);
/* The descriptors after parentDescriptor up to the next one of the parent's type. */
const IOUSBDescriptorHeader *
IOUSBGetNextAssociatedDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                 const IOUSBDescriptorHeader *parentDescriptor,
                                 const IOUSBDescriptorHeader *currentDescriptor);
const IOUSBDescriptorHeader *
IOUSBGetNextAssociatedDescriptorWithType(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                         const IOUSBDescriptorHeader *parentDescriptor,
                                         const IOUSBDescriptorHeader *currentDescriptor, const uint8_t type);
const IOUSBInterfaceAssociationDescriptor *
IOUSBGetNextInterfaceAssociationDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                           const IOUSBDescriptorHeader *currentDescriptor);
const IOUSBInterfaceDescriptor *
IOUSBGetNextInterfaceDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                const IOUSBDescriptorHeader *currentDescriptor);
/* Only the endpoints of interfaceDescriptor (up to the next interface descriptor). */
const IOUSBEndpointDescriptor *
IOUSBGetNextEndpointDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                               const IOUSBInterfaceDescriptor *interfaceDescriptor,
                               const IOUSBDescriptorHeader *currentDescriptor);

uint8_t IOUSBGetEndpointDirection(const IOUSBEndpointDescriptor *descriptor);
uint8_t IOUSBGetEndpointAddress(const IOUSBEndpointDescriptor *descriptor);
uint8_t IOUSBGetEndpointNumber(const IOUSBEndpointDescriptor *descriptor);
uint8_t IOUSBGetEndpointType(const IOUSBEndpointDescriptor *descriptor);
uint8_t IOUSBGetEndpointSynchronizationType(const IOUSBEndpointDescriptor *descriptor);
uint8_t IOUSBGetEndpointUsageType(const IOUSBEndpointDescriptor *descriptor);
uint16_t IOUSBGetEndpointMaxPacketSize(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor);
uint32_t IOUSBGetEndpointIntervalEncodedMicroframes(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor);
uint32_t IOUSBGetEndpointIntervalMicroframes(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor);
uint32_t IOUSBGetEndpointIntervalFrames(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor);

#ifdef __cplusplus
}
#endif

#endif
