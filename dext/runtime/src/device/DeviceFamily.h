/*
 * A device family (USBDriverKit, PCIDriverKit): the provider nubs a personality's IOProviderClass
 * names, built from the simulated device's description, and what the family does when the device
 * sends data, raises an interrupt or is unplugged. Each family is one object in the explicit list of
 * DeviceFamilies() (Families.cpp), so the static runtime library never drops one at link time.
 */
#ifndef DKSIM_DEVICE_FAMILY_H
#define DKSIM_DEVICE_FAMILY_H

#include <stdint.h>
#include <string>
#include <vector>

class IOService;

namespace dksim {

struct Personality;
struct PlistValue;

class DeviceFamily
{
public:
    virtual ~DeviceFamily() = default;
    /* "usb", "pci": the value of the description's `family` key that selects this family. */
    virtual const char *name() const = 0;
    /* The IOProviderClass names this family makes providers for. */
    virtual std::vector<std::string> providerClasses() const = 0;
    /* The provider for a personality (borrowed: the family owns it until reset), created from the
     * device description on first request; null with error set when the description cannot make one. */
    virtual IOService *provider(const Personality &personality, const PlistValue &description, std::string &error) = 0;
    /* New device data arrived (dksim_device_feed): serve transfers that were waiting for it. */
    virtual void dataArrived() {}
    /* The device is gone: fail what is in flight (completions on the dext's queues), before the
     * kernel stops the services on it. */
    virtual void unplugged() {}
    /* Raise interrupt `index`; kIOReturnUnsupported when the family has no interrupts. */
    virtual int32_t interrupt(uint32_t index);
    /* Runtime reset: release the providers and forget every transfer. */
    virtual void reset() {}
};

/* Every family the runtime simulates, in the order personalities are offered to them. */
const std::vector<DeviceFamily *> &DeviceFamilies();

} // namespace dksim

#endif
