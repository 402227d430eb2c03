/*
 * OSData: a byte buffer object. The simulator allocates exactly getLength() bytes (no slack), so a
 * dext that reads past the end of structureInput is caught by AddressSanitizer.
 */
#ifndef DKSIM_DRIVERKIT_OSDATA_H
#define DKSIM_DRIVERKIT_OSDATA_H

#include <DriverKit/OSContainer.h>

class OSData;
typedef OSData *OSDataPtr;

/* An OSContainer, as in DriverKit (OSCollections.h relies on it). */
class OSData : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSData, OSContainer)

public:
    static OSData *withCapacity(uint32_t capacity);
    static OSData *withBytes(const void *bytes, size_t length);
    static OSData *withBytesNoCopy(void *bytes, size_t length);
    static OSData *withData(const OSData *other);
    /* numBytes bytes of inData from start; NULL if they do not lie inside it (header OSData.iig). */
    static OSData *withData(const OSData *inData, size_t start, size_t numBytes);

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
    /* The same characters, with or without one trailing NUL (OSString::isEqualTo(const OSData *)). */
    bool isEqualTo(const OSString *aString) const;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;

    void free() override;


private:
    void *bytes_ = nullptr;
    size_t length_ = 0;
    size_t capacity_ = 0;
    bool owned_ = true;
};

#endif
