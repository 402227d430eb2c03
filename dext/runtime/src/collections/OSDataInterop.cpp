/* The OSData methods DriverKit adds for strings and sub-ranges (header OSData.iig). */
#include <DriverKit/OSCollections.h>

#include <string.h>

OSData *OSData::withData(const OSData *inData, size_t start, size_t numBytes)
{
    if (inData == nullptr) return nullptr;
    size_t length = inData->getLength();
    if (start > length || numBytes > length - start) return nullptr;
    const uint8_t *bytes = (const uint8_t *)inData->getBytesNoCopy();
    return withBytes(bytes ? bytes + start : nullptr, numBytes);
}

/* Header (OSString.iig, OSData.iig): equal when the lengths match and the bytes are identical, or
 * when the data is one byte longer and that byte is the terminator. */
bool OSData::isEqualTo(const OSString *aString) const
{
    if (aString == nullptr) return false;
    size_t length = aString->getLength();
    const void *bytes = getBytesNoCopy();
    if (getLength() == length) return length == 0 || memcmp(bytes, aString->getCStringNoCopy(), length) == 0;
    if (getLength() == length + 1) return memcmp(bytes, aString->getCStringNoCopy(), length + 1) == 0;
    return false;
}
