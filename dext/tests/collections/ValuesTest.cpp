/* OSString, OSNumber, OSBoolean and the OSData methods that meet them. */
#include "Collections.h"

#include <string.h>

using namespace collectionstest;

namespace {

using Values = Collections;

TEST_F(Values, StringsAreUniquedWhileAlive)
{
    OSString *first = OSString::withCString("uniqued");
    OSString *second = OSString::withCString("uniqued");
    EXPECT_EQ(first, second) << "the header calls OSString uniqued";
    EXPECT_EQ(2u, RetainCount(first));
    EXPECT_EQ(1, Live("OSString"));
    OSString *other = OSString::withCString("other");
    EXPECT_NE(first, other);
    first->release();
    second->release();
    other->release();
    EXPECT_EQ(0, Live("OSString"));
    OSString *again = OSString::withCString("uniqued");
    EXPECT_EQ(1u, RetainCount(again)) << "a freed string is not resurrected";
    again->release();
}

TEST_F(Values, StringCreationVariants)
{
    EXPECT_EQ(nullptr, OSString::withCString(nullptr));
    OSString *prefix = OSString::withCString("abcdef", 3);
    EXPECT_STREQ("abc", prefix->getCStringNoCopy());
    EXPECT_EQ(3u, prefix->getLength());
    OSString *shortSource = OSString::withCString("ab", 10);
    EXPECT_EQ(2u, shortSource->getLength()) << "the length is a maximum";
    char buffer[] = "mutable";
    OSString *copied = OSString::withCStringNoCopy(buffer);
    buffer[0] = 'X';
    EXPECT_STREQ("mutable", copied->getCStringNoCopy()) << "withCStringNoCopy copies too";
    OSString *same = OSString::withString(copied);
    EXPECT_EQ(copied, same);
    EXPECT_EQ(2u, RetainCount(copied));
    OSString *empty = OSString::withCString("");
    ASSERT_NE(nullptr, empty->getCStringNoCopy());
    EXPECT_EQ(0u, empty->getLength());
    for (OSString *s : {prefix, shortSource, copied, same, empty}) s->release();
}

TEST_F(Values, StringComparisons)
{
    OSString *s = OSString::withCString("key");
    EXPECT_TRUE(s->isEqualTo("key"));
    EXPECT_FALSE(s->isEqualTo("ke"));
    EXPECT_FALSE(s->isEqualTo((const char *)nullptr));
    OSData *exact = OSData::withBytes("key", 3), *terminated = OSData::withBytes("key", 4),
           *longer = OSData::withBytes("keys", 4);
    EXPECT_TRUE(s->isEqualTo(exact));
    EXPECT_TRUE(s->isEqualTo(terminated)) << "one trailing NUL is allowed";
    EXPECT_FALSE(s->isEqualTo(longer));
    EXPECT_TRUE(s->isEqualTo((const OSMetaClassBase *)exact));
    EXPECT_TRUE(exact->isEqualTo(s));
    EXPECT_TRUE(terminated->isEqualTo(s));
    EXPECT_FALSE(s->isEqualTo((const OSMetaClassBase *)kOSBooleanTrue));
    for (OSObject *o : std::initializer_list<OSObject *>{s, exact, terminated, longer}) o->release();
}

TEST_F(Values, NumbersAreMaskedToTheirSize)
{
    OSNumber *byte = OSNumber::withNumber(0x1234, 8);
    EXPECT_EQ(8u, byte->numberOfBits());
    EXPECT_EQ(0x34u, byte->unsigned64BitValue());
    OSNumber *wide = OSNumber::withNumber(0x1122334455667788ULL, 64);
    EXPECT_EQ(0x88u, wide->unsigned8BitValue());
    EXPECT_EQ(0x7788u, wide->unsigned16BitValue());
    EXPECT_EQ(0x55667788u, wide->unsigned32BitValue());
    EXPECT_EQ(0x1122334455667788ULL, wide->unsigned64BitValue());
    EXPECT_EQ(nullptr, OSNumber::withNumber(1, 0));
    EXPECT_EQ(nullptr, OSNumber::withNumber(1, 65));
    OSNumber *odd = OSNumber::withNumber(0xFFFF, 12);
    EXPECT_EQ(0xFFFu, odd->unsigned32BitValue());
    OSNumber *parsed = OSNumber::withNumber("0x20", 32);
    EXPECT_EQ(32u, parsed->unsigned32BitValue());
    OSNumber *same = OSNumber::withNumber(32, 64);
    EXPECT_TRUE(parsed->isEqualTo(same)) << "equal values whatever the sizes";
    EXPECT_TRUE(parsed->isEqualTo((const OSMetaClassBase *)same));
    EXPECT_FALSE(parsed->isEqualTo(byte));
    for (OSNumber *n : {byte, wide, odd, parsed, same}) n->release();
}

TEST_F(Values, BooleansAreUncountedSingletons)
{
    ASSERT_NE(nullptr, kOSBooleanTrue);
    ASSERT_NE(kOSBooleanTrue, kOSBooleanFalse);
    EXPECT_TRUE(kOSBooleanTrue->dksimValue());
    EXPECT_FALSE(kOSBooleanFalse->dksimValue());
    uint32_t before = RetainCount(kOSBooleanTrue);
    kOSBooleanTrue->retain();
    kOSBooleanTrue->release();
    kOSBooleanTrue->release();
    kOSBooleanTrue->release();
    EXPECT_EQ(before, RetainCount(kOSBooleanTrue)) << "retain and release do nothing";
    OSDictionary *dict = OSDictionary::withCapacity(0);
    dict->setObject("flag", kOSBooleanTrue);
    dict->release();
    EXPECT_EQ(0, Live("OSBoolean"));
    EXPECT_EQ(std::string::npos, LiveText().find("OSBoolean"));
    OSObject *object = kOSBooleanFalse;
    EXPECT_EQ(kOSBooleanFalse, OSDynamicCast(OSBoolean, object));
    EXPECT_NE(nullptr, OSDynamicCast(OSContainer, object));
    EXPECT_EQ(nullptr, OSDynamicCast(OSCollection, object));
    EXPECT_TRUE(kOSBooleanTrue->isEqualTo(kOSBooleanTrue));
    EXPECT_FALSE(kOSBooleanTrue->isEqualTo(kOSBooleanFalse));
}

TEST_F(Values, DataSubrangesAndContainerClass)
{
    OSData *data = OSData::withBytes("0123456789", 10);
    OSData *middle = OSData::withData(data, 2, 3);
    ASSERT_NE(nullptr, middle);
    EXPECT_TRUE(middle->isEqualTo("234", 3));
    EXPECT_EQ(nullptr, OSData::withData(data, 8, 3));
    EXPECT_EQ(nullptr, OSData::withData(data, 11, 0));
    OSData *none = OSData::withData(data, 10, 0);
    ASSERT_NE(nullptr, none);
    EXPECT_EQ(0u, none->getLength());
    EXPECT_NE(nullptr, OSDynamicCast(OSContainer, (OSObject *)data));
    for (OSData *d : {data, middle, none}) d->release();
}

TEST_F(Values, DynamicCastOfEachValueClass)
{
    OSString *s = OSString::withCString("s");
    OSNumber *n = OSNumber::withNumber(1, 8);
    OSObject *objects[] = {s, n};
    EXPECT_EQ(s, OSDynamicCast(OSString, objects[0]));
    EXPECT_EQ(nullptr, OSDynamicCast(OSNumber, objects[0]));
    EXPECT_EQ(n, OSDynamicCast(OSNumber, objects[1]));
    EXPECT_EQ(nullptr, OSDynamicCast(OSString, objects[1]));
    EXPECT_EQ(nullptr, OSDynamicCast(OSData, objects[0]));
    EXPECT_STREQ("OSString", objects[0]->getMetaClass()->getClassName());
    EXPECT_STREQ("OSNumber", objects[1]->getMetaClass()->getClassName());
    s->release();
    n->release();
}

} // namespace
