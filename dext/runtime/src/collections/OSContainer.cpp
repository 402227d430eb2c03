/* The abstract bases: their metaclasses (class names for OSDynamicCast and the object counts) and
 * the defaults OSCollection.iig gives its non-pure methods. */
#include <DriverKit/OSCollection.h>

DKSIM_CLASS_DEFINE_ABSTRACT(OSContainer, OSObject)
DKSIM_CLASS_DEFINE_ABSTRACT(OSCollection, OSContainer)

bool OSCollection::iterateObjects(OSCollectionIterateObjectsBlock) const { return false; }

OSCollectionPtr OSCollection::copyCollection(OSDictionary *) const { return nullptr; }
