/* The C-style functions of OSCollections.h over strings, data and numbers. Like DriverKit's they
 * take the object as given: a NULL object is the caller's error (OSStringCreate is in OSString.cpp). */
#include <DriverKit/OSCollections.h>

#include <string.h>

const char *OSStringGetStringPtr(OSStringPtr obj) { return obj->getCStringNoCopy(); }

size_t OSStringGetLength(OSStringPtr string) { return string->getLength(); }

size_t OSDataGetLength(OSDataPtr obj) { return obj->getLength(); }

/* (inferred) offset must be inside the data, so even length 0 at the very end gives NULL. */
const void *OSDataGetBytesPtr(OSDataPtr obj, size_t offset, size_t length)
{
    size_t total = obj->getLength();
    if (offset >= total || length > total - offset) return nullptr;
    return (const uint8_t *)obj->getBytesNoCopy() + offset;
}

size_t OSDataGetBytes(OSDataPtr obj, void *buffer, size_t offset, size_t length)
{
    size_t total = obj->getLength();
    if (offset >= total) return 0;
    size_t copied = length < total - offset ? length : total - offset;
    memcpy(buffer, (const uint8_t *)obj->getBytesNoCopy() + offset, copied);
    return copied;
}

OSDataPtr OSDataCreate(const void *bytes, size_t length) { return OSData::withBytes(bytes, length); }

bool OSDataAppendBytes(OSDataPtr data, const void *bytes, size_t length) { return data->appendBytes(bytes, length); }

uint64_t OSNumberGetUInt64Value(OSNumberPtr obj) { return obj->unsigned64BitValue(); }

OSNumberPtr OSNumberCreateWithUInt64Value(uint64_t value) { return OSNumber::withNumber(value, 64); }
