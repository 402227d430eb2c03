#include <DriverKit/OSData.h>

#include <stdlib.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSData, OSObject)

/* Buffers are exactly as long as the data (no rounding, no slack) so that AddressSanitizer sees
 * a dext reading or writing one byte past getLength(). */
OSData *OSData::withCapacity(uint32_t capacity)
{
    OSData *data = dksim::NewTracked<OSData>();
    if (capacity > 0) {
        data->bytes_ = malloc(capacity);
        if (data->bytes_ == nullptr) {
            data->release();
            return nullptr;
        }
    }
    data->capacity_ = capacity;
    return data;
}

OSData *OSData::withBytes(const void *bytes, size_t length)
{
    if (length > 0 && bytes == nullptr) return nullptr;
    OSData *data = withCapacity((uint32_t)length);
    if (data == nullptr) return nullptr;
    if (length > 0) memcpy(data->bytes_, bytes, length);
    data->length_ = length;
    return data;
}

OSData *OSData::withBytesNoCopy(void *bytes, size_t length)
{
    OSData *data = dksim::NewTracked<OSData>();
    data->bytes_ = bytes;
    data->length_ = data->capacity_ = length;
    data->owned_ = false;
    return data;
}

OSData *OSData::withData(const OSData *other) { return other ? withBytes(other->bytes_, other->length_) : nullptr; }

const void *OSData::getBytesNoCopy() const { return length_ ? bytes_ : nullptr; }

const void *OSData::getBytesNoCopy(size_t start, size_t numBytes) const
{
    if (start > length_ || numBytes > length_ - start || numBytes == 0) return nullptr;
    return (const uint8_t *)bytes_ + start;
}

bool OSData::appendBytes(const void *bytes, size_t length)
{
    if (!owned_) return false;
    if (length == 0) return true;
    if (bytes == nullptr) return false;
    if (length_ + length > capacity_) {
        void *grown = realloc(bytes_, length_ + length);
        if (grown == nullptr) return false;
        bytes_ = grown;
        capacity_ = length_ + length;
    }
    memcpy((uint8_t *)bytes_ + length_, bytes, length);
    length_ += length;
    return true;
}

bool OSData::appendBytes(const OSData *other) { return other ? appendBytes(other->bytes_, other->length_) : false; }

bool OSData::isEqualTo(const void *bytes, size_t length) const
{
    return length == length_ && (length == 0 || memcmp(bytes, bytes_, length) == 0);
}

bool OSData::isEqualTo(const OSData *other) const { return other && isEqualTo(other->bytes_, other->length_); }

bool OSData::isEqualTo(const OSMetaClassBase *anObject) const
{
    const OSData *other = OSDynamicCast(const OSData, anObject);
    return other ? isEqualTo(other) : false;
}

void OSData::free()
{
    if (owned_) ::free(bytes_);
    bytes_ = nullptr;
    OSObject::free();
}
