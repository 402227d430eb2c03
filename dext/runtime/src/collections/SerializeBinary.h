/*
 * libkern's binary serialization format (xnu libkern/libkern/OSSerializeBinary.h): after the
 * signature word 0x000000d3, one 32-bit header per object — type | length | end-of-collection bit
 * — followed by its payload padded to 4 bytes. Collections give their member count and are
 * followed by their members (a dictionary by key, value pairs); an object met a second time is
 * written as a reference to its index in the order of first appearance.
 */
#ifndef DKSIM_SERIALIZE_BINARY_H
#define DKSIM_SERIALIZE_BINARY_H

#include <stddef.h>
#include <stdint.h>
#include <vector>

class OSObject;

namespace dksim {

/* The bytes of object, signature first; false if it or a member is not of a serializable class
 * (OSDictionary, OSArray, OSSet, OSString, OSData, OSNumber, OSBoolean). */
bool SerializeBinary(const OSObject *object, std::vector<uint32_t> &words);

/* The object graph bytes encode (+1); NULL when they are malformed or use the indexed variant
 * (signature 0xd4), which this runtime does not read. */
OSObject *UnserializeBinary(const void *bytes, size_t length);

} // namespace dksim

#endif
