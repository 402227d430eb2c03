/* IOLib: allocation, IOLog, locks and the clock functions DriverKit sources use. */
#ifndef DKSIM_DRIVERKIT_IOLIB_H
#define DKSIM_DRIVERKIT_IOLIB_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>
#include <DriverKit/OSObject.h>

void *IOMalloc(size_t length);
void *IOMallocZero(size_t length);
void IOFree(void *address, size_t length);

#define IONew(type, count) \
    (((size_t)(count) > (UINT_MAX / sizeof(type))) ? nullptr : ((type *)IOMalloc(sizeof(type) * (size_t)(count))))
#define IONewZero(type, count) \
    (((size_t)(count) > (UINT_MAX / sizeof(type))) ? nullptr : ((type *)IOMallocZero(sizeof(type) * (size_t)(count))))
#define IODelete(ptr, type, count) IOFree((ptr), sizeof(type) * (size_t)(count))
#define IOSafeDeleteNULL(ptr, type, count)          \
    do {                                            \
        if (nullptr != (ptr)) {                     \
            IODelete((ptr), type, (count));         \
            (ptr) = nullptr;                        \
        }                                           \
    } while (0)

/* Appends a line to the log of the connection the dext is serving (see os/log.h). */
void IOLog(const char *format, ...) __attribute__((format(printf, 1, 2)));

typedef struct IOLock IOLock;
IOLock *IOLockAlloc(void);
void IOLockFree(IOLock *lock);
void IOLockLock(IOLock *lock);
void IOLockUnlock(IOLock *lock);
bool IOLockTryLock(IOLock *lock);

#endif
