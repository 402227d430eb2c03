#include "core/ObjectTracker.h"

#include <algorithm>
#include <vector>

#include "core/Access.h"
#include "core/Runtime.h"

namespace dksim {

void TrackObject(OSObject *object)
{
    const OSMetaClass *meta = object->getMetaClass();
    Access::countedAs(object) = meta;
    Access::ownerConnection(object) = Runtime::get().currentConnection;
    meta->dksimInstanceCreated();
}

void UntrackObject(OSObject *object)
{
    const OSMetaClass *&meta = Access::countedAs(object);
    if (meta == nullptr) return;
    meta->dksimInstanceFreed();
    meta = nullptr;
}

int64_t LiveObjects(const char *className)
{
    if (className == nullptr) return 0;
    for (const OSMetaClass *meta = OSMetaClass::dksimFirst(); meta; meta = meta->dksimNext())
        if (strcmp(meta->getClassName(), className) == 0) return meta->dksimLiveInstances() - meta->dksimBaseline();
    return 0;
}

std::string LiveObjectsText()
{
    std::vector<std::pair<std::string, int64_t>> counts;
    for (const OSMetaClass *meta = OSMetaClass::dksimFirst(); meta; meta = meta->dksimNext()) {
        int64_t live = meta->dksimLiveInstances() - meta->dksimBaseline();
        if (live != 0) counts.emplace_back(meta->getClassName(), live);
    }
    std::sort(counts.begin(), counts.end());
    std::string text;
    for (auto &entry : counts) text += entry.first + "=" + std::to_string(entry.second) + "\n";
    return text;
}

void RebaseLiveObjects()
{
    for (const OSMetaClass *meta = OSMetaClass::dksimFirst(); meta; meta = meta->dksimNext())
        const_cast<OSMetaClass *>(meta)->dksimRebase();
}

} // namespace dksim
