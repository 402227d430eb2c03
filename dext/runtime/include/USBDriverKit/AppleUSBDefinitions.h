/*
 * The USB descriptor layouts and request fields of USB 2.0 chapter 9 under the names USBDriverKit
 * gives them (AppleUSBDefinitions.h of the DriverKit SDK; names and values only). Every descriptor
 * is packed: dexts read them straight out of the bytes the device sent.
 */
#ifndef DKSIM_USBDRIVERKIT_APPLEUSBDEFINITIONS_H
#define DKSIM_USBDRIVERKIT_APPLEUSBDEFINITIONS_H

#include <stdint.h>

#define IOUSBBit(bit) ((uint32_t)(1) << (bit))
#define IOUSBBitRange(start, end) (~(((uint32_t)(1) << (start)) - 1) & ((((uint32_t)(1) << (end)) << 1) - 1))
#define IOUSBBitRangePhase(start, end) (start)

enum tIOUSBDescriptorType {
    kIOUSBDescriptorTypeDevice = 1,
    kIOUSBDescriptorTypeConfiguration = 2,
    kIOUSBDescriptorTypeString = 3,
    kIOUSBDescriptorTypeInterface = 4,
    kIOUSBDescriptorTypeEndpoint = 5,
    kIOUSBDescriptorTypeDeviceQualifier = 6,
    kIOUSBDescriptorTypeOtherSpeedConfiguration = 7,
    kIOUSBDescriptorTypeInterfacePower = 8,
    kIOUSBDescriptorTypeOTG = 9,
    kIOUSBDescriptorTypeDebug = 10,
    kIOUSBDescriptorTypeInterfaceAssociation = 11,
    kIOUSBDescriptorTypeBOS = 15,
    kIOUSBDescriptorTypeDeviceCapability = 16,
    kIOUSBDecriptorTypeHID = 33, /* sic, as the SDK spells it */
    kIOUSBDescriptorTypeHID = 33,
    kIOUSBDecriptorTypeReport = 34,
    kIOUSBDescriptorTypeReport = 34,
    kIOUSBDescriptorTypePhysical = 35,
    kIOUSBDescriptorTypeHub = 41,
    kIOUSBDescriptorTypeSuperSpeedHub = 42,
    kIOUSBDescriptorTypeSuperSpeedUSBEndpointCompanion = 48,
    kIOUSBDescriptorTypeSuperSpeedPlusIsochronousEndpointCompanion = 49
};

enum tIOUSBDescriptorSize {
    kIOUSBDescriptorHeaderSize = 2,
    kIOUSBDescriptorSizeDevice = 18,
    kIOUSBDescriptorSizeConfiguration = 9,
    kIOUSBDescriptorSizeInterface = 9,
    kIOUSBDescriptorSizeEndpoint = 7,
    kIOUSBDescriptorSizeStringMinimum = kIOUSBDescriptorHeaderSize,
    kIOUSBDescriptorSizeStringMaximum = 255,
    kIOUSBDescriptorSizeDeviceQualifier = 10,
    kIOUSBDescriptorSizeInterfaceAssociation = 8,
    kIOUSBDescriptorSizeBOS = 5,
    kIOUSBDescriptorSizeDeviceCapability = 3,
    kIOUSBDescriptorSizeSuperSpeedUSBEndpointCompanion = 6,
    kIOUSBDescriptorSizeSuperSpeedPlusIsochronousEndpointCompanion = 8
};

struct IOUSBDescriptorHeader {
    uint8_t bLength;
    uint8_t bDescriptorType;
} __attribute__((packed));
typedef struct IOUSBDescriptorHeader IOUSBDescriptorHeader;
typedef struct IOUSBDescriptorHeader IOUSBDescriptor;

struct IOUSBDeviceDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t bcdUSB;
    uint8_t bDeviceClass;
    uint8_t bDeviceSubClass;
    uint8_t bDeviceProtocol;
    uint8_t bMaxPacketSize0;
    uint16_t idVendor;
    uint16_t idProduct;
    uint16_t bcdDevice;
    uint8_t iManufacturer;
    uint8_t iProduct;
    uint8_t iSerialNumber;
    uint8_t bNumConfigurations;
} __attribute__((packed));
typedef struct IOUSBDeviceDescriptor IOUSBDeviceDescriptor;

struct IOUSBConfigurationDescHeader {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t wTotalLength;
} __attribute__((packed));
typedef struct IOUSBConfigurationDescHeader IOUSBConfigurationDescHeader;

struct IOUSBConfigurationDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t wTotalLength;
    uint8_t bNumInterfaces;
    uint8_t bConfigurationValue;
    uint8_t iConfiguration;
    uint8_t bmAttributes;
    uint8_t MaxPower;
} __attribute__((packed));
typedef struct IOUSBConfigurationDescriptor IOUSBConfigurationDescriptor;

enum {
    kIOUSBConfigurationDescriptorAttributeRemoteWakeCapable = IOUSBBit(5),
    kIOUSBConfigurationDescriptorAttributeSelfPowered = IOUSBBit(6)
};

struct IOUSBInterfaceDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bInterfaceNumber;
    uint8_t bAlternateSetting;
    uint8_t bNumEndpoints;
    uint8_t bInterfaceClass;
    uint8_t bInterfaceSubClass;
    uint8_t bInterfaceProtocol;
    uint8_t iInterface;
} __attribute__((packed));
typedef struct IOUSBInterfaceDescriptor IOUSBInterfaceDescriptor;

struct IOUSBInterfaceAssociationDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bFirstInterface;
    uint8_t bInterfaceCount;
    uint8_t bFunctionClass;
    uint8_t bFunctionSubClass;
    uint8_t bFunctionProtocol;
    uint8_t iFunction;
} __attribute__((packed));
typedef struct IOUSBInterfaceAssociationDescriptor IOUSBInterfaceAssociationDescriptor;

struct IOUSBEndpointDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bEndpointAddress;
    uint8_t bmAttributes;
    uint16_t wMaxPacketSize;
    uint8_t bInterval;
} __attribute__((packed));
typedef struct IOUSBEndpointDescriptor IOUSBEndpointDescriptor;

struct IOUSBSuperSpeedEndpointCompanionDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bMaxBurst;
    uint8_t bmAttributes;
    uint16_t wBytesPerInterval;
} __attribute__((packed));
typedef struct IOUSBSuperSpeedEndpointCompanionDescriptor IOUSBSuperSpeedEndpointCompanionDescriptor;

struct IOUSBSuperSpeedPlusIsochronousEndpointCompanionDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t wReserved;
    uint32_t dwBytesPerInterval;
} __attribute__((packed));
typedef struct IOUSBSuperSpeedPlusIsochronousEndpointCompanionDescriptor
    IOUSBSuperSpeedPlusIsochronousEndpointCompanionDescriptor;

struct IOUSBStringDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bString[1];
} __attribute__((packed));
typedef struct IOUSBStringDescriptor IOUSBStringDescriptor;

struct IOUSBDeviceQualifierDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t bcdUSB;
    uint8_t bDeviceClass;
    uint8_t bDeviceSubClass;
    uint8_t bDeviceProtocol;
    uint8_t bMaxPacketSize0;
    uint8_t bNumConfigurations;
    uint8_t bReserved;
} __attribute__((packed));
typedef struct IOUSBDeviceQualifierDescriptor IOUSBDeviceQualifierDescriptor;

struct IOUSBBOSDescriptor {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint16_t wTotalLength;
    uint8_t bNumDeviceCaps;
} __attribute__((packed));
typedef struct IOUSBBOSDescriptor IOUSBBOSDescriptor;

struct IOUSBDeviceCapabilityDescriptorHeader {
    uint8_t bLength;
    uint8_t bDescriptorType;
    uint8_t bDevCapabilityType;
} __attribute__((packed));
typedef struct IOUSBDeviceCapabilityDescriptorHeader IOUSBDeviceCapabilityDescriptorHeader;

enum {
    kIOUSBEndpointDescriptorNumber = IOUSBBitRange(0, 3),
    kIOUSBEndpointDescriptorNumberPhase = IOUSBBitRangePhase(0, 3),
    kIOUSBEndpointDescriptorEndpointAddressReserved = IOUSBBitRange(4, 6),
    kIOUSBEndpointDescriptorDirection = IOUSBBit(7),
    kIOUSBEndpointDescriptorDirectionPhase = IOUSBBitRangePhase(7, 7),
    kIOUSBEndpointDescriptorDirectionOut = 0,
    kIOUSBEndpointDescriptorDirectionIn = IOUSBBit(7),

    kIOUSBEndpointDescriptorTransferType = IOUSBBitRange(0, 1),
    kIOUSBEndpointDescriptorTransferTypePhase = IOUSBBitRangePhase(0, 1),
    kIOUSBEndpointDescriptorTransferTypeControl = (0 << IOUSBBitRangePhase(0, 1)),
    kIOUSBEndpointDescriptorTransferTypeIsochronous = (1 << IOUSBBitRangePhase(0, 1)),
    kIOUSBEndpointDescriptorTransferTypeBulk = (2 << IOUSBBitRangePhase(0, 1)),
    kIOUSBEndpointDescriptorTransferTypeInterrupt = (3 << IOUSBBitRangePhase(0, 1)),
    kIOUSBEndpointDescriptorSynchronizationType = IOUSBBitRange(2, 3),
    kIOUSBEndpointDescriptorSynchronizationTypePhase = IOUSBBitRangePhase(2, 3),
    kIOUSBEndpointDescriptorUsageType = IOUSBBitRange(4, 5),
    kIOUSBEndpointDescriptorUsageTypePhase = IOUSBBitRangePhase(4, 5),

    kIOUSBEndpointDescriptorPacketSize = IOUSBBitRange(0, 10),
    kIOUSBEndpointDescriptorPacketSizePhase = IOUSBBitRangePhase(0, 10),
    kIOUSBEndpointDescriptorPacketSizeMult = IOUSBBitRange(11, 12),
    kIOUSBEndpointDescriptorPacketSizeMultPhase = 11
};

enum tIOUSBEndpointDirection {
    kIOUSBEndpointDirectionOut = (kIOUSBEndpointDescriptorDirectionOut >> kIOUSBEndpointDescriptorDirectionPhase),
    kIOUSBEndpointDirectionIn = (kIOUSBEndpointDescriptorDirectionIn >> kIOUSBEndpointDescriptorDirectionPhase),
    kIOUSBEndpointDirectionUnknown = 2
};

enum tIOUSBEndpointType {
    kIOUSBEndpointTypeControl = 0,
    kIOUSBEndpointTypeIsochronous = 1,
    kIOUSBEndpointTypeBulk = 2,
    kIOUSBEndpointTypeInterrupt = 3
};

enum { kIOUSBLanguageIDEnglishUS = 0x0409 };

/* The SETUP packet of a control transfer. */
struct IOUSBDeviceRequest {
    uint8_t bmRequestType;
    uint8_t bRequest;
    uint16_t wValue;
    uint16_t wIndex;
    uint16_t wLength;
} __attribute__((packed));
typedef struct IOUSBDeviceRequest IOUSBDeviceRequest;

enum { kIOUSBDeviceRequestSize = 8 };

enum tIOUSBDeviceRequest {
    kIOUSBDeviceRequestDirectionMask = IOUSBBit(7),
    kIOUSBDeviceRequestDirectionPhase = IOUSBBitRangePhase(7, 7),
    kIOUSBDeviceRequestDirectionOut = (0 << IOUSBBitRangePhase(7, 7)),
    kIOUSBDeviceRequestDirectionIn = (1 << IOUSBBitRangePhase(7, 7)),

    kIOUSBDeviceRequestTypeMask = IOUSBBitRange(5, 6),
    kIOUSBDeviceRequestTypePhase = IOUSBBitRangePhase(5, 6),
    kIOUSBDeviceRequestTypeStandard = (0 << IOUSBBitRangePhase(5, 6)),
    kIOUSBDeviceRequestTypeClass = (1 << IOUSBBitRangePhase(5, 6)),
    kIOUSBDeviceRequestTypeVendor = (2 << IOUSBBitRangePhase(5, 6)),

    kIOUSBDeviceRequestRecipientMask = IOUSBBitRange(0, 4),
    kIOUSBDeviceRequestRecipientPhase = IOUSBBitRangePhase(0, 4),
    kIOUSBDeviceRequestRecipientDevice = 0,
    kIOUSBDeviceRequestRecipientInterface = 1,
    kIOUSBDeviceRequestRecipientEndpoint = 2,
    kIOUSBDeviceRequestRecipientOther = 3
};

enum tIOUSBDeviceRequestDirectionValue {
    kIOUSBDeviceRequestDirectionValueOut = 0,
    kIOUSBDeviceRequestDirectionValueIn = 1
};
enum tIOUSBDeviceRequestTypeValue {
    kIOUSBDeviceRequestTypeValueStandard = 0,
    kIOUSBDeviceRequestTypeValueClass = 1,
    kIOUSBDeviceRequestTypeValueVendor = 2
};
enum tIOUSBDeviceRequestRecipientValue {
    kIOUSBDeviceRequestRecipientValueDevice = 0,
    kIOUSBDeviceRequestRecipientValueInterface = 1,
    kIOUSBDeviceRequestRecipientValueEndpoint = 2,
    kIOUSBDeviceRequestRecipientValueOther = 3
};

/* The standard request codes (USB 2.0 table 9-4; SuperSpeed adds the last two). */
enum tIOUSBDeviceRequestCode {
    kIOUSBDeviceRequestGetStatus = 0,
    kIOUSBDeviceRequestClearFeature = 1,
    kIOUSBDeviceRequestSetFeature = 3,
    kIOUSBDeviceRequestSetAddress = 5,
    kIOUSBDeviceRequestGetDescriptor = 6,
    kIOUSBDeviceRequestSetDescriptor = 7,
    kIOUSBDeviceRequestGetConfiguration = 8,
    kIOUSBDeviceRequestSetConfiguration = 9,
    kIOUSBDeviceRequestGetInterface = 10,
    kIOUSBDeviceRequestSetInterface = 11,
    kIOUSBDeviceRequestSynchFrame = 12,
    kIOUSBDeviceRequestSetSel = 48,
    kIOUSBDeviceRequestSetIsochronousDelay = 49
};

/* bmRequestType from its three fields, as the SDK's macro builds it. */
#define makeDeviceRequestbmRequestType(direction, type, recipient)                                                    \
    (uint8_t)((((direction)&1) << kIOUSBDeviceRequestDirectionPhase) | (((type)&3) << kIOUSBDeviceRequestTypePhase) | \
              (((recipient)&0x1f) << kIOUSBDeviceRequestRecipientPhase))

#endif
