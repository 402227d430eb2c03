/* OSSerialization: libkern's binary format, round trips and malformed input. */
#include "Collections.h"

#include <string.h>

#include <vector>

using namespace collectionstest;

namespace {

using Serialization = Collections;

/* The free handler of bytes the test owns. */
const OSSerializationFreeBufferHandler kKeepBytes = ^(const void *, size_t) {};

static OSDictionary *Sample()
{
    OSDictionary *dict = OSDictionaryCreate();
    OSDictionarySetUInt64Value(dict, "n", 42);
    OSDictionarySetStringValue(dict, "s", "text");
    OSArray *array = OSArrayCreate();
    OSArrayAppendValue(array, kOSBooleanTrue);
    OSData *data = OSDataCreate("\x01\x02\x03", 3);
    OSArrayAppendValue(array, data);
    OSArrayAppendValue(array, data); /* the same object twice: written once, then referenced */
    OSDictionarySetValue(dict, "list", array);
    OSSet *set = OSSet::withCapacity(0);
    set->setObject(kOSBooleanFalse);
    OSDictionarySetValue(dict, "set", set);
    set->release();
    data->release();
    array->release();
    return dict;
}

TEST_F(Serialization, RoundTripsEverySerializableClass)
{
    OSDictionary *dict = Sample();
    OSSerialization *serial = OSSerialization::createFromObject(dict);
    ASSERT_NE(nullptr, serial);
    size_t length = 0;
    const void *bytes = serial->finalizeBuffer(&length);
    ASSERT_NE(nullptr, bytes);
    EXPECT_EQ(0u, length % 4);
    EXPECT_EQ(0xd3u, *(const uint32_t *)bytes) << "libkern's binary signature";
    EXPECT_EQ(0x81000004u, ((const uint32_t *)bytes)[1]) << "a dictionary of 4 entries, last at top level";

    __block int freed = 0;
    std::vector<uint32_t> copy((const uint32_t *)bytes, (const uint32_t *)bytes + length / 4);
    const void *expected = copy.data(); /* a block copies a captured std::vector: capture the pointer */
    OSSerialization *incoming =
        OSSerialization::createFromBytes(copy.data(), length, ^(const void *buffer, size_t size) {
            EXPECT_EQ(expected, buffer);
            EXPECT_EQ(length, size);
            freed++;
        });
    ASSERT_NE(nullptr, incoming);
    OSObject *decoded = incoming->copyObject();
    ASSERT_NE(nullptr, decoded);
    EXPECT_TRUE(dict->isEqualTo(decoded));
    OSArray *list = OSDynamicCast(OSArray, OSDynamicCast(OSDictionary, decoded)->getObject("list"));
    ASSERT_NE(nullptr, list);
    EXPECT_EQ(list->getObject(1), list->getObject(2)) << "the reference decodes to the same object";
    EXPECT_NE(nullptr, OSDynamicCast(OSSet, OSDynamicCast(OSDictionary, decoded)->getObject("set")));
    EXPECT_EQ(42u, OSDictionaryGetUInt64Value(OSDynamicCast(OSDictionary, decoded), "n"));
    decoded->release();
    EXPECT_EQ(0, freed);
    incoming->release();
    EXPECT_EQ(1, freed) << "the free handler runs when the serialization is freed";

    OSObject *again = OSCreateObjectFromSerialization(serial);
    EXPECT_TRUE(dict->isEqualTo(again));
    size_t sameLength = 0;
    EXPECT_EQ(bytes, OSSerializationGetBytes(serial, &sameLength));
    EXPECT_EQ(length, sameLength);
    again->release();
    serial->release();
    dict->release();
}

TEST_F(Serialization, RefusesWhatItCannotSerializeOrRead)
{
    OSArray *array = OSArrayCreate();
    OSSerialization *inner = OSSerialization::createFromObject(kOSBooleanTrue);
    ASSERT_NE(nullptr, inner);
    OSArrayAppendValue(array, inner);
    EXPECT_EQ(nullptr, OSSerialization::createFromObject(array)) << "an OSSerialization is not serializable";
    EXPECT_EQ(nullptr, OSSerialization::createFromObject(nullptr));
    array->release();
    inner->release();

    uint32_t words[] = {0xd3, 0x81000002, 0x08000002};
    EXPECT_EQ(nullptr, OSSerialization::createFromBytes(words, sizeof words, nullptr))
        << "the free handler is required";
    EXPECT_EQ(nullptr, OSSerialization::createFromBytes((const char *)words + 1, 8, kKeepBytes));
    OSSerialization *truncated = OSSerialization::createFromBytes(words, sizeof words, kKeepBytes);
    ASSERT_NE(nullptr, truncated);
    EXPECT_EQ(nullptr, truncated->copyObject()) << "a dictionary missing its entries";
    truncated->release();

    uint32_t badNumber[] = {0xd3, 0x84000018, 1, 0}; /* 24-bit numbers are not in the format */
    OSSerialization *number = OSCreateSerializationFromBytes(badNumber, sizeof badNumber, kKeepBytes);
    EXPECT_EQ(nullptr, number->copyObject());
    number->release();

    uint32_t wrongSignature[] = {0xd4, 0x8b000001};
    OSSerialization *indexed = OSCreateSerializationFromBytes(wrongSignature, sizeof wrongSignature, kKeepBytes);
    EXPECT_EQ(nullptr, indexed->copyObject());
    indexed->release();

    uint32_t boolean[] = {0xd3, 0x8b000001};
    OSSerialization *ok = OSCreateSerializationFromBytes(boolean, sizeof boolean, kKeepBytes);
    EXPECT_EQ(kOSBooleanTrue, ok->copyObject());
    ok->release();
}

} // namespace
