#include <DriverKit/IOLib.h>

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <stdio.h>
#include <stdlib.h>
#include <thread>
#include <time.h>

#include "core/Runtime.h"

void *IOMalloc(size_t length) { return malloc(length ? length : 1); }

void *IOMallocZero(size_t length) { return calloc(1, length ? length : 1); }

void IOFree(void *address, size_t) { free(address); }

/* ---- clock (mach_time.h, IOSleep, IODelay) ---- */

uint64_t mach_absolute_time(void) { return dksim::Runtime::get().now(); }

uint64_t mach_continuous_time(void) { return dksim::Runtime::get().now(); }

kern_return_t mach_timebase_info(mach_timebase_info_t info)
{
    if (info == nullptr) return 4; /* KERN_INVALID_ARGUMENT */
    info->numer = 1;
    info->denom = 1;
    return 0;
}

static void SleepNanoseconds(uint64_t ns)
{
    dksim::Runtime &runtime = dksim::Runtime::get();
    if (runtime.clockMode != DKSIM_CLOCK_REAL) {
        /* Dext code runs with the runtime held, so the virtual clock can move here. */
        runtime.virtualNow = (UINT64_MAX - runtime.virtualNow < ns) ? UINT64_MAX : runtime.virtualNow + ns;
        return;
    }
    struct timespec ts;
    ts.tv_sec = (time_t)(ns / 1000000000ull);
    ts.tv_nsec = (long)(ns % 1000000000ull);
    while (nanosleep(&ts, &ts) != 0) {}
}

void IOSleep(uint64_t ms) { SleepNanoseconds(ms > UINT64_MAX / 1000000ull ? UINT64_MAX : ms * 1000000ull); }

void IODelay(uint64_t us) { SleepNanoseconds(us > UINT64_MAX / 1000ull ? UINT64_MAX : us * 1000ull); }

/* ---- locks ---- */

struct IOLock {
    std::mutex mutex;
    std::atomic<std::thread::id> owner{};
};

IOLock *IOLockAlloc(void) { return new IOLock(); }
void IOLockFree(IOLock *lock) { delete lock; }
void IOLockLock(IOLock *lock)
{
    lock->mutex.lock();
    lock->owner.store(std::this_thread::get_id());
}
void IOLockUnlock(IOLock *lock)
{
    lock->owner.store(std::thread::id());
    lock->mutex.unlock();
}
bool IOLockTryLock(IOLock *lock)
{
    if (!lock->mutex.try_lock()) return false;
    lock->owner.store(std::this_thread::get_id());
    return true;
}
void IOLockAssert(IOLock *lock, IOLockAssertState type)
{
    bool owned = lock->owner.load() == std::this_thread::get_id();
    if (type == kIOLockAssertOwned && !owned) {
        fprintf(stderr, "IOLockAssert: lock %p is not owned by the calling thread\n", (void *)lock);
        abort();
    }
    if (type == kIOLockAssertNotOwned && owned) {
        fprintf(stderr, "IOLockAssert: lock %p is owned by the calling thread\n", (void *)lock);
        abort();
    }
}

struct IORecursiveLock {
    std::recursive_mutex mutex;
    std::atomic<std::thread::id> owner{};
    uint64_t depth = 0; /* touched only by the owner */
};

IORecursiveLock *IORecursiveLockAlloc(void) { return new IORecursiveLock(); }
void IORecursiveLockFree(IORecursiveLock *lock) { delete lock; }
void IORecursiveLockLock(IORecursiveLock *lock)
{
    lock->mutex.lock();
    lock->owner.store(std::this_thread::get_id());
    lock->depth++;
}
void IORecursiveLockUnlock(IORecursiveLock *lock)
{
    if (--lock->depth == 0) lock->owner.store(std::thread::id());
    lock->mutex.unlock();
}
bool IORecursiveLockTryLock(IORecursiveLock *lock)
{
    if (!lock->mutex.try_lock()) return false;
    lock->owner.store(std::this_thread::get_id());
    lock->depth++;
    return true;
}
bool IORecursiveLockHaveLock(IORecursiveLock *lock) { return lock->owner.load() == std::this_thread::get_id(); }

struct IORWLock {
    std::shared_mutex mutex;
    std::atomic<std::thread::id> writer{};
};

IORWLock *IORWLockAlloc(void) { return new IORWLock(); }
void IORWLockFree(IORWLock *lock) { delete lock; }
void IORWLockRead(IORWLock *lock) { lock->mutex.lock_shared(); }
void IORWLockWrite(IORWLock *lock)
{
    lock->mutex.lock();
    lock->writer.store(std::this_thread::get_id());
}
void IORWLockUnlock(IORWLock *lock)
{
    if (lock->writer.load() == std::this_thread::get_id()) {
        lock->writer.store(std::thread::id());
        lock->mutex.unlock();
    } else {
        lock->mutex.unlock_shared();
    }
}
