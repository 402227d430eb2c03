/*
 * OSCollection: what OSArray, OSSet and OSDictionary share (header OSCollection.iig) — a count, a
 * capacity, flushing, iteration with a block and a deep copy.
 *
 * Iteration: the block returns true to stop; iterateObjects returns true when the block stopped it
 * and false when every member was visited (also for an empty collection). This is the polarity of
 * OSCollections.h ("return true to terminate the iteration") and of libkern; Apple's reference
 * pages describe the opposite one (see docs/driverkit-semantics.md, section 10, inferred).
 * Iterating a dictionary through this interface visits its keys, as libkern's OSCollection
 * iterator does (inferred).
 */
#ifndef DKSIM_DRIVERKIT_OSCOLLECTION_H
#define DKSIM_DRIVERKIT_OSCOLLECTION_H

#include <DriverKit/OSContainer.h>

class OSCollection;
typedef OSCollection *OSCollectionPtr;

class OSDictionary;

typedef bool (^OSCollectionIterateObjectsBlock)(OSObject *object);

class OSCollection : public OSContainer
{
    DKSIM_CLASS_DECLARE(OSCollection, OSContainer)

public:
    virtual uint32_t getCount() const = 0;
    virtual uint32_t getCapacity() const = 0;
    /* Grows the storage to at least newCapacity members; returns the capacity it now has. */
    virtual uint32_t ensureCapacity(uint32_t newCapacity) = 0;
    /* Releases every member and empties the collection. */
    virtual void flushCollection() = 0;
    virtual bool iterateObjects(OSCollectionIterateObjectsBlock block) const;
    /* A copy whose member collections are copied too (+1). cycleDict maps each collection already
     * copied to its copy, so shared and cyclic members are copied once; NULL starts a new map. */
    virtual OSCollectionPtr copyCollection(OSDictionary *cycleDict) const;
};

#endif
