/*
 * OSString and its uniquing table. OSDictionary.iig calls strings "uniqued": one live object per
 * contents. The table maps contents to the live string; the lookup and the last release take the
 * same lock, so a lookup either finds a string with a reference left (and retains it) or none.
 */
#include <DriverKit/OSCollections.h>

#include <stdlib.h>
#include <string.h>

#include <mutex>
#include <string_view>
#include <unordered_map>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSString, OSContainer)

namespace dksim {

struct StringTable {
    static std::recursive_mutex &lock()
    {
        static std::recursive_mutex *mutex = new std::recursive_mutex();
        return *mutex;
    }
    /* Keys view the characters of the string they map to, valid while it is in the table. */
    static std::unordered_map<std::string_view, OSString *> &live()
    {
        static auto *table = new std::unordered_map<std::string_view, OSString *>();
        return *table;
    }

    static OSString *create(const char *chars, size_t length)
    {
        std::string_view contents(chars, length);
        std::lock_guard<std::recursive_mutex> held(lock());
        auto found = live().find(contents);
        if (found != live().end()) {
            found->second->retain();
            return found->second;
        }
        char *copy = (char *)malloc(length + 1);
        if (copy == nullptr) return nullptr;
        memcpy(copy, chars, length);
        copy[length] = '\0';
        OSString *string = NewTracked<OSString>();
        string->chars_ = copy;
        string->length_ = length;
        live().emplace(std::string_view(copy, length), string);
        return string;
    }

    static void forget(OSString *string)
    {
        std::lock_guard<std::recursive_mutex> held(lock());
        auto found = live().find(std::string_view(string->chars_, string->length_));
        if (found != live().end() && found->second == string) live().erase(found);
    }
};

} // namespace dksim

/* length SIZE_MAX means "up to the terminator"; any other length is a maximum (header
 * OSCollections.h; withCString(cString, length) documents the maximum). */
OSStringPtr OSStringCreate(const char *cstring, size_t length)
{
    if (cstring == nullptr) return nullptr;
    size_t actual = length == SIZE_MAX ? strlen(cstring) : strnlen(cstring, length);
    return dksim::StringTable::create(cstring, actual);
}

OSStringPtr OSString::withCString(const char *cString) { return OSStringCreate(cString, SIZE_MAX); }

OSStringPtr OSString::withCString(const char *cString, size_t length) { return OSStringCreate(cString, length); }

OSStringPtr OSString::withCStringNoCopy(const char *cString) { return OSStringCreate(cString, SIZE_MAX); }

OSStringPtr OSString::withString(const OSString *aString)
{
    if (aString == nullptr) return nullptr;
    aString->retain();
    return const_cast<OSString *>(aString);
}

bool OSString::isEqualTo(const OSString *aString) const
{
    if (aString == this) return true;
    return aString && aString->length_ == length_ && memcmp(aString->chars_, chars_, length_) == 0;
}

bool OSString::isEqualTo(const char *cString) const { return cString && strcmp(cString, chars_) == 0; }

bool OSString::isEqualTo(const OSData *aDataObject) const { return aDataObject && aDataObject->isEqualTo(this); }

/* OSString or OSData, as the header says; anything else is unequal. */
bool OSString::isEqualTo(const OSMetaClassBase *anObject) const
{
    if (const OSString *string = OSDynamicCast(const OSString, anObject)) return isEqualTo(string);
    if (const OSData *data = OSDynamicCast(const OSData, anObject)) return isEqualTo(data);
    return false;
}

void OSString::release() const
{
    std::lock_guard<std::recursive_mutex> held(dksim::StringTable::lock());
    OSObject::release();
}

void OSString::free()
{
    if (chars_) dksim::StringTable::forget(this);
    ::free(chars_);
    chars_ = nullptr;
    OSObject::free();
}
