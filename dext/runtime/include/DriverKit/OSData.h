/*
 * OSData: a byte buffer object. The simulator allocates exactly getLength() bytes (no slack), so a
 * dext that reads past the end of structureInput is caught by AddressSanitizer.
 */
#ifndef DKSIM_DRIVERKIT_OSDATA_H
#define DKSIM_DRIVERKIT_OSDATA_H

#include <DriverKit/OSObject.h>

class OSData : public OSObject
{
    DKSIM_CLASS_DECLARE(OSData, OSObject)

public:
    static OSData *withCapacity(uint32_t capacity);
    static OSData *withBytes(const void *bytes, size_t length);
    static OSData *withBytesNoCopy(void *bytes, size_t length);
    static OSData *withData(const OSData *other);

    /* NULL when the length is 0. */
    const void *getBytesNoCopy() const;
    /* NULL unless [start, start + numBytes) lies inside the data. */
    const void *getBytesNoCopy(size_t start, size_t numBytes) const;
    size_t getLength() const { return length_; }
    size_t getCapacity() const { return capacity_; }
    bool appendBytes(const void *bytes, size_t length);
    bool appendBytes(const OSData *other);
    bool isEqualTo(const void *bytes, size_t length) const;
    bool isEqualTo(const OSData *other) const;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;

    void free() override;


private:
    void *bytes_ = nullptr;
    size_t length_ = 0;
    size_t capacity_ = 0;
    bool owned_ = true;
};

#endif
