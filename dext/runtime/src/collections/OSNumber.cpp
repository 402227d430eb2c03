#include <DriverKit/OSNumber.h>

#include <stdlib.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSNumber, OSContainer)

/* (inferred) The header names 8, 16, 32 and 64 as the valid sizes without saying what happens to
 * the others; libkern's OSNumber::init accepts any size up to 64 and masks the value to it. Sizes
 * outside 1..64 fail here (libkern's mask is undefined for 0). */
OSNumberPtr OSNumber::withNumber(uint64_t value, size_t numberOfBits)
{
    if (numberOfBits == 0 || numberOfBits > 64) return nullptr;
    OSNumber *number = dksim::NewTracked<OSNumber>();
    number->bits_ = numberOfBits;
    number->value_ = numberOfBits == 64 ? value : value & ((1ULL << numberOfBits) - 1);
    return number;
}

OSNumberPtr OSNumber::withNumber(const char *valueString, size_t numberOfBits)
{
    if (valueString == nullptr) return nullptr;
    return withNumber((uint64_t)strtoll(valueString, nullptr, 0), numberOfBits);
}

bool OSNumber::isEqualTo(const OSNumber *aNumber) const { return aNumber && aNumber->value_ == value_; }

bool OSNumber::isEqualTo(const OSMetaClassBase *anObject) const
{
    return isEqualTo(OSDynamicCast(const OSNumber, anObject));
}

void OSNumber::free() { OSObject::free(); }
