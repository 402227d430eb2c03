/* OSSet (header OSSet.iig): an OSArray whose setObject refuses an object it already holds. */
#include <DriverKit/OSCollections.h>

#include "collections/CollectionSupport.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSSet, OSArray)

bool OSSet::init() { return OSArray::init(); }

OSSetPtr OSSet::withCapacity(uint32_t capacity) { return dksim::NewWithCapacity<OSSet>(capacity); }

OSSetPtr OSSet::withObjects(const OSObject **values, uint32_t count, uint32_t capacity)
{
    if (values == nullptr && count > 0) return nullptr;
    // A value already in the set is not an error (setObject refuses it), a NULL one is.
    return dksim::NewFilled<OSSet>(count, capacity, [values](OSSet *set, uint32_t k) {
        return values[k] != nullptr && (set->containsObject(values[k]) || set->setObject(values[k]));
    });
}

OSSetPtr OSSet::withArray(const OSArray *array, uint32_t capacity) { return dksim::NewMerged<OSSet>(array, capacity); }

bool OSSet::setObject(const OSMetaClassBase *anObject)
{
    if (anObject == nullptr || containsObject(anObject)) return false;
    return OSArray::setObject(anObject);
}

/* The reference: objects already present count as merged ("correctly returns true when the
 * semantic of merging is met"). */
bool OSSet::merge(const OSArray *otherArray)
{
    if (otherArray == nullptr) return false;
    bool merged = true;
    uint32_t count = otherArray->getCount();
    for (uint32_t k = 0; k < count; k++) {
        OSObject *object = otherArray->getObject(k);
        if (!containsObject(object)) merged = setObject(object) && merged;
    }
    return merged;
}

void OSSet::removeObject(const OSMetaClassBase *anObject)
{
    uint32_t index = getNextIndexOfObject(anObject, 0);
    if (index != -1U) OSArray::removeObject(index);
}

bool OSSet::containsObject(const OSMetaClassBase *anObject) const
{
    return anObject != nullptr && getNextIndexOfObject(anObject, 0) != -1U;
}

OSObject *OSSet::getAnyObject() const { return getObject(0); }
