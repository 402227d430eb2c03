/*
 * Selectors (see dext/tests/collections-dext/ for what each test expects):
 *  0 Summarize  builds a dictionary {"values": [scalarInput...], "kind": "summary", "ok": true},
 *               serializes it and reads it back; scalarOutput = [number of values, their sum,
 *               length of "kind", 1 if the copy equals the original]. Releases everything.
 *  1 Leak       builds a dictionary {"name": "leaked", "values": [1]} and never releases it
 *  2 Decode     structureInput holds libkern binary serialization bytes of a dictionary; returns
 *               its "v" number in scalarOutput[0] (kIOReturnBadArgument if there is none)
 *  3 Remember   stores scalarInput[0] under the key in structureInput in a dictionary the user
 *               client keeps until it is freed; scalarOutput[0] = number of keys remembered
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSCollections.h>
#include <DriverKit/OSSharedPtr.h>

#include "CollectionsUserClient.h"

struct CollectionsUserClient_IVars {
    OSDictionary* remembered = nullptr;
};

bool CollectionsUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(CollectionsUserClient_IVars, 1);
    if (ivars == nullptr) return false;
    ivars->remembered = OSDictionary::withCapacity(4);
    return ivars->remembered != nullptr;
}

void CollectionsUserClient::free()
{
    if (ivars) OSSafeReleaseNULL(ivars->remembered);
    IOSafeDeleteNULL(ivars, CollectionsUserClient_IVars, 1);
    super::free();
}

kern_return_t CollectionsUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                    const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    switch (selector) {
        case 0: return Summarize(arguments);
        case 1: {
            OSDictionary* leaked = OSDictionary::withCapacity(2);
            OSDictionarySetStringValue(leaked, "name", "leaked");
            OSArray* values = OSArray::withCapacity(1);
            OSArraySetUInt64Value(values, kOSArrayAppend, 1);
            leaked->setObject("values", values);
            values->release();
            return kIOReturnSuccess;
        }
        case 2: return Decode(arguments);
        case 3: return Remember(arguments);
        default: return super::ExternalMethod(selector, arguments, dispatch, target, reference);
    }
}

kern_return_t CollectionsUserClient::Summarize(IOUserClientMethodArguments* arguments)
{
    if (arguments->scalarOutputCount < 4) return kIOReturnBadArgument;
    OSSharedPtr<OSDictionary> dict(OSDictionary::withCapacity(3), OSNoRetain);
    OSSharedPtr<OSArray> values(OSArray::withCapacity(arguments->scalarInputCount), OSNoRetain);
    if (!dict || !values) return kIOReturnNoMemory;
    for (uint32_t k = 0; k < arguments->scalarInputCount; k++) {
        OSSharedPtr<OSNumber> number(OSNumber::withNumber(arguments->scalarInput[k], 64), OSNoRetain);
        values->setObject(number.get());
    }
    dict->setObject("values", values.get());
    OSDictionarySetStringValue(dict.get(), "kind", "summary");
    dict->setObject("ok", kOSBooleanTrue);

    OSSharedPtr<OSSerialization> serial(OSSerialization::createFromObject(dict.get()), OSNoRetain);
    if (!serial) return kIOReturnError;
    OSSharedPtr<OSObject> copy(serial->copyObject(), OSNoRetain);
    OSDictionary* decoded = OSDynamicCast(OSDictionary, copy.get());
    OSArray* decodedValues = decoded ? OSDynamicCast(OSArray, decoded->getObject("values")) : nullptr;
    if (decodedValues == nullptr) return kIOReturnError;
    __block uint64_t sum = 0;
    decodedValues->iterateObjects(^bool(OSObject* object) {
        OSNumber* number = OSDynamicCast(OSNumber, object);
        if (number) sum += number->unsigned64BitValue();
        return false;
    });
    OSString* kind = OSDynamicCast(OSString, decoded->getObject("kind"));
    arguments->scalarOutput[0] = decodedValues->getCount();
    arguments->scalarOutput[1] = sum;
    arguments->scalarOutput[2] = kind ? kind->getLength() : 0;
    arguments->scalarOutput[3] = decoded->isEqualTo(dict.get());
    arguments->scalarOutputCount = 4;
    return kIOReturnSuccess;
}

kern_return_t CollectionsUserClient::Decode(IOUserClientMethodArguments* arguments)
{
    OSData* input = arguments->structureInput;
    if (input == nullptr || arguments->scalarOutputCount < 1) return kIOReturnBadArgument;
    input->retain(); /* the serialization reads the bytes until it is freed */
    OSSharedPtr<OSSerialization> serial(
        OSSerialization::createFromBytes(input->getBytesNoCopy(), input->getLength(), ^(const void*, size_t) { input->release(); }),
        OSNoRetain);
    if (!serial) {
        input->release();
        return kIOReturnBadArgument;
    }
    OSSharedPtr<OSObject> object(serial->copyObject(), OSNoRetain);
    OSDictionary* dict = OSDynamicCast(OSDictionary, object.get());
    OSNumber* value = dict ? OSDynamicCast(OSNumber, dict->getObject("v")) : nullptr;
    if (value == nullptr) return kIOReturnBadArgument;
    arguments->scalarOutput[0] = value->unsigned64BitValue();
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}

kern_return_t CollectionsUserClient::Remember(IOUserClientMethodArguments* arguments)
{
    OSData* input = arguments->structureInput;
    if (input == nullptr || arguments->scalarInputCount < 1 || arguments->scalarOutputCount < 1) return kIOReturnBadArgument;
    OSString* key = OSString::withCString((const char*)input->getBytesNoCopy(), input->getLength());
    OSNumber* value = OSNumber::withNumber(arguments->scalarInput[0], 64);
    bool stored = key && value && ivars->remembered->setObject(key, value);
    OSSafeReleaseNULL(key);
    OSSafeReleaseNULL(value);
    if (!stored) return kIOReturnNoMemory;
    arguments->scalarOutput[0] = ivars->remembered->getCount();
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}
