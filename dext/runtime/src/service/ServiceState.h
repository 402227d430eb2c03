#ifndef DKSIM_SERVICE_STATE_H
#define DKSIM_SERVICE_STATE_H

#include <map>
#include <stdint.h>
#include <string>

class IODispatchQueue;
class IOService;

namespace dksim {

struct PlistValue;

struct ServiceState {
    std::string name;                       /* registry name: IOUserClass unless SetName changed it */
    const PlistValue *properties = nullptr; /* the personality (or UserClientProperties) it came from */
    IOService *provider = nullptr;          /* not retained: providers outlive their clients here */
    bool started = false;
    bool stopped = false;
    bool registered = false;
    bool userClient = false;                         /* created through NewUserClient: not matchable */
    uint64_t registryEntryID = 0;                    /* given on first GetRegistryEntryID (0: not yet) */
    std::map<std::string, IODispatchQueue *> queues; /* retained */
};

} // namespace dksim

#endif
