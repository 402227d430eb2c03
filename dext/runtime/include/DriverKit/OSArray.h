/*
 * OSArray: an ordered collection of objects (header OSArray.iig). It retains what it holds and
 * releases a member when it is removed, replaced, flushed or when the array is freed. Members are
 * found by pointer (getNextIndexOfObject); isEqualTo compares them with isEqualTo.
 */
#ifndef DKSIM_DRIVERKIT_OSARRAY_H
#define DKSIM_DRIVERKIT_OSARRAY_H

#include <DriverKit/OSCollection.h>

class OSArray;
typedef OSArray *OSArrayPtr;

class OSArray : public OSCollection
{
    DKSIM_CLASS_DECLARE(OSArray, OSCollection)

public:
    static OSArrayPtr withCapacity(uint32_t capacity);
    /* NULL if any of the count values is NULL. */
    static OSArrayPtr withObjects(const OSObject **values, uint32_t count, uint32_t capacity);
    static OSArrayPtr withArray(const OSArray *array, uint32_t capacity);

    /* Appends; false (nothing retained) for NULL. */
    bool setObject(const OSMetaClassBase *anObject);
    /* Inserts at index (<= getCount()), moving later members up. */
    bool setObject(uint32_t index, const OSMetaClassBase *anObject);
    bool merge(const OSArray *otherArray);
    /* index < getCount() and a non-NULL object: the old member is released. The header generated
     * by older SDKs declares it void; callers that ignore the result compile either way. */
    bool replaceObject(uint32_t index, const OSMetaClassBase *anObject);
    /* Releases the member and moves the later ones down; an index past the end does nothing. */
    void removeObject(uint32_t index);
    bool isEqualTo(const OSArray *anArray) const;
    /* Not retained for the caller; NULL past the end. */
    OSObject *getObject(uint32_t index) const;
    OSObject *getLastObject() const;
    /* The first index >= index holding anObject (pointer equality), or -1U. */
    uint32_t getNextIndexOfObject(const OSMetaClassBase *anObject, uint32_t index) const;

    void free() override;
    uint32_t getCount() const override { return count_; }
    uint32_t getCapacity() const override { return capacity_; }
    uint32_t ensureCapacity(uint32_t newCapacity) override;
    void flushCollection() override;
    bool iterateObjects(OSCollectionIterateObjectsBlock block) const override;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;
    OSCollectionPtr copyCollection(OSDictionary *cycleDict) const override;

private:
    OSObject **items_ = nullptr;
    uint32_t count_ = 0;
    uint32_t capacity_ = 0;
};

#endif
