/*
 * Writing and reading libkern's binary format. The writer follows xnu's
 * OSSerialize::binarySerializeInternal (libkern/c++/OSSerializeBinary.cpp) in what it emits:
 * dictionary keys as symbols (with their terminator), other strings without, numbers as their bit
 * size and 8 value bytes, the end bit on the top-level object and on the last member of each
 * collection. The reader is our own recursive one; like xnu's OSUnserializeBinary it accepts
 * numbers of 8, 16, 32 or 64 bits only, string or symbol keys, at most 64 nested collections,
 * and does not store a dictionary in itself.
 */
#include "collections/SerializeBinary.h"

#include <string.h>

#include <DriverKit/OSCollections.h>

namespace dksim {
namespace {

enum : uint32_t {
    kDictionary = 0x01000000U,
    kArray = 0x02000000U,
    kSet = 0x03000000U,
    kNumber = 0x04000000U,
    kSymbol = 0x08000000U,
    kString = 0x09000000U,
    kData = 0x0a000000U,
    kBoolean = 0x0b000000U,
    kReference = 0x0c000000U,
    kTypeMask = 0x7F000000U,
    kLengthMask = 0x00FFFFFFU,
    kEndCollection = 0x80000000U,
    kSignature = 0x000000d3U,
    kMaxDepth = 64,
};

class Writer
{
public:
    explicit Writer(std::vector<uint32_t> &words) : words_(words) { words_.push_back(kSignature); }

    bool object(const OSObject *object, bool last, bool asKey = false)
    {
        for (size_t k = 0; k < seen_.size(); k++)
            if (seen_[k] == object) return header(kReference | (uint32_t)k, last);
        if (seen_.size() > kLengthMask) return false;
        seen_.push_back(object);
        if (const OSDictionary *dictionary = OSDynamicCast(const OSDictionary, object)) {
            uint32_t count = dictionary->getCount();
            if (!header(kDictionary | count, last)) return false;
            __block uint32_t written = 0;
            __block bool ok = true;
            dictionary->iterateObjects(^bool(OSObject *key, OSObject *value) {
                written++;
                ok = OSDynamicCast(OSString, key) && this->object(key, false, true) &&
                     this->object(value, written == count);
                return !ok;
            });
            return ok;
        }
        if (const OSArray *array = OSDynamicCast(const OSArray, object)) {
            uint32_t count = array->getCount();
            if (!header((OSDynamicCast(const OSSet, object) ? kSet : kArray) | count, last)) return false;
            for (uint32_t k = 0; k < count; k++)
                if (!this->object(array->getObject(k), k + 1 == count)) return false;
            return true;
        }
        if (const OSNumber *number = OSDynamicCast(const OSNumber, object)) {
            uint64_t value = number->unsigned64BitValue();
            return header(kNumber | (uint32_t)number->numberOfBits(), last) && payload(&value, sizeof(value));
        }
        if (object == kOSBooleanTrue || object == kOSBooleanFalse)
            return header(kBoolean | (object == kOSBooleanTrue), last);
        if (const OSString *string = OSDynamicCast(const OSString, object)) {
            size_t length = string->getLength() + (asKey ? 1 : 0);
            if (length > kLengthMask) return false;
            return header((asKey ? kSymbol : kString) | (uint32_t)length, last) &&
                   payload(string->getCStringNoCopy(), length);
        }
        if (const OSData *data = OSDynamicCast(const OSData, object)) {
            if (data->getLength() > kLengthMask) return false;
            return header(kData | (uint32_t)data->getLength(), last) &&
                   payload(data->getBytesNoCopy(), data->getLength());
        }
        return false;
    }

private:
    bool header(uint32_t word, bool last)
    {
        words_.push_back(last ? word | kEndCollection : word);
        return true;
    }
    bool payload(const void *bytes, size_t length)
    {
        size_t start = words_.size();
        words_.resize(start + (length + 3) / 4, 0);
        if (length) memcpy(&words_[start], bytes, length);
        return true;
    }

    std::vector<uint32_t> &words_;
    std::vector<const OSObject *> seen_;
};

class Reader
{
public:
    Reader(const uint32_t *words, size_t count) : words_(words), count_(count) {}
    ~Reader()
    {
        for (OSObject *object : objects_) object->release();
    }

    /* +1 */
    OSObject *object(unsigned depth)
    {
        if (depth > kMaxDepth || next_ >= count_) return nullptr;
        uint32_t word = words_[next_++];
        uint32_t length = word & kLengthMask;
        OSObject *made = nullptr;
        switch (word & kTypeMask) {
        case kReference:
            if (length >= objects_.size()) return nullptr;
            objects_[length]->retain();
            return objects_[length];
        case kDictionary: return collection(OSDictionary::withCapacity(length), length, depth);
        case kArray: return collection(OSArray::withCapacity(length), length, depth);
        case kSet: return collection(OSSet::withCapacity(length), length, depth);
        case kNumber: {
            uint64_t value;
            if (!(length == 8 || length == 16 || length == 32 || length == 64) || !take(&value, sizeof(value)))
                return nullptr;
            made = OSNumber::withNumber(value, length);
            break;
        }
        case kBoolean: made = length ? kOSBooleanTrue : kOSBooleanFalse; break;
        case kSymbol:
        case kString: {
            const char *chars = (const char *)bytes(length);
            if (chars == nullptr) return nullptr;
            if ((word & kTypeMask) == kSymbol && (length == 0 || chars[length - 1] != '\0')) return nullptr;
            made = OSString::withCString(chars, (word & kTypeMask) == kSymbol ? length - 1 : length);
            break;
        }
        case kData: {
            const void *data = bytes(length);
            if (data == nullptr) return nullptr;
            made = OSData::withBytes(data, length);
            break;
        }
        default: return nullptr;
        }
        return remember(made);
    }

private:
    OSObject *remember(OSObject *made)
    {
        if (made == nullptr) return nullptr;
        made->retain(); /* the table's reference */
        objects_.push_back(made);
        return made;
    }

    template <class Collection>
    OSObject *collection(Collection *made, uint32_t count, unsigned depth)
    {
        if (remember(made) == nullptr) return nullptr;
        for (uint32_t k = 0; k < count; k++) {
            if (!member(made, depth)) {
                made->release();
                return nullptr;
            }
        }
        return made;
    }

    bool member(OSDictionary *dictionary, unsigned depth)
    {
        OSObject *key = object(depth + 1);
        OSObject *value = key && OSDynamicCast(OSString, key) ? object(depth + 1) : nullptr;
        bool ok = value && (value == dictionary || dictionary->setObject(key, value));
        OSSafeReleaseNULL(key);
        OSSafeReleaseNULL(value);
        return ok;
    }
    bool member(OSArray *array, unsigned depth)
    {
        OSObject *value = object(depth + 1);
        bool ok = value && array->setObject(value);
        OSSafeReleaseNULL(value);
        return ok;
    }
    bool member(OSSet *set, unsigned depth)
    {
        OSObject *value = object(depth + 1);
        bool ok = value && (set->containsObject(value) || set->setObject(value));
        OSSafeReleaseNULL(value);
        return ok;
    }

    const void *bytes(uint32_t length)
    {
        size_t words = ((size_t)length + 3) / 4;
        if (words > count_ - next_) return nullptr;
        const void *start = &words_[next_];
        next_ += words;
        return start;
    }
    bool take(void *out, size_t length)
    {
        const void *start = bytes((uint32_t)length);
        if (start) memcpy(out, start, length);
        return start != nullptr;
    }

    const uint32_t *words_;
    size_t count_;
    size_t next_ = 0;
    std::vector<OSObject *> objects_; /* every object made so far, for references */
};

} // namespace

bool SerializeBinary(const OSObject *object, std::vector<uint32_t> &words)
{
    words.clear();
    if (object == nullptr) return false;
    Writer writer(words);
    return writer.object(object, true);
}

OSObject *UnserializeBinary(const void *bytes, size_t length)
{
    if (bytes == nullptr || length < 8 || ((uintptr_t)bytes & 3) != 0) return nullptr;
    const uint32_t *words = (const uint32_t *)bytes;
    if (words[0] != kSignature) return nullptr;
    Reader reader(words + 1, length / 4 - 1);
    return reader.object(0);
}

} // namespace dksim
