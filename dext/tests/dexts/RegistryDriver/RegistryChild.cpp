#include <DriverKit/IOLib.h>

#include "RegistryChild.h"

kern_return_t IMPL(RegistryChild, Start)
{
    return Start(provider, SUPERDISPATCH);
}

kern_return_t IMPL(RegistryChild, Stop)
{
    return Stop(provider, SUPERDISPATCH);
}
