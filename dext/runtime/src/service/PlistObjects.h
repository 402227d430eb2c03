/*
 * A service's registry properties as DriverKit hands them out: a property-list value of its
 * personality (Info.plist) made into the libkern container a dext receives from
 * IOService::CopyProperties and SearchProperty (DriverKit/IOService.iig). Each call makes new objects
 * the caller owns, as the kernel sends a copy over IPC; nothing here is kept by the runtime.
 */
#ifndef DKSIM_SERVICE_PLIST_OBJECTS_H
#define DKSIM_SERVICE_PLIST_OBJECTS_H

class OSObject;

namespace dksim {

struct PlistValue;

/* A new object (+1) for value: dict -> OSDictionary, array -> OSArray, string and date -> OSString,
 * integer -> 64-bit OSNumber, real -> OSString of its text (no real type in the runtime's OSNumber),
 * true/false -> kOSBooleanTrue/False (retained), data -> OSData. nullptr only when out of memory. */
OSObject *NewObjectFromPlist(const PlistValue &value);

} // namespace dksim

#endif
