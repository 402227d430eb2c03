#include <string.h>
#include <time.h>
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/OSCollections.h>
#include <HIDDriverKit/HIDDriverKit.h>

#include "VirtualHIDKeyboard.h"

/* Boot keyboard: modifiers, reserved, six key codes in; five LEDs (+3 padding bits) out. */
static const uint8_t kKeyboardReportDescriptor[] = {
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01,             /* Generic Desktop, Keyboard, Collection (Application) */
    0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, /* Keyboard page, usages E0-E7, logical 0.. */
    0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, /* ..1, 8 x 1 bit, Input (Data, Var, Abs) */
    0x95, 0x01, 0x75, 0x08, 0x81, 0x01,             /* 1 x 8 bits, Input (Const) */
    0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x95, 0x05, /* LED page, usages 1-5, 5 x .. */
    0x75, 0x01, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, /* ..1 bit, Output (Data, Var, Abs), 1 x 3 bits */
    0x91, 0x01,                                     /* Output (Const) */
    0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x15, 0x00, /* Keyboard page, usages 0-0x65, logical 0.. */
    0x25, 0x65, 0x75, 0x08, 0x95, 0x06, 0x81, 0x00, /* ..0x65, 6 x 8 bits, Input (Data, Array) */
    0xC0,                                           /* End Collection */
};

struct VirtualHIDKeyboard_IVars {
    uint32_t leds;
};

bool VirtualHIDKeyboard::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(VirtualHIDKeyboard_IVars, 1);
    return ivars != nullptr;
}

void VirtualHIDKeyboard::free()
{
    IOSafeDeleteNULL(ivars, VirtualHIDKeyboard_IVars, 1);
    super::free();
}

kern_return_t IMPL(VirtualHIDKeyboard, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    os_log(OS_LOG_DEFAULT, "VirtualHIDKeyboard: Start 0x%x", ret);
    return ret;
}

kern_return_t IMPL(VirtualHIDKeyboard, Stop)
{
    os_log(OS_LOG_DEFAULT, "VirtualHIDKeyboard: Stop");
    return Stop(provider, SUPERDISPATCH);
}

bool VirtualHIDKeyboard::handleStart(IOService* provider)
{
    os_log(OS_LOG_DEFAULT, "VirtualHIDKeyboard: handleStart");
    return super::handleStart(provider);
}

OSDictionary* VirtualHIDKeyboard::newDeviceDescription(void)
{
    OSDictionary* description = OSDictionary::withCapacity(8);
    if (description == nullptr) return nullptr;
    OSDictionarySetStringValue(description, kIOHIDTransportKey, kIOHIDTransportVirtualValue);
    OSDictionarySetStringValue(description, kIOHIDManufacturerKey, "ConformanceKit");
    OSDictionarySetStringValue(description, kIOHIDProductKey, "Virtual Keyboard");
    OSDictionarySetUInt64Value(description, kIOHIDVendorIDKey, 0x1234);
    OSDictionarySetUInt64Value(description, kIOHIDProductIDKey, 0x5678);
    OSDictionarySetUInt64Value(description, kIOHIDPrimaryUsagePageKey, kHIDPage_GenericDesktop);
    OSDictionarySetUInt64Value(description, kIOHIDPrimaryUsageKey, kHIDUsage_GD_Keyboard);
    description->setObject(kIOHIDRegisterServiceKey, kOSBooleanTrue);
    return description;
}

OSData* VirtualHIDKeyboard::newReportDescriptor(void)
{
    return OSData::withBytes(kKeyboardReportDescriptor, sizeof(kKeyboardReportDescriptor));
}

kern_return_t VirtualHIDKeyboard::setReport(IOMemoryDescriptor* report, IOHIDReportType reportType,
                                            IOOptionBits options, uint32_t completionTimeout, OSAction* action)
{
    if (report == nullptr || reportType != kIOHIDReportTypeOutput) return kIOReturnUnsupported;
    IOMemoryMap* map = nullptr;
    kern_return_t ret = report->CreateMapping(0, 0, 0, 0, 0, &map);
    if (ret != kIOReturnSuccess) return ret;
    if (map->GetLength() >= 1) ivars->leds = *(const uint8_t*)map->GetAddress() & 0x1F;
    map->release();
    return kIOReturnSuccess;
}

kern_return_t VirtualHIDKeyboard::postBytes(const uint8_t* bytes, uint32_t length, uint32_t claimedLength, IOHIDReportType type)
{
    IOBufferMemoryDescriptor* buffer = nullptr;
    kern_return_t ret = IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, length, 0, &buffer);
    if (ret != kIOReturnSuccess) return ret;
    IOAddressSegment range = {};
    ret = buffer->GetAddressRange(&range);
    if (ret == kIOReturnSuccess) {
        memcpy((void*)range.address, bytes, length);
        buffer->SetLength(length);
        ret = handleReport(clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW), buffer, claimedLength, type);
    }
    buffer->release();
    return ret;
}

uint32_t VirtualHIDKeyboard::ledState(void)
{
    return ivars->leds;
}

OSDictionary* VirtualHIDNoDescriptor::newDeviceDescription(void)
{
    OSDictionary* description = OSDictionary::withCapacity(1);
    if (description) OSDictionarySetStringValue(description, kIOHIDProductKey, "No Descriptor");
    return description;
}
