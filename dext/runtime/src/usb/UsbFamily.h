/*
 * USBDriverKit's family (docs/devices.md, "USB"): it makes the IOUSBHostDevice and IOUSBHostInterface
 * nubs from the simulated device, keeps the AsyncIO transfers waiting for device data, serves them
 * when data arrives and fails them when the device goes away. One per runtime; Families.cpp lists it.
 */
#ifndef DKSIM_USB_USBFAMILY_H
#define DKSIM_USB_USBFAMILY_H

#include <deque>
#include <memory>
#include <stdint.h>
#include <vector>

#include <DriverKit/IOReturn.h>

#include "device/DeviceFamily.h"
#include "image/Plist.h"

class IOMemoryDescriptor;
class IOUSBHostDevice;
class IOUSBHostInterface;
class IOUSBHostPipe;
class OSAction;

namespace dksim {

/* An AsyncIO not completed yet. Everything it names is retained until it completes or is dropped. */
struct UsbTransfer {
    IOUSBHostPipe *pipe = nullptr;
    IOMemoryDescriptor *buffer = nullptr;
    uint32_t length = 0;
    OSAction *action = nullptr;
};

class UsbFamily final : public DeviceFamily
{
public:
    const char *name() const override { return "usb"; }
    std::vector<std::string> providerClasses() const override;
    IOService *provider(const Personality &personality, const PlistValue &description, std::string &error) override;
    void dataArrived() override;
    void unplugged() override;
    void reset() override;

    /* Starts an AsyncIO whose checks passed: OUT completes at once, IN when the device data has a
     * transfer for it (now, or at a later feed). */
    void start(const UsbTransfer &transfer);
    /* Completes, with status, every pending transfer of interface's endpoint address (any endpoint
     * when address is kAnyEndpoint). */
    static constexpr int kAnyEndpoint = -1;
    void abort(const IOUSBHostInterface *interface, int address, IOReturn status);
    bool hasPending(const IOUSBHostInterface *interface, uint8_t address) const;
    /* The nubs of the current configuration's interfaces (alternate setting 0), made on first use. */
    const std::vector<IOUSBHostInterface *> &interfaces();
    /* Registry dictionaries live as long as the family (ServiceState keeps a pointer). */
    const PlistValue *keep(PlistValue properties);
    /* SetConfiguration: the old interfaces go (the family's references), new ones are made. */
    void configurationChanged();

private:
    IOUSBHostDevice *device_ = nullptr;            /* retained */
    std::vector<IOUSBHostInterface *> interfaces_; /* retained */
    std::vector<IOUSBHostInterface *> retired_;    /* retained: of a configuration no longer set */
    bool interfacesMade_ = false;
    std::deque<UsbTransfer> pending_;
    std::deque<std::unique_ptr<PlistValue>> properties_;

    IOUSBHostDevice *device(const Personality &personality, const PlistValue &description, std::string &error);
    void complete(const UsbTransfer &transfer, IOReturn status, uint32_t count);
};

UsbFamily &Usb();

/* The device data of one IN data stage (docs/devices.md): a 2-byte little-endian length, then that
 * many bytes, clamped to requested, copied into buffer. False, taking nothing, when the stream holds
 * less than the length. */
bool TakeInTransfer(IOMemoryDescriptor *buffer, uint32_t requested, uint32_t &count);

/* Whether a transfer may start: kIOReturnNoDevice after the unplug, kIOReturnNotOpen after the Stop
 * of client (the service that opened the interface or issued the request), both also recorded as a
 * device.io-after-stop violation naming what (Class::Method); kIOReturnSuccess otherwise. */
kern_return_t CheckTransferAllowed(const IOService *client, const char *what);

/* A runtime-side AsyncIO completion onto the action's target's default queue (dropped once the
 * action is canceled). */
void DeliverAsyncIO(OSAction *action, IOReturn status, uint32_t count);

} // namespace dksim

#endif
