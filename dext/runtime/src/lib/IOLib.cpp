#include <DriverKit/IOLib.h>

#include <mutex>
#include <stdlib.h>

void *IOMalloc(size_t length) { return malloc(length ? length : 1); }

void *IOMallocZero(size_t length) { return calloc(1, length ? length : 1); }

void IOFree(void *address, size_t) { free(address); }

struct IOLock {
    std::mutex mutex;
};

IOLock *IOLockAlloc(void) { return new IOLock(); }
void IOLockFree(IOLock *lock) { delete lock; }
void IOLockLock(IOLock *lock) { lock->mutex.lock(); }
void IOLockUnlock(IOLock *lock) { lock->mutex.unlock(); }
bool IOLockTryLock(IOLock *lock) { return lock->mutex.try_lock(); }
