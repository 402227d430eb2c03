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

/* withObjects of every collection: a new T with room for max(capacity, count), filled by
 * add(collection, k) for each k < count; NULL (nothing left behind) when an add fails. */
template <class T, class Add>
T *NewFilled(uint32_t count, uint32_t capacity, Add add)
{
    T *collection = NewWithCapacity<T>(capacity > count ? capacity : count);
    if (collection == nullptr) return nullptr;
    for (uint32_t k = 0; k < count; k++) {
        if (!add(collection, k)) {
            collection->release();
            return nullptr;
        }
    }
    return collection;
}

/* withArray, withDictionary, and OSSet's withArray: a new T holding source's members (merged as T
 * merges them), with room for max(capacity, source's count); NULL for a NULL source or when the
 * merge fails. */
template <class T, class Source>
T *NewMerged(const Source *source, uint32_t capacity)
{
    if (source == nullptr) return nullptr;
    uint32_t count = source->getCount();
    T *copy = NewWithCapacity<T>(capacity > count ? capacity : count);
    if (copy != nullptr && !copy->merge(source)) {
        copy->release();
        return nullptr;
    }
    return copy;
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
