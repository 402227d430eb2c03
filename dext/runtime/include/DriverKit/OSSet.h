/*
 * OSSet: an OSArray that holds each object at most once (header OSSet.iig, which derives it from
 * OSArray). Membership is pointer identity; since strings are uniqued, two equal OSStrings that
 * are alive at the same time are one object. Iteration follows insertion order.
 */
#ifndef DKSIM_DRIVERKIT_OSSET_H
#define DKSIM_DRIVERKIT_OSSET_H

#include <DriverKit/OSArray.h>

class OSSet;
typedef OSSet *OSSetPtr;

class OSSet : public OSArray
{
    DKSIM_CLASS_DECLARE(OSSet, OSArray)

public:
    bool init() override;

    static OSSetPtr withCapacity(uint32_t capacity);
    /* Duplicates among values are kept once. */
    static OSSetPtr withObjects(const OSObject **values, uint32_t count, uint32_t capacity);
    static OSSetPtr withArray(const OSArray *array, uint32_t capacity);

    /* false, retaining nothing, for NULL or an object already in the set. */
    bool setObject(const OSMetaClassBase *anObject);
    /* Adds the members not yet present; true when every one of those was added. */
    bool merge(const OSArray *otherArray);
    void removeObject(const OSMetaClassBase *anObject);
    bool containsObject(const OSMetaClassBase *anObject) const;
    bool member(const OSMetaClassBase *anObject) const { return containsObject(anObject); }
    /* Not retained for the caller; NULL when empty. */
    OSObject *getAnyObject() const;
};

#endif
