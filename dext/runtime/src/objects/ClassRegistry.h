/* Instantiation by class name: what IOUserClass in Info.plist and UserClientProperties rely on. */
#ifndef DKSIM_CLASS_REGISTRY_H
#define DKSIM_CLASS_REGISTRY_H

#include <string>

class OSObject;

namespace dksim {
/* A new, tracked instance with retain count 1 (init() not called yet); NULL for unknown names. */
OSObject *CreateInstanceOf(const std::string &className);
} // namespace dksim

#endif
