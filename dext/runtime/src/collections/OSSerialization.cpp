/*
 * OSSerialization (header OSSerialization.iig) and the serialization functions of
 * OSCollections.h. The bytes are libkern's binary format (SerializeBinary.h). A serialization keeps
 * its bytes for its whole life: the reference says finalizeBuffer's result "is valid only while
 * the OSSerialization object is retained".
 */
#include <DriverKit/OSCollections.h>

#include <Block.h>
#include <stdlib.h>
#include <string.h>

#include "collections/SerializeBinary.h"
#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSSerialization, OSContainer)

OSSerializationPtr OSSerialization::createFromObject(OSObjectPtr const object)
{
    std::vector<uint32_t> words;
    if (!dksim::SerializeBinary(object, words)) return nullptr;
    size_t length = words.size() * sizeof(uint32_t);
    void *bytes = malloc(length);
    if (bytes == nullptr) return nullptr;
    memcpy(bytes, words.data(), length);
    OSSerialization *serialization = dksim::NewTracked<OSSerialization>();
    serialization->bytes_ = bytes;
    serialization->length_ = length;
    return serialization;
}

/* (inferred) The bytes are decoded by each copyObject call, which returns a new object graph; here
 * only what needs no decoding is checked: a handler, and at least one aligned word. */
OSSerializationPtr OSSerialization::createFromBytes(const void *bytes, size_t length,
                                                    OSSerializationFreeBufferHandler freeBuffer)
{
    if (bytes == nullptr || freeBuffer == nullptr || length < sizeof(uint32_t) || ((uintptr_t)bytes & 3) != 0)
        return nullptr;
    OSSerialization *serialization = dksim::NewTracked<OSSerialization>();
    serialization->bytes_ = const_cast<void *>(bytes);
    serialization->length_ = length;
    serialization->freeHandler_ = Block_copy(freeBuffer);
    return serialization;
}

OSObjectPtr OSSerialization::copyObject() { return dksim::UnserializeBinary(bytes_, length_); }

const void *OSSerialization::finalizeBuffer(size_t *length)
{
    if (length) *length = length_;
    return bytes_;
}

/* (inferred) Every buffer this runtime hands out stays owned by its OSSerialization (see above), so
 * there is nothing for freeBuffer to free; it exists for dexts that pass it as a free handler. */
void OSSerialization::freeBuffer(const void *, size_t) {}

void OSSerialization::free()
{
    if (freeHandler_) {
        freeHandler_(bytes_, length_);
        Block_release(freeHandler_);
    } else {
        ::free(bytes_);
    }
    bytes_ = nullptr;
    freeHandler_ = nullptr;
    OSObject::free();
}

OSObjectPtr OSCreateObjectFromSerialization(OSSerializationPtr serial) { return serial->copyObject(); }

OSSerializationPtr OSCreateSerializationFromObject(OSObjectPtr obj) { return OSSerialization::createFromObject(obj); }

OSSerializationPtr OSCreateSerializationFromBytes(const void *bytes, size_t length,
                                                  OSSerializationFreeBufferHandler freeBuffer)
{
    return OSSerialization::createFromBytes(bytes, length, freeBuffer);
}

const void *OSSerializationGetBytes(OSSerializationPtr serial, size_t *length)
{
    return serial->finalizeBuffer(length);
}
