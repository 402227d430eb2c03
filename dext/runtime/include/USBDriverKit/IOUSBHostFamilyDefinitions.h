/*
 * Matching keys, registry property names, connection speeds, port status bits and the family's own
 * return codes (IOUSBHostFamilyDefinitions.h of the SDK; names and values only).
 */
#ifndef DKSIM_USBDRIVERKIT_IOUSBHOSTFAMILYDEFINITIONS_H
#define DKSIM_USBDRIVERKIT_IOUSBHOSTFAMILYDEFINITIONS_H

#include <DriverKit/IOReturn.h>
#include <USBDriverKit/AppleUSBDefinitions.h>

#define kUSBHostMatchingPropertyVendorID "idVendor"
#define kUSBHostMatchingPropertyProductID "idProduct"
#define kUSBHostMatchingPropertyProductIDMask "idProductMask"
#define kUSBHostMatchingPropertyProductIDArray "idProductArray"
#define kUSBHostMatchingPropertyDeviceClass "bDeviceClass"
#define kUSBHostMatchingPropertyDeviceSubClass "bDeviceSubClass"
#define kUSBHostMatchingPropertyDeviceProtocol "bDeviceProtocol"
#define kUSBHostMatchingPropertyDeviceReleaseNumber "bcdDevice"
#define kUSBHostMatchingPropertyConfigurationValue "bConfigurationValue"
#define kUSBHostMatchingPropertyInterfaceClass "bInterfaceClass"
#define kUSBHostMatchingPropertyInterfaceSubClass "bInterfaceSubClass"
#define kUSBHostMatchingPropertyInterfaceProtocol "bInterfaceProtocol"
#define kUSBHostMatchingPropertyInterfaceNumber "bInterfaceNumber"
#define kUSBHostMatchingPropertySpeed "USBSpeed"
#define kUSBHostMatchingPropertyPortType "USBPortType"

#define kUSBHostPropertyLocationID "locationID"
#define kUSBHostDevicePropertyVendorString "kUSBVendorString"
#define kUSBHostDevicePropertyProductString "kUSBProductString"
#define kUSBHostDevicePropertySerialNumberString "kUSBSerialNumberString"
#define kUSBHostDevicePropertyCurrentConfiguration "kUSBCurrentConfiguration"
#define kUSBHostDevicePropertyAddress "kUSBAddress"
#define kUSBHostInterfacePropertyAlternateSetting "bAlternateSetting"
#define kUSBHostInterfacePropertyNumEndpoints "bNumEndpoints"

#define kIOUSBTransportDextEntitlement "com.apple.developer.driverkit.transport.usb"

enum tIOUSBHostConnectionSpeed {
    kIOUSBHostConnectionSpeedNone = 0,
    kIOUSBHostConnectionSpeedFull = 1,
    kIOUSBHostConnectionSpeedLow = 2,
    kIOUSBHostConnectionSpeedHigh = 3,
    kIOUSBHostConnectionSpeedSuper = 4,
    kIOUSBHostConnectionSpeedSuperPlus = 5,
    kIOUSBHostConnectionSpeedSuperPlusBy2 = 6,
    kIOUSBHostConnectionSpeedCount = 7
};

enum tIOUSBHostPortType {
    kIOUSBHostPortTypeStandard = 0,
    kIOUSBHostPortTypeCaptive = 1,
    kIOUSBHostPortTypeInternal = 2,
    kIOUSBHostPortTypeAccessory = 3,
    kIOUSBHostPortTypeExpressCard = 4,
    kIOUSBHostPortTypeCount
};

enum tIOUSBHostPortStatus {
    kIOUSBHostPortStatusPortTypeMask = IOUSBBitRange(0, 3),
    kIOUSBHostPortStatusPortTypeStandard = kIOUSBHostPortTypeStandard,
    kIOUSBHostPortStatusConnectedSpeedMask = IOUSBBitRange(8, 10),
    kIOUSBHostPortStatusConnectedSpeedNone = (kIOUSBHostConnectionSpeedNone << 8),
    kIOUSBHostPortStatusConnectedSpeedFull = (kIOUSBHostConnectionSpeedFull << 8),
    kIOUSBHostPortStatusConnectedSpeedLow = (kIOUSBHostConnectionSpeedLow << 8),
    kIOUSBHostPortStatusConnectedSpeedHigh = (kIOUSBHostConnectionSpeedHigh << 8),
    kIOUSBHostPortStatusConnectedSpeedSuper = (kIOUSBHostConnectionSpeedSuper << 8),
    kIOUSBHostPortStatusConnectedSpeedSuperPlus = (kIOUSBHostConnectionSpeedSuperPlus << 8),
    kIOUSBHostPortStatusResetting = IOUSBBit(11),
    kIOUSBHostPortStatusEnabled = IOUSBBit(12),
    kIOUSBHostPortStatusSuspended = IOUSBBit(13),
    kIOUSBHostPortStatusOvercurrent = IOUSBBit(14),
    kIOUSBHostPortStatusTestMode = IOUSBBit(15)
};

/* The family's own error space (iokit_usbhost_err); kUSBHostReturnPipeStalled is a STALL handshake. */
#define kUSBHostReturnPipeStalled ((IOReturn)0xe0005000)
#define kUSBHostReturnNoPower ((IOReturn)0xe0005001)
#define kUSBHostMessageConfigurationSet ((uint32_t)0xe0005000)

#endif
