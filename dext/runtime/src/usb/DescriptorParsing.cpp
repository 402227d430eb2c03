/*
 * The descriptor walkers of AppleUSBDescriptorParsing.h and IOUSBHostFreeDescriptor. The bytes are
 * the device's, so the walk never trusts them: each step checks that the whole next descriptor lies
 * inside wTotalLength and that its bLength makes progress (at least a header), and stops otherwise.
 * (inferred: the SDK's implementation is not public; its header says the helpers return NULL past
 * the end.)
 */
#include <USBDriverKit/AppleUSBDescriptorParsing.h>
#include <USBDriverKit/USBDriverKitDefs.h>
#include <stdlib.h>

namespace {

const uint8_t *Bytes(const void *p) { return static_cast<const uint8_t *>(p); }

} // namespace

extern "C" {

const IOUSBDescriptorHeader *IOUSBGetNextDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                                    const IOUSBDescriptorHeader *currentDescriptor)
{
    if (configurationDescriptor == nullptr) return nullptr;
    const uint8_t *begin = Bytes(configurationDescriptor);
    const uint8_t *end = begin + configurationDescriptor->wTotalLength;
    const uint8_t *current = currentDescriptor ? Bytes(currentDescriptor) : begin;
    if (current < begin || current + kIOUSBDescriptorHeaderSize > end) return nullptr;
    uint8_t length = reinterpret_cast<const IOUSBDescriptorHeader *>(current)->bLength;
    if (length < kIOUSBDescriptorHeaderSize) return nullptr;
    const uint8_t *next = current + length;
    if (next + kIOUSBDescriptorHeaderSize > end) return nullptr;
    uint8_t nextLength = reinterpret_cast<const IOUSBDescriptorHeader *>(next)->bLength;
    if (nextLength < kIOUSBDescriptorHeaderSize || next + nextLength > end) return nullptr;
    return reinterpret_cast<const IOUSBDescriptorHeader *>(next);
}

const IOUSBDescriptorHeader *IOUSBGetNextDescriptorWithType(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                                            const IOUSBDescriptorHeader *currentDescriptor,
                                                            const uint8_t type)
{
    const IOUSBDescriptorHeader *next = currentDescriptor;
    while ((next = IOUSBGetNextDescriptor(configurationDescriptor, next)))
        if (next->bDescriptorType == type) return next;
    return nullptr;
}

const IOUSBDescriptorHeader *
IOUSBGetNextAssociatedDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                 const IOUSBDescriptorHeader *parentDescriptor,
                                 const IOUSBDescriptorHeader *currentDescriptor)
{
    if (parentDescriptor == nullptr) return nullptr;
    const IOUSBDescriptorHeader *from = currentDescriptor ? currentDescriptor : parentDescriptor;
    const IOUSBDescriptorHeader *next = IOUSBGetNextDescriptor(configurationDescriptor, from);
    if (next == nullptr || next->bDescriptorType == parentDescriptor->bDescriptorType) return nullptr;
    /* An interface's descriptors also end at an interface association that starts the next function. */
    if (parentDescriptor->bDescriptorType == kIOUSBDescriptorTypeInterface &&
        next->bDescriptorType == kIOUSBDescriptorTypeInterfaceAssociation)
        return nullptr;
    return next;
}

const IOUSBDescriptorHeader *
IOUSBGetNextAssociatedDescriptorWithType(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                         const IOUSBDescriptorHeader *parentDescriptor,
                                         const IOUSBDescriptorHeader *currentDescriptor, const uint8_t type)
{
    const IOUSBDescriptorHeader *next = currentDescriptor;
    while ((next = IOUSBGetNextAssociatedDescriptor(configurationDescriptor, parentDescriptor, next)))
        if (next->bDescriptorType == type) return next;
    return nullptr;
}

const IOUSBInterfaceAssociationDescriptor *
IOUSBGetNextInterfaceAssociationDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                           const IOUSBDescriptorHeader *currentDescriptor)
{
    const IOUSBDescriptorHeader *next = currentDescriptor;
    while ((
        next = IOUSBGetNextDescriptorWithType(configurationDescriptor, next, kIOUSBDescriptorTypeInterfaceAssociation)))
        if (next->bLength >= kIOUSBDescriptorSizeInterfaceAssociation)
            return reinterpret_cast<const IOUSBInterfaceAssociationDescriptor *>(next);
    return nullptr;
}

const IOUSBInterfaceDescriptor *
IOUSBGetNextInterfaceDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                                const IOUSBDescriptorHeader *currentDescriptor)
{
    const IOUSBDescriptorHeader *next = currentDescriptor;
    /* A descriptor too short for its type is skipped: its fields would be read past its end. */
    while ((next = IOUSBGetNextDescriptorWithType(configurationDescriptor, next, kIOUSBDescriptorTypeInterface)))
        if (next->bLength >= kIOUSBDescriptorSizeInterface)
            return reinterpret_cast<const IOUSBInterfaceDescriptor *>(next);
    return nullptr;
}

const IOUSBEndpointDescriptor *
IOUSBGetNextEndpointDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor,
                               const IOUSBInterfaceDescriptor *interfaceDescriptor,
                               const IOUSBDescriptorHeader *currentDescriptor)
{
    auto *parent = reinterpret_cast<const IOUSBDescriptorHeader *>(interfaceDescriptor);
    const IOUSBDescriptorHeader *next = currentDescriptor;
    while ((next = IOUSBGetNextAssociatedDescriptorWithType(configurationDescriptor, parent, next,
                                                            kIOUSBDescriptorTypeEndpoint)))
        if (next->bLength >= kIOUSBDescriptorSizeEndpoint)
            return reinterpret_cast<const IOUSBEndpointDescriptor *>(next);
    return nullptr;
}

uint8_t IOUSBGetEndpointDirection(const IOUSBEndpointDescriptor *descriptor)
{
    if (IOUSBGetEndpointType(descriptor) == kIOUSBEndpointTypeControl) return kIOUSBEndpointDirectionUnknown;
    return (uint8_t)((descriptor->bEndpointAddress & kIOUSBEndpointDescriptorDirection) >>
                     kIOUSBEndpointDescriptorDirectionPhase);
}

uint8_t IOUSBGetEndpointAddress(const IOUSBEndpointDescriptor *descriptor)
{
    return (uint8_t)(descriptor->bEndpointAddress &
                     (kIOUSBEndpointDescriptorNumber | kIOUSBEndpointDescriptorDirection));
}

uint8_t IOUSBGetEndpointNumber(const IOUSBEndpointDescriptor *descriptor)
{
    return (uint8_t)(descriptor->bEndpointAddress & kIOUSBEndpointDescriptorNumber);
}

uint8_t IOUSBGetEndpointType(const IOUSBEndpointDescriptor *descriptor)
{
    return (uint8_t)(descriptor->bmAttributes & kIOUSBEndpointDescriptorTransferType);
}

uint8_t IOUSBGetEndpointSynchronizationType(const IOUSBEndpointDescriptor *descriptor)
{
    return (uint8_t)((descriptor->bmAttributes & kIOUSBEndpointDescriptorSynchronizationType) >>
                     kIOUSBEndpointDescriptorSynchronizationTypePhase);
}

uint8_t IOUSBGetEndpointUsageType(const IOUSBEndpointDescriptor *descriptor)
{
    return (uint8_t)((descriptor->bmAttributes & kIOUSBEndpointDescriptorUsageType) >>
                     kIOUSBEndpointDescriptorUsageTypePhase);
}

uint16_t IOUSBGetEndpointMaxPacketSize(uint32_t, const IOUSBEndpointDescriptor *descriptor)
{
    return (uint16_t)(descriptor->wMaxPacketSize & kIOUSBEndpointDescriptorPacketSize);
}

/* bInterval as USB 2.0 table 9-13 reads it: full/low-speed interrupt in frames, everything else as
 * 2^(bInterval-1) (micro)frames. Encoded = the exponent form in microframes. */
uint32_t IOUSBGetEndpointIntervalEncodedMicroframes(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor)
{
    uint32_t interval = descriptor->bInterval;
    bool frames = usbDeviceSpeed == 1 /* full */ || usbDeviceSpeed == 2 /* low */;
    if (frames && IOUSBGetEndpointType(descriptor) == kIOUSBEndpointTypeInterrupt) {
        uint32_t microframes = (interval ? interval : 1) * 8, encoded = 1;
        while ((1u << encoded) < microframes && encoded < 16) encoded++;
        return encoded;
    }
    if (interval < 1) interval = 1;
    return interval > 16 ? 15 : interval - 1;
}

uint32_t IOUSBGetEndpointIntervalMicroframes(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor)
{
    return 1u << IOUSBGetEndpointIntervalEncodedMicroframes(usbDeviceSpeed, descriptor);
}

uint32_t IOUSBGetEndpointIntervalFrames(uint32_t usbDeviceSpeed, const IOUSBEndpointDescriptor *descriptor)
{
    uint32_t microframes = IOUSBGetEndpointIntervalMicroframes(usbDeviceSpeed, descriptor);
    return microframes < 8 ? 1 : microframes / 8;
}

} // extern "C"

/* Every Copy…Descriptor copy is one malloc block (usb/Descriptors.cpp). */
void IOUSBHostFreeDescriptor(const IOUSBDeviceDescriptor *descriptor)
{
    free(const_cast<IOUSBDeviceDescriptor *>(descriptor));
}
void IOUSBHostFreeDescriptor(const IOUSBConfigurationDescriptor *descriptor)
{
    free(const_cast<IOUSBConfigurationDescriptor *>(descriptor));
}
void IOUSBHostFreeDescriptor(const IOUSBBOSDescriptor *descriptor)
{
    free(const_cast<IOUSBBOSDescriptor *>(descriptor));
}
void IOUSBHostFreeDescriptor(const IOUSBStringDescriptor *descriptor)
{
    free(const_cast<IOUSBStringDescriptor *>(descriptor));
}
