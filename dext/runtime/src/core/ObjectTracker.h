/*
 * Live-object accounting behind dksim_live_objects: every OSObject the runtime or the dext creates
 * is counted under its class name from creation to free.
 */
#ifndef DKSIM_OBJECT_TRACKER_H
#define DKSIM_OBJECT_TRACKER_H

#include <DriverKit/OSObject.h>
#include <string>

namespace dksim {

/* TrackObject is declared in <DriverKit/OSMetaClass.h> (generated factories call it). */
/* Stops counting an object (called once, from OSObject::free). */
void UntrackObject(OSObject *object);
/* Live instances of a class (by name) relative to the baseline; 0 for unknown names. */
int64_t LiveObjects(const char *className);
/* "Class=count\n" lines for every non-zero counter, sorted by class name. */
std::string LiveObjectsText();
/* Makes the current counts the new zero (dksim_reset). */
void RebaseLiveObjects();

template <class T>
T *NewTracked()
{
    T *object = new T();
    TrackObject(object);
    return object;
}

} // namespace dksim

#endif
