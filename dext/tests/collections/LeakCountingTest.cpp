/* What the harness's objects.balance rule reads: every container instance is counted under its
 * class name from creation to free, so one a dext forgets to release stays visible. */
#include "Collections.h"

using namespace collectionstest;

namespace {

using LeakCounting = Collections;

TEST_F(LeakCounting, ALeakedDictionaryAndWhatItHoldsStayCounted)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSDictionarySetStringValue(dict, "name", "leaked");
    OSDictionarySetUInt64Value(dict, "n", 1);
    OSArray *array = OSArray::withCapacity(0);
    dict->setObject("list", array);
    array->release();
    dict->setObject("flag", kOSBooleanTrue);
    EXPECT_EQ("OSArray=1\nOSDictionary=1\nOSNumber=1\nOSString=5\n", LiveText())
        << "4 keys and one string value; kOSBooleanTrue is not counted";
    dksim_reset();
    EXPECT_EQ("", LiveText()) << "reset makes the leak the new baseline";
    dict->release(); /* clean up below the baseline */
    EXPECT_EQ(-1, Live("OSDictionary"));
    checkBalance_ = false;
}

TEST_F(LeakCounting, ReleasedContainersLeaveNothing)
{
    OSSharedPtr<OSDictionary> dict(OSDictionaryCreate(), OSNoRetain);
    OSSharedPtr<OSArray> array(OSArrayCreate(), OSNoRetain);
    OSSharedPtr<OSSet> set(OSSet::withCapacity(2), OSNoRetain);
    OSSharedPtr<OSString> key(OSString::withCString("key"), OSNoRetain);
    OSSharedPtr<OSNumber> n(OSNumber::withNumber(3, 16), OSNoRetain);
    set->setObject(n.get());
    array->setObject(set.get());
    dict->setObject(key.get(), array.get());
    EXPECT_EQ(1, Live("OSSet"));
    EXPECT_EQ(1, Live("OSString"));
    dict.reset();
    array.reset();
    set.reset();
    key.reset();
    n.reset();
    EXPECT_EQ("", LiveText());
}

TEST_F(LeakCounting, ObjectsReachOnlyThroughACycleAreLeaks)
{
    OSArray *a = OSArray::withCapacity(0), *b = OSArray::withCapacity(0);
    a->setObject(b);
    b->setObject(a);
    a->release();
    b->release();
    EXPECT_EQ(2, Live("OSArray")) << "a retain cycle is a leak, as on a Mac";
    b->removeObject(0); /* breaking the cycle frees both */
    EXPECT_EQ(0, Live("OSArray"));
}

} // namespace
