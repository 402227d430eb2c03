/*
 * Open and Close of a USB nub (IOUSBHostDevice.iig, IOUSBHostInterface.iig): one client at a time
 * holds it open (a second gets kIOReturnExclusiveAccess, the holder opening again succeeds), the
 * holder is retained while it does, and only the holder can close it.
 */
#ifndef DKSIM_USB_EXCLUSIVE_OPEN_H
#define DKSIM_USB_EXCLUSIVE_OPEN_H

#include <DriverKit/IOService.h>

#include "core/Runtime.h"

namespace dksim {

inline kern_return_t OpenExclusively(IOService *&opener, IOService *forClient)
{
    if (forClient == nullptr) return kIOReturnBadArgument;
    if (Runtime::get().device.unplugged) return kIOReturnNoDevice;
    if (opener == forClient) return kIOReturnSuccess;
    if (opener != nullptr) return kIOReturnExclusiveAccess;
    forClient->retain();
    opener = forClient;
    return kIOReturnSuccess;
}

/* kIOReturnNotOpen unless forClient holds it open; closeFirst runs before the holder is let go. */
template <class Fn>
kern_return_t CloseExclusively(IOService *&opener, IOService *forClient, Fn &&closeFirst)
{
    if (forClient == nullptr || forClient != opener) return kIOReturnNotOpen;
    closeFirst();
    OSSafeReleaseNULL(opener);
    return kIOReturnSuccess;
}

} // namespace dksim

#endif
