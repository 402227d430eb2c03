/* The C-style functions OSCollections.h declares. */
#include "Collections.h"

#include <string.h>

using namespace collectionstest;

namespace {

using Functions = Collections;

TEST_F(Functions, DictionaryFunctions)
{
    OSDictionaryPtr dict = OSDictionaryCreate();
    ASSERT_NE(nullptr, dict);
    OSDictionarySetStringValue(dict, "name", "probe");
    OSDictionarySetUInt64Value(dict, "size", 4096);
    EXPECT_EQ(2u, OSDictionaryGetCount(dict));
    EXPECT_STREQ("probe", OSDictionaryGetStringValue(dict, "name"));
    EXPECT_EQ(4096u, OSDictionaryGetUInt64Value(dict, "size"));
    EXPECT_EQ(nullptr, OSDictionaryGetStringValue(dict, "size")) << "not a string";
    EXPECT_EQ(0u, OSDictionaryGetUInt64Value(dict, "name")) << "not a number";
    EXPECT_EQ(nullptr, OSDictionaryGetValue(dict, "missing"));
    EXPECT_EQ(64u, OSDynamicCast(OSNumber, OSDictionaryGetValue(dict, "size"))->numberOfBits());
    EXPECT_TRUE(OSDictionarySetValue(dict, "flag", kOSBooleanTrue));
    EXPECT_TRUE(OSDictionarySetValue(dict, "flag", nullptr)) << "a NULL value removes the key";
    EXPECT_EQ(nullptr, OSDictionaryGetValue(dict, "flag"));
    __block std::string keys;
    EXPECT_FALSE(OSDictionaryApply(dict, ^bool(const char *key, OSObjectPtr value) {
        keys += key;
        return false;
    }));
    EXPECT_EQ("namesize", keys);
    EXPECT_TRUE(OSDictionaryApply(dict, ^bool(const char *key, OSObjectPtr) { return strcmp(key, "name") == 0; }));
    OSObjectRelease(dict);
}

TEST_F(Functions, ArrayFunctions)
{
    OSArrayPtr array = OSArrayCreate();
    EXPECT_TRUE(OSArrayAppendValue(array, kOSBooleanTrue));
    OSArraySetUInt64Value(array, kOSArrayAppend, 7);
    OSArraySetStringValue(array, 0, "first"); /* inserts */
    EXPECT_EQ(3u, OSArrayGetCount(array));
    EXPECT_STREQ("first", OSArrayGetStringValue(array, 0));
    EXPECT_EQ(kOSBooleanTrue, OSArrayGetValue(array, 1));
    EXPECT_EQ(7u, OSArrayGetUInt64Value(array, 2));
    EXPECT_EQ(nullptr, OSArrayGetValue(array, 3));
    EXPECT_EQ(nullptr, OSArrayGetValue(array, (size_t)UINT32_MAX + 1));
    EXPECT_TRUE(OSArrayReplaceValue(array, 1, kOSBooleanFalse));
    EXPECT_FALSE(OSArrayReplaceValue(array, 3, kOSBooleanFalse));
    EXPECT_FALSE(OSArraySetValue(array, 9, kOSBooleanFalse)) << "past the end";
    EXPECT_TRUE(OSArraySetValue(array, 0, nullptr)) << "a NULL value removes the member";
    EXPECT_FALSE(OSArraySetValue(array, 5, nullptr));
    EXPECT_EQ(2u, OSArrayGetCount(array));
    EXPECT_EQ(0, Live("OSString")) << "the removed string was released";
    __block int visits = 0;
    EXPECT_TRUE(OSArrayApply(array, ^bool(OSObjectPtr value) {
        visits++;
        return OSDynamicCast(OSNumber, value) != nullptr;
    }));
    EXPECT_EQ(2, visits);
    OSObjectRelease(array);
}

TEST_F(Functions, StringDataAndNumberFunctions)
{
    OSStringPtr s = OSStringCreate("hello world", 5);
    EXPECT_STREQ("hello", OSStringGetStringPtr(s));
    EXPECT_EQ(5u, OSStringGetLength(s));
    OSStringPtr whole = OSStringCreate("hello", SIZE_MAX);
    EXPECT_EQ(s, whole) << "uniqued";
    OSDataPtr data = OSDataCreate("abcdef", 6);
    EXPECT_EQ(6u, OSDataGetLength(data));
    EXPECT_EQ(0, memcmp("cd", OSDataGetBytesPtr(data, 2, 2), 2));
    EXPECT_EQ(nullptr, OSDataGetBytesPtr(data, 5, 2));
    EXPECT_EQ(nullptr, OSDataGetBytesPtr(data, 6, 0));
    char buffer[8] = {};
    EXPECT_EQ(2u, OSDataGetBytes(data, buffer, 4, 8));
    EXPECT_STREQ("ef", buffer);
    EXPECT_EQ(0u, OSDataGetBytes(data, buffer, 6, 1));
    EXPECT_TRUE(OSDataAppendBytes(data, "gh", 2));
    EXPECT_EQ(8u, OSDataGetLength(data));
    OSNumberPtr n = OSNumberCreateWithUInt64Value(UINT64_MAX);
    EXPECT_EQ(UINT64_MAX, OSNumberGetUInt64Value(n));
    EXPECT_EQ(64u, n->numberOfBits());
    OSObjectRetain(n);
    EXPECT_EQ(2u, RetainCount(n));
    OSObjectRelease(n);
    OSObjectSafeReleaseNULL(n);
    EXPECT_EQ(nullptr, n);
    for (OSObject *o : std::initializer_list<OSObject *>{s, whole, data}) OSObjectRelease(o);
}

TEST_F(Functions, CollectionTypeIdentifiesEachClass)
{
    OSDictionaryPtr dict = OSDictionaryCreate();
    OSArrayPtr array = OSArrayCreate();
    OSSetPtr set = OSSet::withCapacity(0);
    OSNumberPtr n = OSNumberCreateWithUInt64Value(1);
    OSStringPtr s = OSStringCreate("s", SIZE_MAX);
    OSDataPtr d = OSDataCreate("d", 1);
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeDictionary, OSCollectionTypeID(dict));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeArray, OSCollectionTypeID(array));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeSet, OSCollectionTypeID(set));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeNumber, OSCollectionTypeID(n));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeString, OSCollectionTypeID(s));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeData, OSCollectionTypeID(d));
    EXPECT_EQ((OSCollectionType)kOSCollectionTypeBoolean, OSCollectionTypeID(kOSBooleanTrue));
    EXPECT_EQ(0u, OSCollectionTypeID(nullptr));
    EXPECT_STREQ("OSDictionary", OSCollectionTypeName(kOSCollectionTypeDictionary));
    OSCollectionsInitialize();
    for (OSObject *o : std::initializer_list<OSObject *>{dict, array, set, n, s, d}) o->release();
}

TEST_F(Functions, ObjectLogDescribesNestedCollections)
{
    OSDictionaryPtr dict = OSDictionaryCreate();
    OSArrayPtr array = OSArrayCreate();
    OSArrayAppendValue(array, kOSBooleanTrue);
    OSDictionarySetValue(dict, "list", array);
    OSDictionarySetStringValue(dict, "name", "logged");
    OSObjectLog(dict);
    std::string log(dksim_read_log(0, nullptr, 0) + 1, '\0');
    log.resize(dksim_read_log(0, &log[0], log.size()));
    EXPECT_NE(std::string::npos, log.find("OSDictionary 2 entries")) << log;
    EXPECT_NE(std::string::npos, log.find("key \"list\":")) << log;
    EXPECT_NE(std::string::npos, log.find("OSBoolean true")) << log;
    EXPECT_NE(std::string::npos, log.find("OSString \"logged\"")) << log;
    OSObjectRelease(array);
    OSObjectRelease(dict);
}

} // namespace
