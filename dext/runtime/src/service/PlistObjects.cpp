#include "service/PlistObjects.h"

#include <DriverKit/OSArray.h>
#include <DriverKit/OSBoolean.h>
#include <DriverKit/OSData.h>
#include <DriverKit/OSDictionary.h>
#include <DriverKit/OSNumber.h>
#include <DriverKit/OSString.h>

#include "image/Plist.h"

namespace dksim {

static OSObject *NewDictionary(const PlistValue &value)
{
    OSDictionary *dictionary = OSDictionary::withCapacity(static_cast<uint32_t>(value.entries.size()));
    if (dictionary == nullptr) return nullptr;
    for (const auto &entry : value.entries) {
        OSObject *item = NewObjectFromPlist(entry.second);
        bool stored = item != nullptr && dictionary->setObject(entry.first.c_str(), item);
        OSSafeReleaseNULL(item);
        if (!stored) {
            dictionary->release();
            return nullptr;
        }
    }
    return dictionary;
}

static OSObject *NewArray(const PlistValue &value)
{
    OSArray *array = OSArray::withCapacity(static_cast<uint32_t>(value.items.size()));
    if (array == nullptr) return nullptr;
    for (const PlistValue &entry : value.items) {
        OSObject *item = NewObjectFromPlist(entry);
        bool stored = item != nullptr && array->setObject(item);
        OSSafeReleaseNULL(item);
        if (!stored) {
            array->release();
            return nullptr;
        }
    }
    return array;
}

OSObject *NewObjectFromPlist(const PlistValue &value)
{
    switch (value.kind) {
    case PlistValue::Kind::Dict: return NewDictionary(value);
    case PlistValue::Kind::Array: return NewArray(value);
    case PlistValue::Kind::Integer: return OSNumber::withNumber(static_cast<uint64_t>(value.integer), 64);
    case PlistValue::Kind::Boolean: {
        OSBoolean *boolean = value.boolean ? kOSBooleanTrue : kOSBooleanFalse;
        boolean->retain();
        return boolean;
    }
    case PlistValue::Kind::Data: return OSData::withBytes(value.text.data(), value.text.size());
    case PlistValue::Kind::String:
    case PlistValue::Kind::Date:
    case PlistValue::Kind::Real: return OSString::withCString(value.text.c_str(), value.text.size());
    }
    return nullptr;
}

} // namespace dksim
