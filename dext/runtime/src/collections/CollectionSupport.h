/* What OSArray, OSSet and OSDictionary share: making an empty collection, turning a member
 * argument into an OSObject and growing their storage. */
#ifndef DKSIM_COLLECTION_SUPPORT_H
#define DKSIM_COLLECTION_SUPPORT_H

#include <stdint.h>
#include <stdlib.h>

#include <DriverKit/OSObject.h>

#include "core/ObjectTracker.h"

namespace dksim {

/* withCapacity of every collection: a new, counted T with room for capacity members, or NULL
 * (nothing left behind) when that much cannot be allocated. */
template <class T>
T *NewWithCapacity(uint32_t capacity)
{
    T *collection = NewTracked<T>();
    if (collection->ensureCapacity(capacity) < capacity) {
        collection->release();
        return nullptr;
    }
    return collection;
}

/* Members are passed as const OSMetaClassBase * but collections hand back OSObject *; every
 * DriverKit object is an OSObject, anything else is refused (NULL). */
inline OSObject *MemberObject(const OSMetaClassBase *object)
{
    return object ? dynamic_cast<OSObject *>(const_cast<OSMetaClassBase *>(object)) : nullptr;
}

/* Grows *storage (elements of elementSize bytes) to hold at least needed elements, in steps of 16
 * (a simulator choice; only getCapacity shows it). false on overflow or when memory runs out,
 * leaving the storage as it was. */
inline bool GrowStorage(void **storage, size_t elementSize, uint32_t &capacity, uint64_t needed)
{
    if (needed <= capacity) return true;
    if (needed > UINT32_MAX - 16) return false;
    uint64_t grown = (needed + 15) / 16 * 16;
    void *bigger = realloc(*storage, grown * elementSize);
    if (bigger == nullptr) return false;
    *storage = bigger;
    capacity = (uint32_t)grown;
    return true;
}

} // namespace dksim

#endif
