/*
 * OSString: an immutable C string object (header OSString.iig). Strings are uniqued, as
 * OSDictionary.iig says of them ("OSString is commonly used as a key since it is uniqued"): while a
 * string with some contents is alive, creating one with the same contents returns it, retained.
 * The characters are exactly getLength() + 1 bytes (the terminator included), so a dext reading
 * past the terminator is an AddressSanitizer error.
 */
#ifndef DKSIM_DRIVERKIT_OSSTRING_H
#define DKSIM_DRIVERKIT_OSSTRING_H

#include <DriverKit/OSContainer.h>

class OSString;
typedef OSString *OSStringPtr;
typedef OSString OSSymbol;

class OSData;

namespace dksim {
struct StringTable;
}

class OSString : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSString, OSContainer)

public:
    /* NULL for a NULL cString. */
    static OSStringPtr withCString(const char *cString);
    /* At most length characters of cString (fewer if it ends sooner). */
    static OSStringPtr withCString(const char *cString, size_t length);
    /* Copies too: the header calls it a synonym of withCString kept for kernel code. */
    static OSStringPtr withCStringNoCopy(const char *cString);
    /* Strings are immutable and uniqued: the same object, retained. */
    static OSStringPtr withString(const OSString *aString);

    size_t getLength() const { return length_; }
    /* Never NULL: an empty string gives "" (the header's comment says NULL; see
     * docs/driverkit-semantics.md section 10, inferred). */
    const char *getCStringNoCopy() const { return chars_; }

    bool isEqualTo(const OSString *aString) const;
    bool isEqualTo(const char *cString) const;
    /* Equal when the data holds the same characters, with or without one trailing NUL. */
    bool isEqualTo(const OSData *aDataObject) const;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;

    void free() override;
    /* The last release and the uniquing lookup are serialized, so a lookup never returns a string
     * that is being freed. */
    void release() const override;

private:
    friend struct dksim::StringTable;
    char *chars_ = nullptr;
    size_t length_ = 0;
};

#endif
