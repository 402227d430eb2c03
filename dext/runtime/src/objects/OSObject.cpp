#include <DriverKit/OSObject.h>

#include "core/ObjectTracker.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSObject, OSObject)

namespace dksim {
kern_return_t SuperDispatchMarker(OSObject *, const IORPC) { return kIOReturnUnsupported; }
} // namespace dksim

bool OSObject::init() { return true; }

void OSObject::free()
{
    dksim::UntrackObject(this);
    delete this;
}

void OSObject::retain() const { retainCount_.fetch_add(1, std::memory_order_relaxed); }

void OSObject::release() const
{
    if (retainCount_.fetch_sub(1, std::memory_order_acq_rel) == 1) const_cast<OSObject *>(this)->free();
}
