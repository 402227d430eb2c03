/* OSDictionary: keys (strings by characters, other objects by pointer), retain/release of keys and
 * values, iteration, merging, comparison and copies. */
#include "Collections.h"

using namespace collectionstest;

namespace {

using Dictionary = Collections;

TEST_F(Dictionary, ACStringKeyBecomesAnOSStringHeldByTheDictionary)
{
    OSDictionary *dict = OSDictionary::withCapacity(1);
    OSNumber *value = OSNumber::withNumber(5, 32);
    ASSERT_TRUE(dict->setObject("count", value));
    EXPECT_EQ(1, Live("OSString")) << "the key";
    EXPECT_EQ(2u, RetainCount(value));
    EXPECT_EQ(value, dict->getObject("count"));
    EXPECT_EQ(nullptr, dict->getObject("other"));
    dict->release();
    EXPECT_EQ(0, Live("OSString")) << "freeing the dictionary releases its keys";
    EXPECT_EQ(1u, RetainCount(value));
    value->release();
}

TEST_F(Dictionary, SettingAnExistingKeyReplacesAndReleasesTheOldValue)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSNumber *first = OSNumber::withNumber(1, 32), *second = OSNumber::withNumber(2, 32);
    dict->setObject("k", first);
    dict->setObject("k", second);
    EXPECT_EQ(1u, dict->getCount());
    EXPECT_EQ(1u, RetainCount(first));
    EXPECT_EQ(second, dict->getObject("k"));
    EXPECT_EQ(1, Live("OSString")) << "the key is kept, not duplicated";
    first->release();
    second->release();
    dict->release();
}

TEST_F(Dictionary, StringKeysMatchByCharactersWhicheverFormTheyArriveIn)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSString *key = OSString::withCString("name");
    dict->setObject(key, kOSBooleanTrue);
    EXPECT_EQ(kOSBooleanTrue, dict->getObject("name"));
    char built[] = {'n', 'a', 'm', 'e', '\0'};
    EXPECT_EQ(kOSBooleanTrue, dict->getObject(built));
    OSString *sameCharacters = OSString::withCString(built);
    EXPECT_EQ(kOSBooleanTrue, dict->getObject(sameCharacters));
    dict->setObject("name", kOSBooleanFalse);
    EXPECT_EQ(1u, dict->getCount());
    EXPECT_EQ(kOSBooleanFalse, dict->getObject(key));
    sameCharacters->release();
    key->release();
    dict->release();
}

TEST_F(Dictionary, OtherKeysMatchByPointer)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSNumber *key = OSNumber::withNumber(1, 8), *equalKey = OSNumber::withNumber(1, 8);
    dict->setObject(key, kOSBooleanTrue);
    EXPECT_EQ(2u, RetainCount(key)) << "keys are retained";
    EXPECT_EQ(kOSBooleanTrue, dict->getObject(key));
    EXPECT_EQ(nullptr, dict->getObject(equalKey));
    dict->removeObject(key);
    EXPECT_EQ(1u, RetainCount(key));
    key->release();
    equalKey->release();
    dict->release();
}

TEST_F(Dictionary, RemoveObjectReleasesKeyAndValue)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSData *data = OSData::withBytes("abc", 3);
    dict->setObject("a", data);
    dict->setObject("b", kOSBooleanTrue);
    data->release();
    dict->removeObject("a");
    EXPECT_EQ(0, Live("OSData"));
    EXPECT_EQ(1, Live("OSString"));
    EXPECT_EQ(1u, dict->getCount());
    dict->removeObject("missing");
    dict->removeObject((const char *)nullptr);
    EXPECT_EQ(1u, dict->getCount());
    dict->release();
}

TEST_F(Dictionary, NullKeysAndValuesAreRefused)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    EXPECT_FALSE(dict->setObject((const char *)nullptr, kOSBooleanTrue));
    EXPECT_FALSE(dict->setObject((const OSObject *)nullptr, kOSBooleanTrue));
    EXPECT_FALSE(dict->setObject("k", nullptr));
    EXPECT_EQ(0u, dict->getCount());
    EXPECT_EQ(0, Live("OSString")) << "no key is left behind by a refused value";
    dict->release();
}

TEST_F(Dictionary, IterationGivesKeysAndValuesInInsertionOrderAndStopsOnTrue)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    dict->setObject("z", kOSBooleanTrue);
    dict->setObject("a", kOSBooleanFalse);
    dict->setObject("m", kOSBooleanTrue);
    __block std::string order;
    EXPECT_FALSE(dict->iterateObjects(^bool(OSObject *key, OSObject *value) {
        order += OSDynamicCast(OSString, key)->getCStringNoCopy();
        order += value == kOSBooleanTrue ? "1" : "0";
        return false;
    }));
    EXPECT_EQ("z1a0m1", order);
    __block int visits = 0;
    EXPECT_TRUE(dict->iterateObjects(^bool(OSObject *, OSObject *value) {
        visits++;
        return value == kOSBooleanFalse;
    }));
    EXPECT_EQ(2, visits);
    dict->release();
}

TEST_F(Dictionary, IteratingAsACollectionVisitsTheKeys)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    dict->setObject("first", kOSBooleanTrue);
    dict->setObject("second", kOSBooleanTrue);
    OSCollection *collection = dict;
    __block std::string keys;
    collection->iterateObjects(^bool(OSObject *object) {
        keys += OSDynamicCast(OSString, object)->getCStringNoCopy();
        keys += ",";
        return false;
    });
    EXPECT_EQ("first,second,", keys);
    dict->release();
}

TEST_F(Dictionary, MergeReplacesExistingKeysAndAddsTheOthers)
{
    OSDictionary *dict = OSDictionary::withCapacity(0), *other = OSDictionary::withCapacity(0);
    dict->setObject("keep", kOSBooleanTrue);
    dict->setObject("replace", kOSBooleanTrue);
    other->setObject("replace", kOSBooleanFalse);
    other->setObject("add", kOSBooleanFalse);
    ASSERT_TRUE(dict->merge(other));
    EXPECT_EQ(3u, dict->getCount());
    EXPECT_EQ(kOSBooleanFalse, dict->getObject("replace"));
    EXPECT_EQ(kOSBooleanTrue, dict->getObject("keep"));
    EXPECT_FALSE(dict->merge(nullptr));
    EXPECT_EQ(3, Live("OSString")) << "merged keys are shared, not copied";
    other->release();
    dict->release();
}

TEST_F(Dictionary, WithObjectsAndWithDictionary)
{
    OSString *k1 = OSString::withCString("one"), *k2 = OSString::withCString("two");
    OSNumber *v1 = OSNumber::withNumber(1, 32);
    const OSObject *keys[] = {k1, k2};
    const OSObject *values[] = {v1, kOSBooleanTrue};
    OSDictionary *dict = OSDictionary::withObjects(values, keys, 2, 0);
    ASSERT_NE(nullptr, dict);
    EXPECT_EQ(v1, dict->getObject("one"));
    OSDictionary *copy = OSDictionary::withDictionary(dict, 8);
    ASSERT_NE(nullptr, copy);
    EXPECT_TRUE(copy->isEqualTo(dict));
    EXPECT_GE(copy->getCapacity(), 8u);
    const OSObject *nullKeys[] = {k1, nullptr};
    EXPECT_EQ(nullptr, OSDictionary::withObjects(values, nullKeys, 2, 2));
    EXPECT_EQ(nullptr, OSDictionary::withDictionary(nullptr, 0));
    copy->release();
    dict->release();
    v1->release();
    k1->release();
    k2->release();
}

TEST_F(Dictionary, IsEqualToComparesValuesKeyByKey)
{
    OSDictionary *a = OSDictionary::withCapacity(0), *b = OSDictionary::withCapacity(0);
    OSNumber *n8 = OSNumber::withNumber(3, 8), *n64 = OSNumber::withNumber(3, 64);
    a->setObject("n", n8);
    a->setObject("flag", kOSBooleanTrue);
    b->setObject("flag", kOSBooleanTrue);
    b->setObject("n", n64);
    EXPECT_TRUE(a->isEqualTo(b)) << "order does not matter; numbers compare by value";
    EXPECT_TRUE(a->isEqualTo((const OSMetaClassBase *)b));
    b->setObject("extra", kOSBooleanFalse);
    EXPECT_FALSE(a->isEqualTo(b));
    OSArray *keys = OSArray::withCapacity(0);
    OSString *n = OSString::withCString("n"), *absent = OSString::withCString("absent");
    keys->setObject(n);
    keys->setObject(absent);
    EXPECT_TRUE(a->isEqualTo(b, keys)) << "only the listed keys; one absent from both passes";
    OSDictionary *keyDict = OSDictionary::withCapacity(0);
    keyDict->setObject("extra", kOSBooleanTrue);
    EXPECT_FALSE(a->isEqualTo(b, keyDict)) << "a dictionary lists its keys; absent from one fails";
    keyDict->release();
    keys->release();
    n->release();
    absent->release();
    n8->release();
    n64->release();
    a->release();
    b->release();
}

TEST_F(Dictionary, FlushCollectionEmptiesIt)
{
    OSDictionary *dict = OSDictionary::withCapacity(4);
    dict->setObject("a", kOSBooleanTrue);
    dict->flushCollection();
    EXPECT_EQ(0u, dict->getCount());
    EXPECT_EQ(0, Live("OSString"));
    EXPECT_GE(dict->ensureCapacity(8), 8u);
    dict->release();
}

TEST_F(Dictionary, CopyCollectionCopiesNestedCollectionsAndKeepsCycles)
{
    OSDictionary *dict = OSDictionary::withCapacity(0);
    OSArray *list = OSArray::withCapacity(0);
    list->setObject(kOSBooleanTrue);
    dict->setObject("list", list);
    dict->setObject("self", dict); /* a cycle: dict holds itself */
    OSDictionary *copy = OSDynamicCast(OSDictionary, dict->copyCollection(nullptr));
    ASSERT_NE(nullptr, copy);
    EXPECT_NE(list, copy->getObject("list"));
    EXPECT_TRUE(list->isEqualTo(copy->getObject("list")));
    EXPECT_EQ(copy, copy->getObject("self")) << "the copy refers to itself as the original does";
    /* Break both cycles so that everything can be freed. */
    copy->removeObject("self");
    dict->removeObject("self");
    copy->release();
    dict->release();
    list->release();
}

} // namespace
