/*
 * Selectors (see dext/tests/hid/ for what each test expects):
 *  0 CreateKeyboard  Create(this, "KeyboardProperties") — an IOUserHIDDevice from a dictionary
 *                    nested in this user client's properties; kIOReturnExclusiveAccess when one exists
 *  1 PostReport      posts structureInput through the keyboard's handleReport; scalarInput[0], if
 *                    given, is the report type, scalarInput[1] the reportLength passed (default: the
 *                    input's length); kIOReturnNotReady without a keyboard
 *  2 DestroyKeyboard terminates and releases the keyboard
 *  3 SetLeds         calls the keyboard's setReport (through IOHIDDevice) with an output report of
 *                    scalarInput[0]; scalarOutput[0] = the LED state the keyboard kept
 *  4 CreateBroken    Create(this, "BrokenKeyboardProperties"): a device without a report
 *                    descriptor, whose Start fails; returns Create's status
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <HIDDriverKit/HIDDriverKit.h>

#include "VirtualHIDUserClient.h"
#include "VirtualHIDKeyboard.h"

struct VirtualHIDUserClient_IVars {
    VirtualHIDKeyboard* keyboard;
};

bool VirtualHIDUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(VirtualHIDUserClient_IVars, 1);
    return ivars != nullptr;
}

void VirtualHIDUserClient::free()
{
    if (ivars) DestroyKeyboard();
    IOSafeDeleteNULL(ivars, VirtualHIDUserClient_IVars, 1);
    super::free();
}

kern_return_t IMPL(VirtualHIDUserClient, Stop)
{
    DestroyKeyboard();
    return Stop(provider, SUPERDISPATCH);
}

void VirtualHIDUserClient::DestroyKeyboard(void)
{
    if (ivars->keyboard == nullptr) return;
    ivars->keyboard->Terminate(0);
    OSSafeReleaseNULL(ivars->keyboard);
}

kern_return_t VirtualHIDUserClient::CreateKeyboard(const char* propertiesKey)
{
    IOService* created = nullptr;
    kern_return_t ret = Create(this, propertiesKey, &created);
    if (ret != kIOReturnSuccess) return ret;
    VirtualHIDKeyboard* keyboard = OSDynamicCast(VirtualHIDKeyboard, created);
    if (keyboard == nullptr) {
        created->Terminate(0);
        created->release();
        return kIOReturnError;
    }
    ivars->keyboard = keyboard;
    return kIOReturnSuccess;
}

kern_return_t VirtualHIDUserClient::PostReport(IOUserClientMethodArguments* arguments)
{
    if (ivars->keyboard == nullptr) return kIOReturnNotReady;
    if (arguments->structureInput == nullptr) return kIOReturnBadArgument;
    uint32_t length = (uint32_t)arguments->structureInput->getLength();
    IOHIDReportType type = arguments->scalarInputCount > 0 ? (IOHIDReportType)arguments->scalarInput[0] : kIOHIDReportTypeInput;
    uint32_t claimed = arguments->scalarInputCount > 1 ? (uint32_t)arguments->scalarInput[1] : length;
    return ivars->keyboard->postBytes((const uint8_t*)arguments->structureInput->getBytesNoCopy(), length, claimed, type);
}

kern_return_t VirtualHIDUserClient::SetLeds(IOUserClientMethodArguments* arguments)
{
    if (ivars->keyboard == nullptr) return kIOReturnNotReady;
    if (arguments->scalarInputCount < 1 || arguments->scalarOutputCount < 1) return kIOReturnBadArgument;
    IOBufferMemoryDescriptor* buffer = nullptr;
    kern_return_t ret = IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, 1, 0, &buffer);
    if (ret != kIOReturnSuccess) return ret;
    IOAddressSegment range = {};
    buffer->GetAddressRange(&range);
    *(uint8_t*)range.address = (uint8_t)arguments->scalarInput[0];
    IOHIDDevice* device = ivars->keyboard;
    ret = device->setReport(buffer, kIOHIDReportTypeOutput, 0, 0, nullptr);
    buffer->release();
    arguments->scalarOutput[0] = ivars->keyboard->ledState();
    arguments->scalarOutputCount = 1;
    return ret;
}

kern_return_t VirtualHIDUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                   const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    switch (selector) {
        case 0:
            if (ivars->keyboard != nullptr) return kIOReturnExclusiveAccess;
            return CreateKeyboard("KeyboardProperties");
        case 1: return PostReport(arguments);
        case 2:
            DestroyKeyboard();
            return kIOReturnSuccess;
        case 3: return SetLeds(arguments);
        case 4: {
            IOService* created = nullptr;
            kern_return_t ret = Create(this, "BrokenKeyboardProperties", &created);
            if (created) {
                created->Terminate(0);
                created->release();
            }
            return ret;
        }
        default: return super::ExternalMethod(selector, arguments, dispatch, target, reference);
    }
}
