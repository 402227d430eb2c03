/* copyCollection of OSArray (and OSSet) and OSDictionary: the walk both make over their members. */
#ifndef DKSIM_DEEP_COPY_H
#define DKSIM_DEEP_COPY_H

#include <stdint.h>

#include <DriverKit/OSCollections.h>

namespace dksim {

/* The copy of original that make() returns, filled by store(copy, k, value) with each of its count
 * members (member(k) is the k-th); a member that is itself a collection is copied first, through cycles, which
 * maps every original collection to its copy so that shared and cyclic members stay shared in the
 * copy (Apple's reference for copyCollection). cycleDict is the caller's map, or NULL for a new
 * one. NULL when anything cannot be copied or stored. */
template <class T, class Make, class Member, class Store>
T *DeepCopy(const OSCollection *original, OSDictionary *cycleDict, uint32_t count, Make make, Member member,
            Store store)
{
    OSDictionary *cycles = cycleDict;
    if (cycles == nullptr && (cycles = OSDictionary::withCapacity(4)) == nullptr) return nullptr;
    T *copy = nullptr;
    if (OSObject *done = cycles->getObject(original)) {
        done->retain();
        copy = OSDynamicCast(T, done);
    } else if ((copy = make()) != nullptr && cycles->setObject(original, copy)) {
        for (uint32_t k = 0; k < count && copy; k++) {
            OSObject *value = member(k);
            OSCollection *collection = OSDynamicCast(OSCollection, value);
            OSCollection *collectionCopy = collection ? collection->copyCollection(cycles) : nullptr;
            bool copied = collection == nullptr || collectionCopy != nullptr;
            if (!copied || !store(copy, k, collectionCopy ? (OSObject *)collectionCopy : value))
                OSSafeReleaseNULL(copy);
            OSSafeReleaseNULL(collectionCopy);
        }
    } else {
        OSSafeReleaseNULL(copy);
    }
    if (cycleDict == nullptr) cycles->release();
    return copy;
}

} // namespace dksim

#endif
