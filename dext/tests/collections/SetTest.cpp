/* OSSet: an OSArray without duplicates. */
#include "Collections.h"

using namespace collectionstest;

namespace {

using Set = Collections;

TEST_F(Set, HoldsEachObjectOnce)
{
    OSSet *set = OSSet::withCapacity(0);
    OSNumber *n = OSNumber::withNumber(1, 8);
    EXPECT_TRUE(set->setObject(n));
    EXPECT_FALSE(set->setObject(n)) << "already present";
    EXPECT_EQ(2u, RetainCount(n)) << "the refused duplicate is not retained";
    EXPECT_EQ(1u, set->getCount());
    EXPECT_TRUE(set->containsObject(n));
    EXPECT_TRUE(set->member(n));
    EXPECT_EQ(n, set->getAnyObject());
    EXPECT_FALSE(set->setObject(nullptr));
    EXPECT_FALSE(set->containsObject(nullptr));
    set->removeObject(n);
    EXPECT_EQ(1u, RetainCount(n));
    EXPECT_FALSE(set->containsObject(n));
    EXPECT_EQ(nullptr, set->getAnyObject());
    n->release();
    set->release();
}

TEST_F(Set, EqualStringsAreOneMemberBecauseStringsAreUniqued)
{
    OSSet *set = OSSet::withCapacity(0);
    OSString *a = OSString::withCString("same"), *b = OSString::withCString("same");
    set->setObject(a);
    EXPECT_FALSE(set->setObject(b));
    EXPECT_EQ(1u, set->getCount());
    a->release();
    b->release();
    set->release();
}

TEST_F(Set, MergeAddsOnlyTheMissingMembers)
{
    OSSet *set = OSSet::withCapacity(0);
    set->setObject(kOSBooleanTrue);
    OSArray *array = OSArray::withCapacity(0);
    array->setObject(kOSBooleanTrue);
    array->setObject(kOSBooleanFalse);
    array->setObject(kOSBooleanFalse);
    EXPECT_TRUE(set->merge(array)) << "members already present count as merged";
    EXPECT_EQ(2u, set->getCount());
    EXPECT_FALSE(set->merge(nullptr));
    OSSet *fromArray = OSSet::withArray(array, 0);
    EXPECT_EQ(2u, fromArray->getCount());
    const OSObject *values[] = {kOSBooleanFalse, kOSBooleanFalse, kOSBooleanTrue};
    OSSet *fromValues = OSSet::withObjects(values, 3, 0);
    EXPECT_EQ(2u, fromValues->getCount());
    EXPECT_EQ(kOSBooleanFalse, fromValues->getObject(0)) << "insertion order";
    fromValues->release();
    fromArray->release();
    array->release();
    set->release();
}

TEST_F(Set, IsAnArrayToOSDynamicCastAndCopiesAsASet)
{
    OSSet *set = OSSet::withCapacity(0);
    set->setObject(kOSBooleanTrue);
    OSObject *object = set;
    EXPECT_EQ(set, OSDynamicCast(OSSet, object));
    EXPECT_NE(nullptr, OSDynamicCast(OSArray, object));
    EXPECT_STREQ("OSSet", object->getMetaClass()->getClassName());
    EXPECT_EQ(1, Live("OSSet"));
    EXPECT_EQ(0, Live("OSArray")) << "counted under its own class";
    OSCollection *copy = set->copyCollection(nullptr);
    EXPECT_NE(nullptr, OSDynamicCast(OSSet, copy));
    copy->release();
    set->release();
}

} // namespace
