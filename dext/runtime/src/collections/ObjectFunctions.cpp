/* The object-level functions of OSCollections.h: type identification, retain/release and logging. */
#include <DriverKit/IOLib.h>
#include <DriverKit/OSCollections.h>

#include <inttypes.h>

/* (inferred) The header gives the type constants but not the names; these are the class names. */
const char *OSCollectionTypeName(OSCollectionType t)
{
    switch (t) {
    case kOSCollectionTypeDictionary: return "OSDictionary";
    case kOSCollectionTypeArray: return "OSArray";
    case kOSCollectionTypeSet: return "OSSet";
    case kOSCollectionTypeNumber: return "OSNumber";
    case kOSCollectionTypeSymbol: return "OSSymbol";
    case kOSCollectionTypeString: return "OSString";
    case kOSCollectionTypeData: return "OSData";
    case kOSCollectionTypeBoolean: return "OSBoolean";
    case kOSCollectionTypeSerialization: return "OSSerialization";
    default: return "unknown";
    }
}

/* An OSSet is an OSArray too: it is tested first. Strings report kOSCollectionTypeString (every
 * OSString is uniqued, so there is no separate symbol class to report). */
OSCollectionType OSCollectionTypeID(OSObjectPtr obj)
{
    if (obj == nullptr) return 0;
    if (OSDynamicCast(OSDictionary, obj)) return kOSCollectionTypeDictionary;
    if (OSDynamicCast(OSSet, obj)) return kOSCollectionTypeSet;
    if (OSDynamicCast(OSArray, obj)) return kOSCollectionTypeArray;
    if (OSDynamicCast(OSNumber, obj)) return kOSCollectionTypeNumber;
    if (OSDynamicCast(OSString, obj)) return kOSCollectionTypeString;
    if (OSDynamicCast(OSData, obj)) return kOSCollectionTypeData;
    if (OSDynamicCast(OSBoolean, obj)) return kOSCollectionTypeBoolean;
    if (OSDynamicCast(OSSerialization, obj)) return kOSCollectionTypeSerialization;
    return 0;
}

void OSObjectRetain(OSObjectPtr container) { container->retain(); }

void OSObjectRelease(OSObjectPtr container) { container->release(); }

void OSCollectionsInitialize(void) {}

namespace {
/* One line per object, members indented under their collection. */
void LogObject(OSObject *obj, unsigned depth)
{
    unsigned indent = depth > 64 ? 64 : depth;
    if (obj == nullptr) {
        IOLog("%*s<NULL>\n", indent * 2, "");
        return;
    }
    OSCollectionType type = OSCollectionTypeID(obj);
    const char *name = OSCollectionTypeName(type);
    if (OSString *string = OSDynamicCast(OSString, obj)) {
        IOLog("%*s%s \"%s\"\n", indent * 2, "", name, string->getCStringNoCopy());
    } else if (OSNumber *number = OSDynamicCast(OSNumber, obj)) {
        IOLog("%*s%s %" PRIu64 " (%zu bits)\n", indent * 2, "", name, number->unsigned64BitValue(),
              number->numberOfBits());
    } else if (OSData *data = OSDynamicCast(OSData, obj)) {
        IOLog("%*s%s %zu bytes\n", indent * 2, "", name, data->getLength());
    } else if (obj == kOSBooleanTrue || obj == kOSBooleanFalse) {
        IOLog("%*s%s %s\n", indent * 2, "", name, obj == kOSBooleanTrue ? "true" : "false");
    } else if (OSDictionary *dictionary = OSDynamicCast(OSDictionary, obj)) {
        IOLog("%*s%s %u entries\n", indent * 2, "", name, dictionary->getCount());
        dictionary->iterateObjects(^bool(OSObject *key, OSObject *value) {
            OSString *keyName = OSDynamicCast(OSString, key);
            IOLog("%*skey \"%s\":\n", (indent + 1) * 2, "", keyName ? keyName->getCStringNoCopy() : "<object>");
            LogObject(value, depth + 2);
            return false;
        });
    } else if (OSArray *array = OSDynamicCast(OSArray, obj)) {
        IOLog("%*s%s %u members\n", indent * 2, "", name, array->getCount());
        array->iterateObjects(^bool(OSObject *member) {
            LogObject(member, depth + 1);
            return false;
        });
    } else {
        IOLog("%*s%s\n", indent * 2, "", obj->getMetaClass()->getClassName());
    }
}
} // namespace

void OSObjectLog(OSObjectPtr obj) { LogObject(obj, 0); }
