/*
 * OSDictionary: objects stored under keys (header OSDictionary.iig). A key is an OSString compared
 * by its characters (the const char * methods make one), or any other object compared by pointer.
 * It retains keys and values, releases a replaced value, and releases both when an entry is
 * removed, flushed or the dictionary freed. Entries keep their insertion order.
 */
#ifndef DKSIM_DRIVERKIT_OSDICTIONARY_H
#define DKSIM_DRIVERKIT_OSDICTIONARY_H

#include <DriverKit/OSCollection.h>

class OSDictionary;
typedef OSDictionary *OSDictionaryPtr;

class OSString;

/* Return true to stop the iteration (see OSCollection.h). */
typedef bool (^OSDictionaryIterateObjectsBlock)(OSObject *key, OSObject *value);
typedef bool (*OSDictionaryIterateObjectsCallback)(void *refcon, OSObject *key, OSObject *value);

namespace dksim {
struct DictionaryEntry {
    OSObject *key;
    OSObject *value;
};
} // namespace dksim

class OSDictionary : public OSCollection
{
    DKSIM_CLASS_DECLARE(OSDictionary, OSCollection)

public:
    static OSDictionaryPtr withCapacity(uint32_t capacity);
    /* NULL if any key or value is NULL. */
    static OSDictionaryPtr withObjects(const OSObject **values, const OSObject **keys, uint32_t count,
                                       uint32_t capacity);
    static OSDictionaryPtr withDictionary(const OSDictionary *dictionary, uint32_t capacity);

    /* Adds or replaces (releasing the old value); false, retaining nothing, for a NULL key or
     * object (inferred from libkern: the header does not say). */
    bool setObject(const OSObject *aKey, const OSMetaClassBase *anObject);
    bool setObject(const char *aKey, const OSMetaClassBase *anObject);
    void removeObject(const OSObject *aKey);
    void removeObject(const char *aKey);
    /* Sets every entry of otherDictionary, replacing existing keys. */
    bool merge(const OSDictionary *otherDictionary);
    /* Not retained for the caller; NULL when absent. */
    OSObject *getObject(const OSObject *aKey) const;
    OSObject *getObject(const char *aKey) const;
    /* The values under each key of keys (its members; a dictionary's keys) compare equal, or the
     * key is absent from both. */
    bool isEqualTo(const OSDictionary *aDictionary, const OSCollection *keys) const;
    /* Same count, and every key of aDictionary holds an equal value here. */
    bool isEqualTo(const OSDictionary *aDictionary) const;
    bool iterateObjects(OSDictionaryIterateObjectsBlock block) const;

    void free() override;
    uint32_t getCount() const override { return count_; }
    uint32_t getCapacity() const override { return capacity_; }
    uint32_t ensureCapacity(uint32_t newCapacity) override;
    void flushCollection() override;
    /* Visits the keys. */
    bool iterateObjects(OSCollectionIterateObjectsBlock block) const override;
    bool isEqualTo(const OSMetaClassBase *anObject) const override;
    OSCollectionPtr copyCollection(OSDictionary *cycleDict) const override;

private:
    /* The index of the entry for aKey (or for the string cKey when aKey is NULL), or -1. */
    int64_t find(const OSObject *aKey, const char *cKey) const;
    bool store(const OSObject *key, bool retainKey, const OSMetaClassBase *anObject);
    void removeAt(uint32_t index);

    dksim::DictionaryEntry *entries_ = nullptr;
    uint32_t count_ = 0;
    uint32_t capacity_ = 0;
};

#endif
