/*
 * OSArray (header OSArray.iig and Apple's DriverKit reference for OSArray). Members are retained
 * when stored and released when they leave. The block of iterateObjects may not change the array
 * (the reference says so); the loop rereads the count so that one that does cannot read freed
 * storage.
 */
#include <DriverKit/OSCollections.h>

#include <string.h>

#include "collections/CollectionSupport.h"
#include "collections/DeepCopy.h"
#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSArray, OSCollection)

OSArrayPtr OSArray::withCapacity(uint32_t capacity) { return dksim::NewWithCapacity<OSArray>(capacity); }

OSArrayPtr OSArray::withObjects(const OSObject **values, uint32_t count, uint32_t capacity)
{
    if (values == nullptr && count > 0) return nullptr;
    return dksim::NewFilled<OSArray>(count, capacity,
                                     [values](OSArray *array, uint32_t k) { return array->setObject(values[k]); });
}

OSArrayPtr OSArray::withArray(const OSArray *array, uint32_t capacity)
{
    return dksim::NewMerged<OSArray>(array, capacity);
}

bool OSArray::setObject(const OSMetaClassBase *anObject) { return setObject(count_, anObject); }

bool OSArray::setObject(uint32_t index, const OSMetaClassBase *anObject)
{
    OSObject *object = dksim::MemberObject(anObject);
    if (object == nullptr || index > count_) return false;
    if (!dksim::GrowStorage((void **)&items_, sizeof(*items_), capacity_, (uint64_t)count_ + 1)) return false;
    object->retain();
    memmove(&items_[index + 1], &items_[index], (count_ - index) * sizeof(*items_));
    items_[index] = object;
    count_++;
    return true;
}

/* Appends the members present when the call starts, so merging an array into itself doubles it. */
bool OSArray::merge(const OSArray *otherArray)
{
    if (otherArray == nullptr) return false;
    uint32_t count = otherArray->count_;
    if (!dksim::GrowStorage((void **)&items_, sizeof(*items_), capacity_, (uint64_t)count_ + count)) return false;
    for (uint32_t k = 0; k < count; k++) setObject(otherArray->items_[k]);
    return true;
}

bool OSArray::replaceObject(uint32_t index, const OSMetaClassBase *anObject)
{
    OSObject *object = dksim::MemberObject(anObject);
    if (object == nullptr || index >= count_) return false;
    object->retain();
    OSObject *old = items_[index];
    items_[index] = object;
    old->release();
    return true;
}

void OSArray::removeObject(uint32_t index)
{
    if (index >= count_) return;
    OSObject *old = items_[index];
    memmove(&items_[index], &items_[index + 1], (count_ - index - 1) * sizeof(*items_));
    count_--;
    old->release();
}

bool OSArray::isEqualTo(const OSArray *anArray) const
{
    if (anArray == this) return true;
    if (anArray == nullptr || anArray->count_ != count_) return false;
    for (uint32_t k = 0; k < count_; k++)
        if (!items_[k]->isEqualTo(anArray->items_[k])) return false;
    return true;
}

bool OSArray::isEqualTo(const OSMetaClassBase *anObject) const
{
    return isEqualTo(OSDynamicCast(const OSArray, anObject));
}

OSObject *OSArray::getObject(uint32_t index) const { return index < count_ ? items_[index] : nullptr; }

OSObject *OSArray::getLastObject() const { return count_ ? items_[count_ - 1] : nullptr; }

uint32_t OSArray::getNextIndexOfObject(const OSMetaClassBase *anObject, uint32_t index) const
{
    for (uint32_t k = index; k < count_; k++)
        if (items_[k] == anObject) return k;
    return -1U;
}

uint32_t OSArray::ensureCapacity(uint32_t newCapacity)
{
    dksim::GrowStorage((void **)&items_, sizeof(*items_), capacity_, newCapacity);
    return capacity_;
}

/* Members are released after the array is emptied, so one whose free() looks at this array sees
 * it consistent. */
void OSArray::flushCollection()
{
    OSObject **items = items_;
    uint32_t count = count_;
    items_ = nullptr;
    count_ = capacity_ = 0;
    for (uint32_t k = 0; k < count; k++) items[k]->release();
    ::free(items);
}

bool OSArray::iterateObjects(OSCollectionIterateObjectsBlock block) const
{
    if (block == nullptr) return false;
    for (uint32_t k = 0; k < count_; k++)
        if (block(items_[k])) return true;
    return false;
}

/* The copy has this array's class (an OSSet copies to an OSSet); collections among the members are
 * copied through cycleDict, which maps each original collection to its copy. */
OSCollectionPtr OSArray::copyCollection(OSDictionary *cycleDict) const
{
    return dksim::DeepCopy<OSArray>(
        this, cycleDict, count_,
        [this]() -> OSArray * {
            return OSDynamicCast(OSSet, this) ? OSSet::withCapacity(count_) : OSArray::withCapacity(count_);
        },
        [this](uint32_t k) { return items_[k]; },
        [](OSArray *copy, uint32_t, OSObject *value) { return copy->OSArray::setObject(value); });
}

void OSArray::free()
{
    flushCollection();
    OSObject::free();
}
