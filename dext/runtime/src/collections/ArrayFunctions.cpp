/* The C-style array functions of OSCollections.h. Indexes are size_t there and uint32_t in OSArray;
 * an index that does not fit fails like one past the end. */
#include <DriverKit/OSCollections.h>

OSArrayPtr OSArrayCreate(void) { return OSArray::withCapacity(0); }

uint32_t OSArrayGetCount(OSArrayPtr obj) { return obj->getCount(); }

bool OSArrayApply(OSArrayPtr obj, OSArrayApplier applier)
{
    return obj->iterateObjects(^bool(OSObject *value) { return applier(value); });
}

/* (inferred) A NULL value removes the member at index: OSCollections.h gives no separate remove
 * function, and the array methods refuse NULL members. */
bool OSArraySetValue(OSArrayPtr obj, size_t index, OSObjectPtr value)
{
    if (index == kOSArrayAppend) return value != nullptr && obj->setObject(value);
    if (index > UINT32_MAX) return false;
    if (value == nullptr) {
        if (index >= obj->getCount()) return false;
        obj->removeObject((uint32_t)index);
        return true;
    }
    return obj->setObject((uint32_t)index, value);
}

bool OSArrayReplaceValue(OSArrayPtr obj, size_t index, OSObjectPtr value)
{
    return index <= UINT32_MAX && obj->replaceObject((uint32_t)index, value);
}

bool OSArrayAppendValue(OSArrayPtr obj, OSObjectPtr value) { return OSArraySetValue(obj, kOSArrayAppend, value); }

OSObjectPtr OSArrayGetValue(OSArrayPtr obj, size_t index)
{
    return index <= UINT32_MAX ? obj->getObject((uint32_t)index) : nullptr;
}

const char *OSArrayGetStringValue(OSArrayPtr obj, size_t index)
{
    OSString *string = OSDynamicCast(OSString, OSArrayGetValue(obj, index));
    return string ? string->getCStringNoCopy() : nullptr;
}

void OSArraySetStringValue(OSArrayPtr obj, size_t index, const char *value)
{
    OSString *string = OSString::withCString(value);
    if (string == nullptr) return;
    OSArraySetValue(obj, index, string);
    string->release();
}

uint64_t OSArrayGetUInt64Value(OSArrayPtr obj, size_t index)
{
    OSNumber *number = OSDynamicCast(OSNumber, OSArrayGetValue(obj, index));
    return number ? number->unsigned64BitValue() : 0;
}

void OSArraySetUInt64Value(OSArrayPtr obj, size_t index, uint64_t value)
{
    OSNumber *number = OSNumber::withNumber(value, 64);
    if (number == nullptr) return;
    OSArraySetValue(obj, index, number);
    number->release();
}
