/*
 * OSSerialization: an object graph of OSDictionary, OSArray, OSSet, OSString, OSData, OSNumber and
 * OSBoolean flattened into bytes and back (header OSSerialization.iig). The bytes use libkern's
 * binary format (xnu libkern/libkern/OSSerializeBinary.h, signature 0xd3), which is what
 * IOKit carries between user space and the kernel.
 */
#ifndef DKSIM_DRIVERKIT_OSSERIALIZATION_H
#define DKSIM_DRIVERKIT_OSSERIALIZATION_H

#include <DriverKit/OSContainer.h>

class OSSerialization;
typedef OSSerialization *OSSerializationPtr;

/* Called once the bytes given to createFromBytes are no longer used. */
typedef void (^OSSerializationFreeBufferHandler)(const void *buffer, size_t length);

class OSSerialization : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSSerialization, OSContainer)

public:
    /* NULL when object (or a member) is not of a serializable class. */
    static OSSerializationPtr createFromObject(OSObjectPtr const object);
    /* Takes the bytes of an earlier serialization; freeBuffer (required) runs when this object
     * is freed. NULL for malformed bytes. */
    static OSSerializationPtr createFromBytes(const void *bytes, size_t length,
                                              OSSerializationFreeBufferHandler freeBuffer);
    /* The object createFromBytes decoded (+1), NULL on failure. */
    OSObjectPtr copyObject();
    /* The bytes of createFromObject, valid while this object lives. */
    const void *finalizeBuffer(size_t *length);
    static void freeBuffer(const void *buffer, size_t length);

    void free() override;

private:
    void *bytes_ = nullptr;
    size_t length_ = 0;
    OSSerializationFreeBufferHandler freeHandler_ = nullptr;
};

#endif
