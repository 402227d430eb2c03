/* OSArray: retain/release of members, insertion, replacement, search, iteration, copies. */
#include "Collections.h"

using namespace collectionstest;

namespace {

using Array = Collections;

TEST_F(Array, HoldsAReferenceToEachMemberUntilItIsRemoved)
{
    OSArray *array = OSArray::withCapacity(2);
    OSNumber *one = OSNumber::withNumber(1, 32);
    ASSERT_TRUE(array->setObject(one));
    EXPECT_EQ(2u, RetainCount(one));
    EXPECT_EQ(1u, array->getCount());
    EXPECT_EQ(one, array->getObject(0));
    EXPECT_EQ(2u, RetainCount(one)) << "getObject does not retain for the caller";
    array->removeObject(0);
    EXPECT_EQ(1u, RetainCount(one));
    EXPECT_EQ(0u, array->getCount());
    one->release();
    array->release();
}

TEST_F(Array, FreeingTheArrayReleasesItsMembers)
{
    OSArray *array = OSArray::withCapacity(0);
    for (int k = 0; k < 40; k++) {
        OSNumber *number = OSNumber::withNumber(k, 64);
        ASSERT_TRUE(array->setObject(number));
        number->release();
    }
    EXPECT_EQ(40, Live("OSNumber"));
    EXPECT_GE(array->getCapacity(), 40u);
    array->release();
    EXPECT_EQ(0, Live("OSNumber"));
    EXPECT_EQ(0, Live("OSArray"));
}

TEST_F(Array, SetObjectAtIndexInsertsAndRefusesAnIndexPastTheEnd)
{
    OSArray *array = OSArray::withCapacity(0);
    OSString *a = OSString::withCString("a"), *b = OSString::withCString("b"), *c = OSString::withCString("c");
    ASSERT_TRUE(array->setObject(a));
    ASSERT_TRUE(array->setObject(b));
    ASSERT_TRUE(array->setObject(1, c));
    EXPECT_EQ(a, array->getObject(0));
    EXPECT_EQ(c, array->getObject(1));
    EXPECT_EQ(b, array->getObject(2));
    EXPECT_EQ(b, array->getLastObject());
    EXPECT_FALSE(array->setObject(4, a));
    EXPECT_EQ(2u, RetainCount(a)) << "a refused member is not retained";
    EXPECT_TRUE(array->setObject(3, a)) << "index == count appends";
    EXPECT_EQ(nullptr, array->getObject(4));
    OSSafeReleaseNULL(a);
    OSSafeReleaseNULL(b);
    OSSafeReleaseNULL(c);
    array->release();
}

TEST_F(Array, NullMembersAreRefused)
{
    OSArray *array = OSArray::withCapacity(1);
    EXPECT_FALSE(array->setObject(nullptr));
    EXPECT_FALSE(array->setObject(0, nullptr));
    EXPECT_EQ(0u, array->getCount());
    EXPECT_EQ(nullptr, array->getLastObject());
    array->release();
}

TEST_F(Array, ReplaceObjectReleasesTheOldMemberAndRetainsTheNewOne)
{
    OSArray *array = OSArray::withCapacity(1);
    OSNumber *oldValue = OSNumber::withNumber(1, 8), *newValue = OSNumber::withNumber(2, 8);
    array->setObject(oldValue);
    EXPECT_TRUE(array->replaceObject(0, newValue));
    EXPECT_EQ(1u, RetainCount(oldValue));
    EXPECT_EQ(2u, RetainCount(newValue));
    EXPECT_FALSE(array->replaceObject(1, oldValue)) << "only existing members can be replaced";
    EXPECT_FALSE(array->replaceObject(0, nullptr));
    EXPECT_EQ(1u, RetainCount(oldValue));
    oldValue->release();
    newValue->release();
    array->release();
}

TEST_F(Array, RemovingAnIndexPastTheEndDoesNothing)
{
    OSArray *array = OSArray::withCapacity(1);
    array->setObject(kOSBooleanTrue);
    array->removeObject(5);
    EXPECT_EQ(1u, array->getCount());
    array->release();
}

TEST_F(Array, GetNextIndexOfObjectSearchesByPointerFromTheIndex)
{
    OSArray *array = OSArray::withCapacity(0);
    OSNumber *x = OSNumber::withNumber(7, 32), *sameValue = OSNumber::withNumber(7, 32);
    array->setObject(x);
    array->setObject(kOSBooleanFalse);
    array->setObject(x);
    EXPECT_EQ(0u, array->getNextIndexOfObject(x, 0));
    EXPECT_EQ(2u, array->getNextIndexOfObject(x, 1));
    EXPECT_EQ(-1U, array->getNextIndexOfObject(x, 3));
    EXPECT_EQ(-1U, array->getNextIndexOfObject(sameValue, 0)) << "an equal but distinct object is not found";
    x->release();
    sameValue->release();
    array->release();
}

TEST_F(Array, IterationStopsWhenTheBlockReturnsTrue)
{
    OSArray *array = OSArray::withCapacity(0);
    for (uint64_t k = 0; k < 5; k++) {
        OSNumber *n = OSNumber::withNumber(k, 64);
        array->setObject(n);
        n->release();
    }
    __block uint64_t seen = 0;
    EXPECT_FALSE(array->iterateObjects(^bool(OSObject *object) {
        seen += OSDynamicCast(OSNumber, object)->unsigned64BitValue() + 1;
        return false;
    })) << "every member visited";
    EXPECT_EQ(15u, seen);
    __block int visits = 0;
    EXPECT_TRUE(array->iterateObjects(^bool(OSObject *object) {
        visits++;
        return OSDynamicCast(OSNumber, object)->unsigned64BitValue() == 2;
    })) << "stopped by the block";
    EXPECT_EQ(3, visits);
    OSArray *empty = OSArray::withCapacity(0);
    EXPECT_FALSE(empty->iterateObjects(^bool(OSObject *) { return true; }));
    empty->release();
    array->release();
}

TEST_F(Array, MergeAppendsAndMergingIntoItselfDoublesIt)
{
    OSArray *array = OSArray::withCapacity(0), *other = OSArray::withCapacity(0);
    other->setObject(kOSBooleanTrue);
    other->setObject(kOSBooleanFalse);
    ASSERT_TRUE(array->merge(other));
    EXPECT_EQ(2u, array->getCount());
    ASSERT_TRUE(array->merge(array));
    EXPECT_EQ(4u, array->getCount());
    EXPECT_EQ(kOSBooleanFalse, array->getObject(3));
    EXPECT_FALSE(array->merge(nullptr));
    other->release();
    array->release();
}

TEST_F(Array, WithObjectsAndWithArrayRetainWhatTheyCopy)
{
    OSString *a = OSString::withCString("a");
    const OSObject *values[] = {a, kOSBooleanTrue, a};
    OSArray *array = OSArray::withObjects(values, 3, 0);
    ASSERT_NE(nullptr, array);
    EXPECT_EQ(3u, array->getCount());
    EXPECT_EQ(3u, RetainCount(a));
    OSArray *copy = OSArray::withArray(array, 10);
    ASSERT_NE(nullptr, copy);
    EXPECT_GE(copy->getCapacity(), 10u);
    EXPECT_EQ(5u, RetainCount(a));
    const OSObject *withNull[] = {a, nullptr};
    EXPECT_EQ(nullptr, OSArray::withObjects(withNull, 2, 2));
    EXPECT_EQ(5u, RetainCount(a)) << "a failed withObjects releases what it had taken";
    EXPECT_EQ(nullptr, OSArray::withArray(nullptr, 1));
    copy->release();
    array->release();
    a->release();
}

TEST_F(Array, IsEqualToComparesMembersInOrder)
{
    OSArray *first = OSArray::withCapacity(0), *second = OSArray::withCapacity(0);
    OSNumber *one = OSNumber::withNumber(1, 8), *oneAgain = OSNumber::withNumber(1, 64);
    first->setObject(one);
    second->setObject(oneAgain);
    EXPECT_TRUE(first->isEqualTo(second));
    EXPECT_TRUE(first->isEqualTo((const OSMetaClassBase *)second));
    second->setObject(kOSBooleanTrue);
    EXPECT_FALSE(first->isEqualTo(second));
    EXPECT_FALSE(first->isEqualTo((const OSMetaClassBase *)one));
    one->release();
    oneAgain->release();
    first->release();
    second->release();
}

TEST_F(Array, FlushCollectionReleasesEverything)
{
    OSArray *array = OSArray::withCapacity(0);
    OSData *data = OSData::withBytes("x", 1);
    array->setObject(data);
    data->release();
    array->flushCollection();
    EXPECT_EQ(0u, array->getCount());
    EXPECT_EQ(0, Live("OSData"));
    EXPECT_TRUE(array->setObject(kOSBooleanTrue)) << "usable after a flush";
    array->release();
}

TEST_F(Array, CopyCollectionCopiesMemberCollectionsButSharesOtherMembers)
{
    OSArray *inner = OSArray::withCapacity(0);
    OSString *s = OSString::withCString("shared");
    inner->setObject(s);
    OSArray *outer = OSArray::withCapacity(0);
    outer->setObject(inner);
    outer->setObject(inner);
    outer->setObject(s);
    OSArray *copy = OSDynamicCast(OSArray, outer->copyCollection(nullptr));
    ASSERT_NE(nullptr, copy);
    EXPECT_NE(outer, copy);
    EXPECT_TRUE(copy->isEqualTo(outer));
    EXPECT_NE(inner, copy->getObject(0)) << "member collections are copied";
    EXPECT_EQ(copy->getObject(0), copy->getObject(1)) << "a collection met twice is copied once";
    EXPECT_EQ(s, copy->getObject(2)) << "other members are shared";
    EXPECT_EQ(0, Live("OSDictionary")) << "the cycle map is released";
    copy->release();
    outer->release();
    inner->release();
    s->release();
}

TEST_F(Array, DynamicCastSeesTheClassHierarchy)
{
    OSArray *array = OSArray::withCapacity(0);
    OSObject *object = array;
    EXPECT_EQ(array, OSDynamicCast(OSArray, object));
    EXPECT_NE(nullptr, OSDynamicCast(OSCollection, object));
    EXPECT_NE(nullptr, OSDynamicCast(OSContainer, object));
    EXPECT_EQ(nullptr, OSDynamicCast(OSDictionary, object));
    EXPECT_EQ(nullptr, OSDynamicCast(OSSet, object));
    EXPECT_STREQ("OSArray", object->getMetaClass()->getClassName());
    array->release();
}

} // namespace
