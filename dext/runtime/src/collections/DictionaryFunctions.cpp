/* The C-style dictionary functions of OSCollections.h: string keys only. */
#include <DriverKit/OSCollections.h>

OSDictionaryPtr OSDictionaryCreate(void) { return OSDictionary::withCapacity(0); }

uint32_t OSDictionaryGetCount(OSDictionaryPtr obj) { return obj->getCount(); }

/* Entries whose key is not a string (possible only through the C++ methods) are skipped
 * (inferred: the applier can only receive a C string). */
bool OSDictionaryApply(OSDictionaryPtr obj, OSDictionaryApplier applier)
{
    return obj->iterateObjects(^bool(OSObject *key, OSObject *value) {
        OSString *name = OSDynamicCast(OSString, key);
        return name && applier(name->getCStringNoCopy(), value);
    });
}

/* (inferred) A NULL value removes the key, as it removes a member in OSArraySetValue: the header
 * has no remove function. */
bool OSDictionarySetValue(OSDictionaryPtr obj, const char *key, OSObjectPtr value)
{
    if (key == nullptr) return false;
    if (value == nullptr) {
        obj->removeObject(key);
        return true;
    }
    return obj->setObject(key, value);
}

OSObjectPtr OSDictionaryGetValue(OSDictionaryPtr obj, const char *key) { return obj->getObject(key); }

const char *OSDictionaryGetStringValue(OSDictionaryPtr obj, const char *key)
{
    OSString *string = OSDynamicCast(OSString, obj->getObject(key));
    return string ? string->getCStringNoCopy() : nullptr;
}

uint64_t OSDictionaryGetUInt64Value(OSDictionaryPtr obj, const char *key)
{
    OSNumber *number = OSDynamicCast(OSNumber, obj->getObject(key));
    return number ? number->unsigned64BitValue() : 0;
}

void OSDictionarySetStringValue(OSDictionaryPtr obj, const char *key, const char *value)
{
    OSString *string = OSString::withCString(value);
    if (string == nullptr) return;
    obj->setObject(key, string);
    string->release();
}

void OSDictionarySetUInt64Value(OSDictionaryPtr obj, const char *key, uint64_t value)
{
    OSNumber *number = OSNumber::withNumber(value, 64);
    if (number == nullptr) return;
    obj->setObject(key, number);
    number->release();
}
