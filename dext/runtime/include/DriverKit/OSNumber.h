/*
 * OSNumber: an immutable unsigned integer of 1 to 64 bits (header OSNumber.iig). The value is
 * masked to numberOfBits when the number is created, as libkern's OSNumber::init does.
 */
#ifndef DKSIM_DRIVERKIT_OSNUMBER_H
#define DKSIM_DRIVERKIT_OSNUMBER_H

#include <DriverKit/OSContainer.h>

class OSNumber;
typedef OSNumber *OSNumberPtr;

class OSNumber : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSNumber, OSContainer)

public:
    /* NULL unless 1 <= numberOfBits <= 64. The header calls 8, 16, 32 and 64 the valid sizes;
     * the others are accepted as libkern accepts them (inferred). */
    static OSNumberPtr withNumber(uint64_t value, size_t numberOfBits);
    /* valueString is parsed with strtoll(valueString, NULL, 0), as the header says. */
    static OSNumberPtr withNumber(const char *valueString, size_t numberOfBits);

    size_t numberOfBits() const { return bits_; }
    uint8_t unsigned8BitValue() const { return (uint8_t)value_; }
    uint16_t unsigned16BitValue() const { return (uint16_t)value_; }
    uint32_t unsigned32BitValue() const { return (uint32_t)value_; }
    uint64_t unsigned64BitValue() const { return value_; }

    /* Same value, whatever the sizes (header). */
    bool isEqualTo(const OSNumber *aNumber) const;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;

    void free() override;

private:
    uint64_t value_ = 0;
    size_t bits_ = 0;
};

#endif
