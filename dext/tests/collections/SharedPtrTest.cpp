/* OSSharedPtr: the reference it owns is released exactly once. */
#include "Collections.h"

using namespace collectionstest;

namespace {

using SharedPtr = Collections;

/* A function with an out-parameter that returns +1, as DriverKit's Create methods do. */
static kern_return_t MakeDictionary(OSDictionary **out)
{
    *out = OSDictionary::withCapacity(1);
    return *out ? kIOReturnSuccess : kIOReturnNoMemory;
}

TEST_F(SharedPtr, NoRetainAdoptsAReferenceAndDestructionReleasesIt)
{
    {
        OSSharedPtr<OSDictionary> dict(OSDictionary::withCapacity(1), OSNoRetain);
        EXPECT_EQ(1u, RetainCount(dict.get()));
        EXPECT_EQ(1, Live("OSDictionary"));
    }
    EXPECT_EQ(0, Live("OSDictionary"));
}

TEST_F(SharedPtr, RetainSharesAPointerTheCallerStillOwns)
{
    OSString *raw = OSString::withCString("shared");
    {
        OSSharedPtr<OSString> shared(raw, OSRetain);
        EXPECT_EQ(2u, RetainCount(raw));
    }
    EXPECT_EQ(1u, RetainCount(raw));
    raw->release();
}

TEST_F(SharedPtr, CopiesRetainAndMovesTransfer)
{
    OSSharedPtr<OSArray> first(OSArray::withCapacity(0), OSNoRetain);
    OSSharedPtr<OSArray> copy = first;
    EXPECT_EQ(2u, RetainCount(first.get()));
    OSSharedPtr<OSArray> moved = std::move(copy);
    EXPECT_EQ(nullptr, copy.get());
    EXPECT_EQ(2u, RetainCount(first.get()));
    OSSharedPtr<OSCollection> base = first; /* converting copy */
    EXPECT_EQ(3u, RetainCount(first.get()));
    OSSharedPtr<OSObject> object = std::move(moved); /* converting move */
    EXPECT_EQ(3u, RetainCount(first.get()));
    OSSharedPtr<OSCollection> &alias = base;
    base = alias; /* self-assignment keeps the reference */
    EXPECT_EQ(3u, RetainCount(first.get()));
    object = nullptr;
    base.reset();
    EXPECT_EQ(1u, RetainCount(first.get()));
}

TEST_F(SharedPtr, ResetGetAndDetach)
{
    OSSharedPtr<OSNumber> number;
    EXPECT_FALSE(number);
    EXPECT_TRUE(number == nullptr);
    number.reset(OSNumber::withNumber(1, 8), OSNoRetain);
    EXPECT_TRUE(number);
    EXPECT_EQ(1u, number->unsigned8BitValue());
    EXPECT_EQ(1u, (*number).unsigned8BitValue());
    OSNumber *other = OSNumber::withNumber(2, 8);
    number.reset(other, OSRetain);
    EXPECT_EQ(1, Live("OSNumber")) << "the first number was released by reset";
    EXPECT_EQ(2u, RetainCount(other));
    EXPECT_TRUE(number == other);
    OSNumber *detached = number.detach();
    EXPECT_EQ(other, detached);
    EXPECT_EQ(nullptr, number.get());
    EXPECT_EQ(2u, RetainCount(other)) << "detach hands the reference over without releasing it";
    detached->release();
    other->release();
    EXPECT_EQ(0, Live("OSNumber"));
}

TEST_F(SharedPtr, AttachLetsAnOutParameterFillThePointer)
{
    OSSharedPtr<OSDictionary> dict(OSDictionary::withCapacity(0), OSNoRetain);
    ASSERT_EQ(kIOReturnSuccess, MakeDictionary(dict.attach()));
    EXPECT_EQ(1, Live("OSDictionary")) << "attach released the dictionary held before";
    EXPECT_EQ(1u, RetainCount(dict.get()));
    dict.reset();
    EXPECT_EQ(0, Live("OSDictionary"));
}

TEST_F(SharedPtr, StaticAndConstCastsKeepTheCountRight)
{
    OSSharedPtr<OSObject> object(OSString::withCString("cast"), OSNoRetain);
    OSSharedPtr<OSString> string = OSStaticPtrCast<OSString>(object);
    EXPECT_EQ(2u, RetainCount(string.get()));
    OSSharedPtr<OSString> moved = OSStaticPtrCast<OSString>(std::move(object));
    EXPECT_EQ(nullptr, object.get());
    EXPECT_EQ(2u, RetainCount(string.get()));
    OSSharedPtr<const OSString> constant(moved);
    OSSharedPtr<OSString> mutableAgain = OSConstPtrCast<OSString>(constant);
    EXPECT_EQ(4u, RetainCount(string.get()));
    EXPECT_TRUE(mutableAgain == string);
    EXPECT_FALSE(mutableAgain != string);
}

TEST_F(SharedPtr, DetachAsOSPtrAndRawComparisons)
{
    OSSharedPtr<OSData> data(OSData::withBytes("d", 1), OSNoRetain);
    OSData *raw = data.get();
    EXPECT_TRUE(raw == data);
    EXPECT_TRUE(nullptr != data);
    OSPtr<OSData> owned = data.detachAsOSPtr();
    EXPECT_EQ(raw, owned);
    owned->release();
}

} // namespace
