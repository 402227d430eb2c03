/*
 * OSCollections.h: the container classes and the C-style functions DriverKit declares over them
 * (OSDictionaryCreate, OSArraySetValue, OSStringCreate, ...), with the names and signatures of
 * Apple's DriverKit header of the same name. Where its behaviour is not stated there, the
 * implementations say what they follow (src/collections/).
 */
#ifndef DKSIM_DRIVERKIT_OSCOLLECTIONS_H
#define DKSIM_DRIVERKIT_OSCOLLECTIONS_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/cdefs.h>

#include <DriverKit/OSContainer.h>
#include <DriverKit/OSCollection.h>
#include <DriverKit/OSSerialization.h>
#include <DriverKit/OSDictionary.h>
#include <DriverKit/OSArray.h>
#include <DriverKit/OSSet.h>
#include <DriverKit/OSString.h>
#include <DriverKit/OSData.h>
#include <DriverKit/OSNumber.h>
#include <DriverKit/OSBoolean.h>

/* Ownership annotations for the static analyzer; empty where clang lacks the attribute. */
#if __has_attribute(os_returns_retained)
#define DRIVERKIT_RETURNS_RETAINED __attribute__((os_returns_retained))
#else
#define DRIVERKIT_RETURNS_RETAINED
#endif
#if __has_attribute(os_returns_not_retained)
#define DRIVERKIT_RETURNS_NOT_RETAINED __attribute__((os_returns_not_retained))
#else
#define DRIVERKIT_RETURNS_NOT_RETAINED
#endif
#if __has_attribute(os_consumed)
#define DRIVERKIT_CONSUMED __attribute__((os_consumed))
#else
#define DRIVERKIT_CONSUMED
#endif
#if __has_attribute(os_consumes_this)
#define DRIVERKIT_CONSUMES_THIS __attribute__((os_consumes_this))
#else
#define DRIVERKIT_CONSUMES_THIS
#endif
#if __has_attribute(os_returns_retained_on_zero)
#define DRIVERKIT_RETURNS_RETAINED_ON_ZERO __attribute__((os_returns_retained_on_zero))
#else
#define DRIVERKIT_RETURNS_RETAINED_ON_ZERO
#endif
#if __has_attribute(os_returns_retained_on_non_zero)
#define DRIVERKIT_RETURNS_RETAINED_ON_NONZERO __attribute__((os_returns_retained_on_non_zero))
#else
#define DRIVERKIT_RETURNS_RETAINED_ON_NONZERO
#endif

__BEGIN_DECLS

typedef uint64_t OSCollectionType;

enum {
    kOSCollectionTypeDictionary = 1,
    kOSCollectionTypeArray = 2,
    kOSCollectionTypeSet = 3,
    kOSCollectionTypeNumber = 4,
    kOSCollectionTypeSymbol = 8,
    kOSCollectionTypeString = 9,
    kOSCollectionTypeData = 10,
    kOSCollectionTypeBoolean = 11,
    kOSCollectionTypeSerialization = 13,
};

const char *OSCollectionTypeName(OSCollectionType t);
/* 0 for NULL and for objects that are none of the above. */
OSCollectionType OSCollectionTypeID(OSObjectPtr obj);

void OSObjectRetain(OSObjectPtr container);
void OSObjectRelease(OSObjectPtr container);

#define OSObjectSafeReleaseNULL(ptr) \
    do {                             \
        if ((ptr)) {                 \
            OSObjectRelease(ptr);    \
            (ptr) = NULL;            \
        }                            \
    } while (0)

/* Nothing to do here: the boolean singletons exist from load time. */
void OSCollectionsInitialize(void);

/* ---- strings ---- */
const char *OSStringGetStringPtr(OSStringPtr obj);
size_t OSStringGetLength(OSStringPtr string);
/* length SIZE_MAX: up to the terminator; otherwise at most length characters. */
OSStringPtr OSStringCreate(const char *cstring, size_t length);

/* ---- data ---- */
size_t OSDataGetLength(OSDataPtr obj);
/* NULL unless offset < length and length bytes from offset lie inside the data. */
const void *OSDataGetBytesPtr(OSDataPtr obj, size_t offset, size_t length);
/* Copies up to length bytes from offset; returns how many were copied. */
size_t OSDataGetBytes(OSDataPtr obj, void *buffer, size_t offset, size_t length);
OSDataPtr OSDataCreate(const void *bytes, size_t length);
bool OSDataAppendBytes(OSDataPtr data, const void *bytes, size_t length);

/* ---- numbers ---- */
uint64_t OSNumberGetUInt64Value(OSNumberPtr obj);
OSNumberPtr OSNumberCreateWithUInt64Value(uint64_t value);

/* ---- dictionaries (string keys) ---- */
/* Return true to terminate the iteration. */
typedef bool (^OSDictionaryApplier)(const char *key, OSObjectPtr value);

OSDictionaryPtr OSDictionaryCreate(void);
uint32_t OSDictionaryGetCount(OSDictionaryPtr obj);
/* true when the applier stopped the iteration. */
bool OSDictionaryApply(OSDictionaryPtr obj, OSDictionaryApplier applier);
/* A NULL value removes the key. */
bool OSDictionarySetValue(OSDictionaryPtr obj, const char *key, OSObjectPtr value);
OSObjectPtr OSDictionaryGetValue(OSDictionaryPtr obj, const char *key);
/* NULL / 0 when the key is absent or holds another class. */
const char *OSDictionaryGetStringValue(OSDictionaryPtr obj, const char *key);
uint64_t OSDictionaryGetUInt64Value(OSDictionaryPtr obj, const char *key);
void OSDictionarySetStringValue(OSDictionaryPtr obj, const char *key, const char *value);
void OSDictionarySetUInt64Value(OSDictionaryPtr obj, const char *key, uint64_t value);

/* ---- arrays ---- */
/* Return true to terminate the iteration. */
typedef bool (^OSArrayApplier)(OSObjectPtr value);

enum { kOSArrayAppend = ((size_t)(-1)) };

OSArrayPtr OSArrayCreate(void);
uint32_t OSArrayGetCount(OSArrayPtr obj);
bool OSArrayApply(OSArrayPtr obj, OSArrayApplier applier);
/* Inserts at index (kOSArrayAppend: at the end); a NULL value removes the member at index. */
bool OSArraySetValue(OSArrayPtr obj, size_t index, OSObjectPtr value);
bool OSArrayReplaceValue(OSArrayPtr obj, size_t index, OSObjectPtr value);
bool OSArrayAppendValue(OSArrayPtr obj, OSObjectPtr value);
OSObjectPtr OSArrayGetValue(OSArrayPtr obj, size_t index);
const char *OSArrayGetStringValue(OSArrayPtr obj, size_t index);
/* Inserts a new OSString at index, like OSArraySetValue. */
void OSArraySetStringValue(OSArrayPtr obj, size_t index, const char *value);
uint64_t OSArrayGetUInt64Value(OSArrayPtr obj, size_t index);
void OSArraySetUInt64Value(OSArrayPtr obj, size_t index, uint64_t value);

/* ---- serialization ---- */
OSObjectPtr OSCreateObjectFromSerialization(OSSerializationPtr serial);
OSSerializationPtr OSCreateSerializationFromObject(OSObjectPtr obj);
OSSerializationPtr OSCreateSerializationFromBytes(const void *bytes, size_t length,
                                                  OSSerializationFreeBufferHandler freeBuffer);
const void *OSSerializationGetBytes(OSSerializationPtr serial, size_t *length);

/* Writes a description of obj (and its members) with IOLog. */
void OSObjectLog(OSObjectPtr obj);

__END_DECLS

#endif
