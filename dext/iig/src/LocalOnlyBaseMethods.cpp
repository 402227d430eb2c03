#include "LocalOnlyBaseMethods.h"

namespace dkiig {
namespace {

/* The one list. OSObject::init/free are LOCALONLY in OSObject.iig; IOUserClient::ExternalMethod
 * is LOCALONLY in IOUserClient.iig (the kernel reaches it through its own dispatch, not as an RPC
 * of the dext's class). HIDDriverKit's IOUserHIDDevice.iig declares handleStart,
 * newDeviceDescription and newReportDescriptor LOCALONLY, and IOHIDDevice.iig handleReport,
 * getReport, setReport and setProperty: virtual HID dexts override them without the attribute.
 * Add a name here when the runtime declares another such method as a plain virtual (one a line:
 * clang-format would pack them into a table). */
// clang-format off
const char *const kLocalOnlyBaseMethods[] = {
    "init",
    "free",
    "ExternalMethod",
    "handleStart",
    "newDeviceDescription",
    "newReportDescriptor",
    "handleReport",
    "getReport",
    "setReport",
    "setProperty",
};
// clang-format on

} // namespace

bool isLocalOnlyBaseMethod(const std::string &name)
{
    for (const char *known : kLocalOnlyBaseMethods)
        if (name == known) return true;
    return false;
}

} // namespace dkiig
