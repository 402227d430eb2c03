/*
 * Property keys of a HID device (HIDDriverKit/IOHIDDeviceKeys.h; the string values are IOKit's
 * kIOHID*Key of IOHIDFamily's IOHIDKeys.h / IOHIDDeviceKeys.h). A dext returns them in the
 * dictionary of IOUserHIDDevice::newDeviceDescription.
 */
#ifndef DKSIM_HIDDRIVERKIT_IOHIDDEVICEKEYS_H
#define DKSIM_HIDDRIVERKIT_IOHIDDEVICEKEYS_H

#define kIOHIDDeviceKey "IOHIDDevice"

/* identity and transport */
#define kIOHIDTransportKey "Transport"
#define kIOHIDVendorIDKey "VendorID"
#define kIOHIDVendorIDSourceKey "VendorIDSource"
#define kIOHIDProductIDKey "ProductID"
#define kIOHIDVersionNumberKey "VersionNumber"
#define kIOHIDManufacturerKey "Manufacturer"
#define kIOHIDProductKey "Product"
#define kIOHIDSerialNumberKey "SerialNumber"
#define kIOHIDCountryCodeKey "CountryCode"
#define kIOHIDStandardTypeKey "StandardType"
#define kIOHIDLocationIDKey "LocationID"
#define kIOHIDUniqueIDKey "UniqueID"
#define kIOHIDPhysicalDeviceUniqueIDKey "PhysicalDeviceUniqueID"
#define kIOHIDModelNumberKey "ModelNumber"
#define kIOHIDBuiltInKey "Built-In"
#define kIOHIDDisplayIntegratedKey "DisplayIntegrated"
#define kIOHIDKeyboardLanguageKey "KeyboardLanguage"

/* usages */
#define kIOHIDDeviceUsageKey "DeviceUsage"
#define kIOHIDDeviceUsagePageKey "DeviceUsagePage"
#define kIOHIDDeviceUsagePairsKey "DeviceUsagePairs"
#define kIOHIDPrimaryUsageKey "PrimaryUsage"
#define kIOHIDPrimaryUsagePageKey "PrimaryUsagePage"

/* reports */
#define kIOHIDMaxInputReportSizeKey "MaxInputReportSize"
#define kIOHIDMaxOutputReportSizeKey "MaxOutputReportSize"
#define kIOHIDMaxFeatureReportSizeKey "MaxFeatureReportSize"
#define kIOHIDReportIntervalKey "ReportInterval"
#define kIOHIDSampleIntervalKey "SampleInterval"
#define kIOHIDBatchIntervalKey "BatchInterval"
#define kIOHIDRequestTimeoutKey "RequestTimeout"
#define kIOHIDReportDescriptorKey "ReportDescriptor"
#define kIOHIDResetKey "Reset"

/* whether the kernel registers the device at once (a dext can register it later) */
#define kIOHIDRegisterServiceKey "RegisterService"

/* values of kIOHIDTransportKey */
#define kIOHIDTransportUSBValue "USB"
#define kIOHIDTransportBluetoothValue "Bluetooth"
#define kIOHIDTransportBluetoothLowEnergyValue "BluetoothLowEnergy"
#define kIOHIDTransportAIDBValue "AID"
#define kIOHIDTransportI2CValue "I2C"
#define kIOHIDTransportSPIValue "SPI"
#define kIOHIDTransportSerialValue "Serial"
#define kIOHIDTransportIAPValue "iAP"
#define kIOHIDTransportAirPlayValue "AirPlay"
#define kIOHIDTransportSPUValue "SPU"
#define kIOHIDTransportBTAACPValue "BT-AACP"
#define kIOHIDTransportFIFOValue "FIFO"
#define kIOHIDTransportVirtualValue "Virtual"

/* values of kIOHIDVendorIDSourceKey */
enum {
    kIOHIDVendorIDSourceUndefined = 0,
    kIOHIDVendorIDSourceBluetoothSIG = 1,
    kIOHIDVendorIDSourceUSBIF = 2,
};

#endif
