/* The IOLib locks DriverKit declares: IOLock (with IOLockAssert), IORecursiveLock, IORWLock and
 * their *FreeZero macros. */
#include "Collections.h"

#include <atomic>
#include <chrono>
#include <thread>

using collectionstest::Collections;

namespace {

using Locks = Collections;

template <class Fn>
static bool OnOtherThread(Fn fn)
{
    bool result = false;
    std::thread other([&] { result = fn(); });
    other.join();
    return result;
}

TEST_F(Locks, AnIOLockExcludesOtherThreads)
{
    IOLock *lock = IOLockAlloc();
    ASSERT_NE(nullptr, lock);
    IOLockLock(lock);
    IOLockAssert(lock, kIOLockAssertOwned);
    EXPECT_FALSE(OnOtherThread([&] { return IOLockTryLock(lock); }));
    IOLockUnlock(lock);
    IOLockAssert(lock, kIOLockAssertNotOwned);
    EXPECT_TRUE(OnOtherThread([&] {
        bool taken = IOLockTryLock(lock);
        if (taken) IOLockUnlock(lock);
        return taken;
    }));
    IOLockFreeZero(lock);
    EXPECT_EQ(nullptr, lock);
}

TEST_F(Locks, AFailedIOLockAssertAborts)
{
    IOLock *lock = IOLockAlloc();
    EXPECT_DEATH(IOLockAssert(lock, kIOLockAssertOwned), "IOLockAssert: lock .* is not owned");
    IOLockLock(lock);
    EXPECT_DEATH(IOLockAssert(lock, kIOLockAssertNotOwned), "IOLockAssert: lock .* is owned");
    IOLockUnlock(lock);
    IOLockFree(lock);
}

TEST_F(Locks, ARecursiveLockCountsItsOwnersLocks)
{
    IORecursiveLock *lock = IORecursiveLockAlloc();
    ASSERT_NE(nullptr, lock);
    EXPECT_FALSE(IORecursiveLockHaveLock(lock));
    IORecursiveLockLock(lock);
    EXPECT_TRUE(IORecursiveLockTryLock(lock));
    EXPECT_TRUE(IORecursiveLockHaveLock(lock));
    EXPECT_FALSE(OnOtherThread([&] { return IORecursiveLockHaveLock(lock); }));
    EXPECT_FALSE(OnOtherThread([&] { return IORecursiveLockTryLock(lock); }));
    IORecursiveLockUnlock(lock);
    EXPECT_TRUE(IORecursiveLockHaveLock(lock)) << "one lock still held";
    IORecursiveLockUnlock(lock);
    EXPECT_FALSE(IORecursiveLockHaveLock(lock));
    EXPECT_TRUE(OnOtherThread([&] {
        bool taken = IORecursiveLockTryLock(lock);
        if (taken) IORecursiveLockUnlock(lock);
        return taken;
    }));
    IORecursiveLockFreeZero(lock);
    EXPECT_EQ(nullptr, lock);
}

TEST_F(Locks, ReadersShareAnRWLockAndAWriterWaitsForThem)
{
    IORWLock *lock = IORWLockAlloc();
    ASSERT_NE(nullptr, lock);
    IORWLockRead(lock);
    std::atomic<bool> otherRead{false};
    std::thread reader([&] {
        IORWLockRead(lock);
        otherRead = true;
        IORWLockUnlock(lock);
    });
    reader.join();
    EXPECT_TRUE(otherRead) << "a second reader gets in";
    std::atomic<bool> wrote{false};
    std::thread writer([&] {
        IORWLockWrite(lock);
        wrote = true;
        IORWLockUnlock(lock);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(wrote) << "the writer waits for the reader";
    IORWLockUnlock(lock);
    writer.join();
    EXPECT_TRUE(wrote);
    IORWLockWrite(lock);
    std::atomic<bool> readWhileWriting{false};
    std::thread late([&] {
        IORWLockRead(lock);
        readWhileWriting = true;
        IORWLockUnlock(lock);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(readWhileWriting) << "a reader waits for the writer";
    IORWLockUnlock(lock);
    late.join();
    EXPECT_TRUE(readWhileWriting);
    IORWLockFreeZero(lock);
    EXPECT_EQ(nullptr, lock);
}

} // namespace
