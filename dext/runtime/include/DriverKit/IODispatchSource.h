/* IODispatchSource: the abstract event source (iokit/DriverKit/IODispatchSource.iig). */
#ifndef DKSIM_DRIVERKIT_IODISPATCHSOURCE_H
#define DKSIM_DRIVERKIT_IODISPATCHSOURCE_H

#include <DriverKit/OSObject.h>

typedef void (^IODispatchSourceCancelHandler)(void);

class IODispatchSource : public OSObject
{
    DKSIM_CLASS_DECLARE(IODispatchSource, OSObject)

public:
    virtual kern_return_t Cancel(IODispatchSourceCancelHandler handler) = 0;
    virtual kern_return_t SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler) = 0;
    virtual kern_return_t SetEnable(bool enable);
};

#endif
