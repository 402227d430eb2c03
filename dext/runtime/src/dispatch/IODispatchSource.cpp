#include <DriverKit/IODispatchSource.h>

DKSIM_CLASS_DEFINE_ABSTRACT(IODispatchSource, OSObject)

kern_return_t IODispatchSource::SetEnable(bool enable) { return SetEnableWithCompletion(enable, nullptr); }
