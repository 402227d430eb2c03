/*
 * Selectors (spec.yaml declares them; dext/tests/hid/ tests the runtime through them):
 *  0 CreateKeyboard  Create(this, "KeyboardProperties") — an IOUserHIDDevice from a dictionary
 *                    nested in this user client's properties; success when one exists already
 *  1 PostReport      posts structureInput through the keyboard's handleReport as a report of type
 *                    scalarInput[0] (default input). Only the keyboard's own reports are posted: an
 *                    8-byte input report or a 1-byte output report (kKeyboardReportDescriptor);
 *                    anything else is kIOReturnBadArgument
 *  2 DestroyKeyboard terminates and releases the keyboard
 *  3 SetLeds         calls the keyboard's setReport (through IOHIDDevice) with an output report of
 *                    scalarInput[0]; scalarOutput[0] = the LED state the keyboard kept
 *  4 PressKeys       posts an input report with the key usages of scalarInput (one per scalar) —
 *                    with the planted bug described at PressKeys below
 * Posting selectors create the keyboard first when there is none.
 *
 * A raw client (connection type 1, VirtualHIDDriver::NewUserClient) exists for the runtime's own
 * tests: its PostReport posts whatever it is given, scalarInput[1] being the reportLength passed,
 * and it has a selector 5, CreateBroken: Create(this, "BrokenKeyboardProperties"), a device without
 * a report descriptor, whose Start fails. The harness opens the spec's type 0 only.
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <HIDDriverKit/HIDDriverKit.h>

#include "VirtualHIDUserClient.h"
#include "VirtualHIDKeyboard.h"

/* The keyboard's reports, as kKeyboardReportDescriptor declares them. */
static const uint32_t kInputReportLength = 8;  /* modifiers, reserved, six key codes */
static const uint32_t kOutputReportLength = 1; /* five LEDs and three padding bits */
static const uint32_t kKeySlots = 6;

struct VirtualHIDUserClient_IVars {
    VirtualHIDKeyboard* keyboard;
    bool raw;
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

void VirtualHIDUserClient::SetRaw(bool raw)
{
    ivars->raw = raw;
}

void VirtualHIDUserClient::DestroyKeyboard(void)
{
    if (ivars->keyboard == nullptr) return;
    ivars->keyboard->Terminate(0);
    OSSafeReleaseNULL(ivars->keyboard);
}

kern_return_t VirtualHIDUserClient::CreateKeyboard(const char* propertiesKey)
{
    if (ivars->keyboard != nullptr) return kIOReturnSuccess;
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
    if (arguments->structureInput == nullptr) return kIOReturnBadArgument;
    uint32_t length = (uint32_t)arguments->structureInput->getLength();
    /* Checked before the cast: a value outside IOHIDReportType's enumerators would be undefined behaviour. */
    uint64_t typeValue = arguments->scalarInputCount > 0 ? arguments->scalarInput[0] : kIOHIDReportTypeInput;
    if (typeValue > kIOHIDReportTypeFeature) return kIOReturnBadArgument;
    IOHIDReportType type = (IOHIDReportType)typeValue;
    uint32_t claimed = length;
    if (ivars->raw) {
        if (arguments->scalarInputCount > 1) claimed = (uint32_t)arguments->scalarInput[1];
    } else {
        bool input = type == kIOHIDReportTypeInput && length == kInputReportLength;
        bool output = type == kIOHIDReportTypeOutput && length == kOutputReportLength;
        if (arguments->scalarInputCount > 1 || !(input || output)) return kIOReturnBadArgument;
    }
    kern_return_t ret = CreateKeyboard("KeyboardProperties");
    if (ret != kIOReturnSuccess) return ret;
    return ivars->keyboard->postBytes((const uint8_t*)arguments->structureInput->getBytesNoCopy(), length, claimed, type);
}

/*
 * PLANTED BUG (the harness's hid.reports rule finds it; spec.yaml does not list it as known): the
 * report is sized for the keys given, 2 + count bytes, but the boot keyboard's input report
 * (kKeyboardReportDescriptor) holds six key codes in 8 bytes. Seven or more keys post a 9..18-byte
 * input report that the device's own descriptor does not allow. The fix: with more than six keys,
 * report ErrorRollOver (usage 0x01 of the Keyboard page) in all six slots, in an 8-byte report.
 */
kern_return_t VirtualHIDUserClient::PressKeys(IOUserClientMethodArguments* arguments)
{
    kern_return_t ret = CreateKeyboard("KeyboardProperties");
    if (ret != kIOReturnSuccess) return ret;
    uint8_t report[2 + 16] = {};
    uint32_t count = arguments->scalarInputCount; /* at most 16: the kernel refuses more */
    if (count > 16) return kIOReturnBadArgument;
    for (uint32_t k = 0; k < count; k++) report[2 + k] = (uint8_t)arguments->scalarInput[k];
    uint32_t length = 2 + (count < kKeySlots ? kKeySlots : count);
    return ivars->keyboard->postBytes(report, length, length, kIOHIDReportTypeInput);
}

kern_return_t VirtualHIDUserClient::SetLeds(IOUserClientMethodArguments* arguments)
{
    if (arguments->scalarInputCount < 1 || arguments->scalarOutputCount < 1) return kIOReturnBadArgument;
    kern_return_t ret = CreateKeyboard("KeyboardProperties");
    if (ret != kIOReturnSuccess) return ret;
    IOBufferMemoryDescriptor* buffer = nullptr;
    ret = IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, kOutputReportLength, 0, &buffer);
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

kern_return_t VirtualHIDUserClient::CreateBroken(void)
{
    IOService* created = nullptr;
    kern_return_t ret = Create(this, "BrokenKeyboardProperties", &created);
    if (created) {
        created->Terminate(0);
        created->release();
    }
    return ret;
}

kern_return_t VirtualHIDUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                   const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    switch (selector) {
        case 0: return CreateKeyboard("KeyboardProperties");
        case 1: return PostReport(arguments);
        case 2:
            DestroyKeyboard();
            return kIOReturnSuccess;
        case 3: return SetLeds(arguments);
        case 4: return PressKeys(arguments);
        case 5:
            if (ivars->raw) return CreateBroken();
            break;
        default: break;
    }
    return super::ExternalMethod(selector, arguments, dispatch, target, reference);
}
