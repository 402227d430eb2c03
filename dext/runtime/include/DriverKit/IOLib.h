/* IOLib: allocation, IOLog, locks and the clock functions DriverKit sources use. Names and
 * signatures are those of DriverKit's <DriverKit/IOLib.h> as Apple's DriverKit reference lists them
 * (IOLockAlloc ... IORWLockWrite, IOSleep, IODelay; the *FreeZero macros). */
#ifndef DKSIM_DRIVERKIT_IOLIB_H
#define DKSIM_DRIVERKIT_IOLIB_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>
#include <DriverKit/OSObject.h>
#include <mach/mach_time.h>

void *IOMalloc(size_t length);
void *IOMallocZero(size_t length);
void IOFree(void *address, size_t length);

#define IONew(type, count) \
    (((size_t)(count) > (UINT_MAX / sizeof(type))) ? nullptr : ((type *)IOMalloc(sizeof(type) * (size_t)(count))))
#define IONewZero(type, count) \
    (((size_t)(count) > (UINT_MAX / sizeof(type))) ? nullptr : ((type *)IOMallocZero(sizeof(type) * (size_t)(count))))
#define IODelete(ptr, type, count) IOFree((ptr), sizeof(type) * (size_t)(count))
#define IOSafeDeleteNULL(ptr, type, count)  \
    do {                                    \
        if (nullptr != (ptr)) {             \
            IODelete((ptr), type, (count)); \
            (ptr) = nullptr;                \
        }                                   \
    } while (0)

/* Appends a line to the log of the connection the dext is serving (see os/log.h). */
void IOLog(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Block the calling thread for at least ms milliseconds / us microseconds. On the virtual clock
 * (the default) the call returns at once with the clock moved forward by that much; timers that
 * fall due meanwhile fire at the harness's next clock movement (inferred: the runtime runs one
 * thing at a time). In real-time mode they sleep. */
void IOSleep(uint64_t ms);
void IODelay(uint64_t us);

/* Mutex. IOLockAssert aborts with a message when the state is not the one asserted (inferred:
 * DriverKit's implementation is not public; the kernel's IOLockAssert panics, xnu
 * iokit/IOKit/IOLocks.h). The two values are the kernel's LCK_ASSERT_OWNED/NOTOWNED. */
typedef struct IOLock IOLock;
typedef enum {
    kIOLockAssertOwned = 1,
    kIOLockAssertNotOwned = 2,
} IOLockAssertState;
IOLock *IOLockAlloc(void);
void IOLockFree(IOLock *lock);
void IOLockLock(IOLock *lock);
void IOLockUnlock(IOLock *lock);
bool IOLockTryLock(IOLock *lock);
void IOLockAssert(IOLock *lock, IOLockAssertState type);
#define IOLockFreeZero(l) \
    do {                  \
        IOLockFree(l);    \
        (l) = nullptr;    \
    } while (0)

/* Recursive mutex: the owning thread may lock it again; each lock needs its unlock. */
typedef struct IORecursiveLock IORecursiveLock;
IORecursiveLock *IORecursiveLockAlloc(void);
void IORecursiveLockFree(IORecursiveLock *lock);
void IORecursiveLockLock(IORecursiveLock *lock);
void IORecursiveLockUnlock(IORecursiveLock *lock);
bool IORecursiveLockTryLock(IORecursiveLock *lock);
bool IORecursiveLockHaveLock(IORecursiveLock *lock);
#define IORecursiveLockFreeZero(l) \
    do {                           \
        IORecursiveLockFree(l);    \
        (l) = nullptr;             \
    } while (0)

/* Read/write lock: many readers or one writer; IORWLockUnlock releases whichever the calling
 * thread holds. */
typedef struct IORWLock IORWLock;
IORWLock *IORWLockAlloc(void);
void IORWLockFree(IORWLock *lock);
void IORWLockRead(IORWLock *lock);
void IORWLockWrite(IORWLock *lock);
void IORWLockUnlock(IORWLock *lock);
#define IORWLockFreeZero(l) \
    do {                    \
        IORWLockFree(l);    \
        (l) = nullptr;      \
    } while (0)

#endif
