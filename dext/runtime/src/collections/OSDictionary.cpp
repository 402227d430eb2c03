/*
 * OSDictionary (header OSDictionary.iig and Apple's DriverKit reference for OSDictionary): an
 * insertion-ordered list of key/value entries, looked up linearly. Keys that are OSStrings match
 * by characters (strings are uniqued, so equal characters mean the same object while both are
 * alive); other keys match by pointer.
 */
#include <DriverKit/OSCollections.h>

#include <string.h>

#include "collections/CollectionSupport.h"
#include "collections/DeepCopy.h"
#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSDictionary, OSCollection)

OSDictionaryPtr OSDictionary::withCapacity(uint32_t capacity) { return dksim::NewWithCapacity<OSDictionary>(capacity); }

OSDictionaryPtr OSDictionary::withObjects(const OSObject **values, const OSObject **keys, uint32_t count,
                                          uint32_t capacity)
{
    if ((values == nullptr || keys == nullptr) && count > 0) return nullptr;
    return dksim::NewFilled<OSDictionary>(count, capacity, [values, keys](OSDictionary *dictionary, uint32_t k) {
        return dictionary->setObject(keys[k], values[k]);
    });
}

OSDictionaryPtr OSDictionary::withDictionary(const OSDictionary *dictionary, uint32_t capacity)
{
    return dksim::NewMerged<OSDictionary>(dictionary, capacity);
}

int64_t OSDictionary::find(const OSObject *aKey, const char *cKey) const
{
    const OSString *stringKey = aKey ? OSDynamicCast(const OSString, aKey) : nullptr;
    if (stringKey) cKey = stringKey->getCStringNoCopy();
    for (uint32_t k = 0; k < count_; k++) {
        const OSObject *key = entries_[k].key;
        if (key == aKey) return k;
        if (cKey == nullptr) continue;
        const OSString *entryString = OSDynamicCast(const OSString, key);
        if (entryString && (stringKey ? entryString->isEqualTo(stringKey) : entryString->isEqualTo(cKey))) return k;
    }
    return -1;
}

/* Stores anObject under key (a match already found or not). retainKey: the caller's key is +0. */
bool OSDictionary::store(const OSObject *key, bool retainKey, const OSMetaClassBase *anObject)
{
    OSObject *value = dksim::MemberObject(anObject);
    OSObject *ownKey = const_cast<OSObject *>(key);
    if (value == nullptr) {
        if (!retainKey) ownKey->release();
        return false;
    }
    int64_t index = find(key, nullptr);
    if (index >= 0) {
        value->retain();
        OSObject *old = entries_[index].value;
        entries_[index].value = value;
        old->release();
        if (!retainKey) ownKey->release();
        return true;
    }
    if (!dksim::GrowStorage((void **)&entries_, sizeof(*entries_), capacity_, (uint64_t)count_ + 1)) {
        if (!retainKey) ownKey->release();
        return false;
    }
    if (retainKey) ownKey->retain();
    value->retain();
    entries_[count_++] = {ownKey, value};
    return true;
}

bool OSDictionary::setObject(const OSObject *aKey, const OSMetaClassBase *anObject)
{
    return aKey != nullptr && store(aKey, true, anObject);
}

/* The header: "An OSString is created from aKey and used as the key". */
bool OSDictionary::setObject(const char *aKey, const OSMetaClassBase *anObject)
{
    if (aKey == nullptr || anObject == nullptr) return false;
    OSString *key = OSString::withCString(aKey);
    return key != nullptr && store(key, false, anObject);
}

void OSDictionary::removeAt(uint32_t index)
{
    dksim::DictionaryEntry removed = entries_[index];
    memmove(&entries_[index], &entries_[index + 1], (count_ - index - 1) * sizeof(*entries_));
    count_--;
    removed.value->release();
    removed.key->release();
}

void OSDictionary::removeObject(const OSObject *aKey)
{
    int64_t index = aKey ? find(aKey, nullptr) : -1;
    if (index >= 0) removeAt((uint32_t)index);
}

void OSDictionary::removeObject(const char *aKey)
{
    int64_t index = aKey ? find(nullptr, aKey) : -1;
    if (index >= 0) removeAt((uint32_t)index);
}

/* Sets the entries present when the call starts. */
bool OSDictionary::merge(const OSDictionary *otherDictionary)
{
    if (otherDictionary == nullptr) return false;
    if (otherDictionary == this) return true;
    bool merged = true;
    for (uint32_t k = 0; k < otherDictionary->count_; k++)
        merged = setObject(otherDictionary->entries_[k].key, otherDictionary->entries_[k].value) && merged;
    return merged;
}

OSObject *OSDictionary::getObject(const OSObject *aKey) const
{
    int64_t index = aKey ? find(aKey, nullptr) : -1;
    return index >= 0 ? entries_[index].value : nullptr;
}

OSObject *OSDictionary::getObject(const char *aKey) const
{
    int64_t index = aKey ? find(nullptr, aKey) : -1;
    return index >= 0 ? entries_[index].value : nullptr;
}

/* (inferred, libkern's OSDictionary::isEqualTo(aDictionary, keys)) A key absent from both passes;
 * absent from one fails. */
bool OSDictionary::isEqualTo(const OSDictionary *aDictionary, const OSCollection *keys) const
{
    if (aDictionary == nullptr || keys == nullptr) return false;
    bool stopped = keys->iterateObjects(^bool(OSObject *key) {
        OSObject *mine = getObject(key);
        OSObject *theirs = aDictionary->getObject(key);
        if (mine == nullptr || theirs == nullptr) return mine != theirs;
        return !mine->isEqualTo(theirs);
    });
    return !stopped;
}

bool OSDictionary::isEqualTo(const OSDictionary *aDictionary) const
{
    if (aDictionary == this) return true;
    if (aDictionary == nullptr || aDictionary->count_ != count_) return false;
    for (uint32_t k = 0; k < count_; k++) {
        OSObject *theirs = aDictionary->getObject(entries_[k].key);
        if (theirs == nullptr || !entries_[k].value->isEqualTo(theirs)) return false;
    }
    return true;
}

bool OSDictionary::isEqualTo(const OSMetaClassBase *anObject) const
{
    return isEqualTo(OSDynamicCast(const OSDictionary, anObject));
}

bool OSDictionary::iterateObjects(OSDictionaryIterateObjectsBlock block) const
{
    if (block == nullptr) return false;
    for (uint32_t k = 0; k < count_; k++)
        if (block(entries_[k].key, entries_[k].value)) return true;
    return false;
}

bool OSDictionary::iterateObjects(OSCollectionIterateObjectsBlock block) const
{
    if (block == nullptr) return false;
    for (uint32_t k = 0; k < count_; k++)
        if (block(entries_[k].key)) return true;
    return false;
}

uint32_t OSDictionary::ensureCapacity(uint32_t newCapacity)
{
    dksim::GrowStorage((void **)&entries_, sizeof(*entries_), capacity_, newCapacity);
    return capacity_;
}

/* Emptied first, released after (see OSArray::flushCollection). */
void OSDictionary::flushCollection()
{
    dksim::DictionaryEntry *entries = entries_;
    uint32_t count = count_;
    entries_ = nullptr;
    count_ = capacity_ = 0;
    for (uint32_t k = 0; k < count; k++) {
        entries[k].value->release();
        entries[k].key->release();
    }
    ::free(entries);
}

/* Keys are shared with the original; values that are collections are copied (see OSArray). */
OSCollectionPtr OSDictionary::copyCollection(OSDictionary *cycleDict) const
{
    return dksim::DeepCopy<OSDictionary>(
        this, cycleDict, count_, [this]() -> OSDictionary * { return OSDictionary::withCapacity(count_); },
        [this](uint32_t k) { return entries_[k].value; },
        [this](OSDictionary *copy, uint32_t k, OSObject *value) { return copy->setObject(entries_[k].key, value); });
}

void OSDictionary::free()
{
    flushCollection();
    OSObject::free();
}
