#include "usb/UsbFamily.h"

#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/OSAction.h>
#include <USBDriverKit/IOUSBHostDevice.h>
#include <USBDriverKit/IOUSBHostInterface.h>
#include <USBDriverKit/IOUSBHostPipe.h>

#include "core/Access.h"
#include "core/Runtime.h"
#include "device/Violations.h"
#include "dispatch/QueueState.h"
#include "image/DextImage.h"
#include "service/ServiceState.h"
#include "usb/UsbModel.h"

namespace dksim {

UsbFamily &Usb()
{
    static UsbFamily family;
    return family;
}

std::vector<std::string> UsbFamily::providerClasses() const { return {"IOUSBHostDevice", "IOUSBHostInterface"}; }

const PlistValue *UsbFamily::keep(PlistValue properties)
{
    properties_.push_back(std::make_unique<PlistValue>(std::move(properties)));
    return properties_.back().get();
}

IOUSBHostDevice *UsbFamily::device(const Personality &personality, const PlistValue &description, std::string &error)
{
    if (device_) return device_;
    auto *model = new UsbModel();
    if (!BuildUsbModel(personality, description, *model, error)) {
        delete model;
        return nullptr;
    }
    device_ = IOUSBHostDevice::dksimCreate(model);
    ServiceState &state = Access::service(device_);
    auto product = model->strings.find(model->device[15]);
    state.name = model->device[15] && product != model->strings.end() ? product->second : "IOUSBHostDevice";
    state.properties = keep(model->deviceProperties());
    return device_;
}

IOService *UsbFamily::provider(const Personality &personality, const PlistValue &description, std::string &error)
{
    IOUSBHostDevice *nub = device(personality, description, error);
    if (nub == nullptr) return nullptr;
    if (personality.providerClass == "IOUSBHostDevice") return nub;
    const uint8_t *matched = MatchInterface(nub->dksimModel(), personality);
    if (matched == nullptr) {
        error = "no interface of the device's configuration " + std::to_string(nub->dksimModel().currentConfiguration) +
                " matches the personality's bInterfaceNumber/bInterfaceClass/bInterfaceSubClass/bInterfaceProtocol";
        return nullptr;
    }
    for (IOUSBHostInterface *interface : interfaces())
        if (interface->dksimNumber() == matched[2]) return interface;
    error = "the matched interface has no nub";
    return nullptr;
}

const std::vector<IOUSBHostInterface *> &UsbFamily::interfaces()
{
    if (interfacesMade_ || device_ == nullptr) return interfaces_;
    interfacesMade_ = true;
    const UsbModel &model = device_->dksimModel();
    const std::vector<uint8_t> *configuration = model.configurationWithValue(model.currentConfiguration);
    if (configuration == nullptr) return interfaces_;
    for (unsigned number = 0; number < 256; number++) {
        const uint8_t *descriptor = FindInterface(*configuration, (uint8_t)number, 0);
        if (descriptor == nullptr) continue;
        IOUSBHostInterface *interface = IOUSBHostInterface::dksimCreate(device_, (uint8_t)number);
        ServiceState &state = Access::service(interface);
        state.name = "IOUSBHostInterface";
        state.properties = keep(model.interfaceProperties(descriptor));
        state.provider = device_; /* SearchProperty with kIOServiceSearchPropertyParents reaches the device */
        interfaces_.push_back(interface);
    }
    return interfaces_;
}

void UsbFamily::configurationChanged()
{
    /* (inferred) The old interfaces' transfers fail; the nubs stay until reset, since a service started
     * on one still uses it as its provider (the system would terminate that service first). */
    for (IOUSBHostInterface *interface : interfaces_) abort(interface, kAnyEndpoint, kIOReturnAborted);
    retired_.insert(retired_.end(), interfaces_.begin(), interfaces_.end());
    interfaces_.clear();
    interfacesMade_ = false;
    if (device_) Access::service(device_).properties = keep(device_->dksimModel().deviceProperties());
}

bool UsbFamily::hasPending(const IOUSBHostInterface *interface, uint8_t address) const
{
    for (const UsbTransfer &transfer : pending_)
        if (transfer.pipe->dksimInterface() == interface && transfer.pipe->dksimAddress() == address) return true;
    return false;
}

void UsbFamily::complete(const UsbTransfer &transfer, IOReturn status, uint32_t count)
{
    DeliverAsyncIO(transfer.action, status, count);
    transfer.action->release();
    transfer.buffer->release();
    transfer.pipe->release();
}

void UsbFamily::start(const UsbTransfer &transfer)
{
    transfer.pipe->retain();
    transfer.buffer->retain();
    transfer.action->retain();
    uint32_t count = 0;
    if (!transfer.pipe->dksimIsIn()) {
        complete(transfer, kIOReturnSuccess, transfer.length);
    } else if (pending_.empty() && TakeInTransfer(transfer.buffer, transfer.length, count)) {
        complete(transfer, kIOReturnSuccess, count);
    } else {
        pending_.push_back(transfer); /* the device NAKs until the harness feeds data */
    }
}

void UsbFamily::dataArrived()
{
    uint32_t count = 0;
    while (!pending_.empty() && TakeInTransfer(pending_.front().buffer, pending_.front().length, count)) {
        UsbTransfer transfer = pending_.front();
        pending_.pop_front();
        complete(transfer, kIOReturnSuccess, count);
    }
}

void UsbFamily::abort(const IOUSBHostInterface *interface, int address, IOReturn status)
{
    std::deque<UsbTransfer> kept;
    std::vector<UsbTransfer> aborted;
    for (const UsbTransfer &transfer : pending_) {
        bool match = (interface == nullptr || transfer.pipe->dksimInterface() == interface) &&
                     (address == kAnyEndpoint || transfer.pipe->dksimAddress() == address);
        (match ? aborted.push_back(transfer) : kept.push_back(transfer));
    }
    pending_.swap(kept);
    for (const UsbTransfer &transfer : aborted) complete(transfer, status, 0);
}

/* (inferred) IOUSBHostFamily fails a removed device's outstanding transfers with kIOReturnAborted. */
void UsbFamily::unplugged() { abort(nullptr, kAnyEndpoint, kIOReturnAborted); }

void UsbFamily::reset()
{
    for (const UsbTransfer &transfer : pending_) {
        transfer.action->release();
        transfer.buffer->release();
        transfer.pipe->release();
    }
    pending_.clear();
    /* A nub the dext leaked outlives the reset: it must not point at the dictionaries freed here. */
    interfaces_.insert(interfaces_.end(), retired_.begin(), retired_.end());
    retired_.clear();
    for (IOUSBHostInterface *interface : interfaces_) {
        Access::service(interface).properties = nullptr;
        interface->release();
    }
    interfaces_.clear();
    interfacesMade_ = false;
    if (device_) {
        Access::service(device_).properties = nullptr;
        device_->release();
        device_ = nullptr;
    }
    properties_.clear();
}

bool TakeInTransfer(IOMemoryDescriptor *buffer, uint32_t requested, uint32_t &count)
{
    SimulatedDevice &device = Runtime::get().device;
    count = 0;
    if (device.data.size() < sizeof(uint16_t)) return false;
    uint16_t length = device.takeOr<uint16_t>(0);
    std::vector<uint8_t> bytes(length < requested ? length : requested);
    size_t taken = device.take(bytes.data(), bytes.size());
    if (buffer != nullptr && taken > 0) buffer->dksimCopyIn(0, bytes.data(), taken);
    count = (uint32_t)taken;
    return true;
}

kern_return_t CheckTransferAllowed(const IOService *client, const char *what)
{
    Runtime &runtime = Runtime::get();
    if (runtime.device.unplugged) {
        ReportViolation(kRuleDeviceStoppedIO, std::string(what) + " started after the device was unplugged");
        return kIOReturnNoDevice;
    }
    if (client != nullptr && Access::service(client).stopped) {
        ReportViolation(kRuleDeviceStoppedIO,
                        std::string(what) + " started after the Stop of " + Access::service(client).name);
        return kIOReturnNotOpen;
    }
    return kIOReturnSuccess;
}

void DeliverAsyncIO(OSAction *action, IOReturn status, uint32_t count)
{
    Runtime &runtime = Runtime::get();
    IODispatchQueue *queue = nullptr;
    if (IOService *service = OSDynamicCast(IOService, action->dksimTarget()))
        if (service->CopyDispatchQueue(kIOServiceDefaultQueueName, &queue) != kIOReturnSuccess) queue = nullptr;
    action->retain();
    uint64_t timestamp = runtime.now();
    runtime.enqueue({queue, action->dksimOwnerConnection(), [action, queue, status, count, timestamp] {
                         if (!action->dksimCanceled() && !(queue && Access::queue(queue).canceled)) {
                             if (queue) Access::queue(queue).running++;
                             action->dksimCompleteAsyncIO(status, count, timestamp);
                             if (queue) Access::queue(queue).running--;
                         }
                         action->release();
                     }});
}

} // namespace dksim
