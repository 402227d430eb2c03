/*
 * OSContainer: the base of the classes DriverKit can serialize and keep in collections — OSData,
 * OSString, OSNumber, OSBoolean, OSCollection (header OSContainer.iig). It adds no methods; it
 * exists so that OSDynamicCast(OSContainer, object) answers as on a Mac.
 */
#ifndef DKSIM_DRIVERKIT_OSCONTAINER_H
#define DKSIM_DRIVERKIT_OSCONTAINER_H

#include <DriverKit/OSObject.h>

class OSContainer;
typedef OSContainer *OSContainerPtr;

class OSContainer : public OSObject
{
    DKSIM_CLASS_DECLARE(OSContainer, OSObject)
};

#endif
