#include <PCIDriverKit/IOPCIDevice.h>

#include <string.h>

#include <DriverKit/IOInterruptDispatchSource.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "device/Violations.h"
#include "pci/DeviceMemory.h"
#include "pci/PciState.h"
#include "service/ServiceState.h"

/* Abstract: the family makes the nubs; no personality instantiates an IOPCIDevice by name. */
DKSIM_CLASS_DEFINE_ABSTRACT(IOPCIDevice, IOService)

namespace dksim {

PciNubState &PciAccess::nub(const IOPCIDevice *device)
{
    IOPCIDevice *self = const_cast<IOPCIDevice *>(device);
    if (self->pci_ == nullptr) self->pci_ = new PciNubState();
    return *self->pci_;
}

IOPCIDevice *PciAccess::makeNub(const std::shared_ptr<PciModel> &model)
{
    IOPCIDevice *nub = NewTracked<IOPCIDevice>();
    nub->init();
    PciAccess::nub(nub).model = model;
    ServiceState &service = Access::service(nub);
    service.name = model->name;
    service.properties = &model->properties;
    return nub;
}

static void Log(const std::string &line) { Runtime::get().appendLog("dksim: IOPCIDevice::" + line); }

bool PciAccessAllowed(IOPCIDevice *device, const char *what)
{
    PciNubState &nub = PciAccess::nub(device);
    Runtime &runtime = Runtime::get();
    if (nub.lastOpener && Access::service(nub.lastOpener).stopped) {
        ReportViolation(kRuleDeviceStoppedIO,
                        std::string("IOPCIDevice::") + what + " after the Stop of the service that opened the device");
        return false;
    }
    /* A surprise-removed PCIe function completes reads with all ones (an Unsupported Request). */
    if (runtime.device.unplugged) return false;
    if (nub.opener == nullptr) {
        Log(std::string(what) + ": the device is not open (Open it first); reads all ones, writes nothing");
        return false;
    }
    return true;
}

} // namespace dksim

using dksim::PciAccess;
using dksim::PciAccessAllowed;

bool IOPCIDevice::init() { return IOService::init(); }

void IOPCIDevice::free()
{
    if (pci_) {
        OSSafeReleaseNULL(pci_->opener);
        OSSafeReleaseNULL(pci_->lastOpener);
        delete pci_;
        pci_ = nullptr;
    }
    IOService::free();
}

kern_return_t IOPCIDevice::Open(IOService *forClient, IOOptionBits)
{
    if (forClient == nullptr) return kIOReturnBadArgument;
    dksim::PciNubState &nub = PciAccess::nub(this);
    if (dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    /* (inferred) exclusive like IOService::handleOpen: a second open, even by the owner, fails. */
    if (nub.opener != nullptr) return kIOReturnExclusiveAccess;
    forClient->retain();
    nub.opener = forClient;
    forClient->retain();
    OSSafeReleaseNULL(nub.lastOpener);
    nub.lastOpener = forClient;
    return kIOReturnSuccess;
}

void IOPCIDevice::Close(IOService *forClient, IOOptionBits)
{
    dksim::PciNubState &nub = PciAccess::nub(this);
    if (forClient == nullptr || forClient != nub.opener) {
        dksim::Runtime::get().appendLog("dksim: IOPCIDevice::Close: not opened by this client; ignored");
        return;
    }
    for (dksim::DmaState *dma : nub.dma)
        if (dma->prepared)
            dksim::ReportViolation(
                dksim::kRuleDeviceDmaBalance,
                "IOPCIDevice::Close with an IODMACommand still prepared (CompleteDMA was not called)");
    /* Closing stops the function's DMA and memory decoding (IOPCIDevice.iig). */
    uint16_t command = 0;
    memcpy(&command, nub.model->config + kIOPCIConfigurationOffsetCommand, 2);
    command &= ~(kIOPCICommandBusMaster | kIOPCICommandMemorySpace);
    memcpy(nub.model->config + kIOPCIConfigurationOffsetCommand, &command, 2);
    OSSafeReleaseNULL(nub.opener);
}

/* ---- configuration space: naturally aligned accesses inside 4 KiB; no device data ---- */

template <class T>
static void ConfigRead(IOPCIDevice *device, uint64_t offset, T *readData, const char *what)
{
    if (readData == nullptr) return;
    *readData = (T) ~(T)0;
    if (!PciAccessAllowed(device, what)) return;
    if (offset % sizeof(T) != 0 || offset >= sizeof(dksim::PciModel::config)) {
        dksim::Runtime::get().appendLog(std::string("dksim: IOPCIDevice::") + what + ": offset " +
                                        std::to_string(offset) + " is not an aligned offset below 4096; all ones");
        return;
    }
    memcpy(readData, PciAccess::nub(device).model->config + offset, sizeof(T));
}

template <class T>
static void ConfigWrite(IOPCIDevice *device, uint64_t offset, T data, const char *what)
{
    if (!PciAccessAllowed(device, what)) return;
    if (offset % sizeof(T) != 0 || offset >= sizeof(dksim::PciModel::config)) {
        dksim::Runtime::get().appendLog(std::string("dksim: IOPCIDevice::") + what + ": offset " +
                                        std::to_string(offset) + " is not an aligned offset below 4096; ignored");
        return;
    }
    uint8_t bytes[sizeof(T)];
    memcpy(bytes, &data, sizeof(T));
    PciAccess::nub(device).model->configWrite(offset, bytes, sizeof(T));
}

void IOPCIDevice::ConfigurationRead32(uint64_t offset, uint32_t *readData)
{
    ConfigRead(this, offset, readData, "ConfigurationRead32");
}
void IOPCIDevice::ConfigurationRead16(uint64_t offset, uint16_t *readData)
{
    ConfigRead(this, offset, readData, "ConfigurationRead16");
}
void IOPCIDevice::ConfigurationRead8(uint64_t offset, uint8_t *readData)
{
    ConfigRead(this, offset, readData, "ConfigurationRead8");
}
void IOPCIDevice::ConfigurationWrite32(uint64_t offset, uint32_t data)
{
    ConfigWrite(this, offset, data, "ConfigurationWrite32");
}
void IOPCIDevice::ConfigurationWrite16(uint64_t offset, uint16_t data)
{
    ConfigWrite(this, offset, data, "ConfigurationWrite16");
}
void IOPCIDevice::ConfigurationWrite8(uint64_t offset, uint8_t data)
{
    ConfigWrite(this, offset, data, "ConfigurationWrite8");
}

/* ---- BARs: every read takes its value from the device data while it holds one ---- */

static dksim::PciBar *BarFor(IOPCIDevice *device, uint8_t memoryIndex, uint64_t offset, size_t width, const char *what)
{
    dksim::PciBar *bar = PciAccess::nub(device).model->barWithMemoryIndex(memoryIndex);
    if (bar != nullptr && offset <= bar->size && bar->size - offset >= width) return bar;
    dksim::Runtime::get().appendLog(std::string("dksim: IOPCIDevice::") + what + ": memory index " +
                                    std::to_string(memoryIndex) + " offset " + std::to_string(offset) +
                                    " is outside the device's memory ranges; reads all ones, writes nothing");
    return nullptr;
}

template <class T>
static void MemoryRead(IOPCIDevice *device, uint8_t memoryIndex, uint64_t offset, T *readData, const char *what)
{
    if (readData == nullptr) return;
    *readData = (T) ~(T)0;
    if (!PciAccessAllowed(device, what)) return;
    dksim::PciBar *bar = BarFor(device, memoryIndex, offset, sizeof(T), what);
    if (bar == nullptr) return;
    T stored;
    memcpy(&stored, bar->bytes.data() + offset, sizeof(T));
    *readData = dksim::Runtime::get().device.takeOr<T>(stored);
}

template <class T>
static void MemoryWrite(IOPCIDevice *device, uint8_t memoryIndex, uint64_t offset, T data, const char *what)
{
    if (!PciAccessAllowed(device, what)) return;
    dksim::PciBar *bar = BarFor(device, memoryIndex, offset, sizeof(T), what);
    if (bar != nullptr) memcpy(bar->bytes.data() + offset, &data, sizeof(T));
}

void IOPCIDevice::MemoryRead64(uint8_t memoryIndex, uint64_t offset, uint64_t *readData)
{
    MemoryRead(this, memoryIndex, offset, readData, "MemoryRead64");
}
void IOPCIDevice::MemoryRead32(uint8_t memoryIndex, uint64_t offset, uint32_t *readData)
{
    MemoryRead(this, memoryIndex, offset, readData, "MemoryRead32");
}
void IOPCIDevice::MemoryRead16(uint8_t memoryIndex, uint64_t offset, uint16_t *readData)
{
    MemoryRead(this, memoryIndex, offset, readData, "MemoryRead16");
}
void IOPCIDevice::MemoryRead8(uint8_t memoryIndex, uint64_t offset, uint8_t *readData)
{
    MemoryRead(this, memoryIndex, offset, readData, "MemoryRead8");
}
void IOPCIDevice::MemoryWrite64(uint8_t memoryIndex, uint64_t offset, uint64_t data)
{
    MemoryWrite(this, memoryIndex, offset, data, "MemoryWrite64");
}
void IOPCIDevice::MemoryWrite32(uint8_t memoryIndex, uint64_t offset, uint32_t data)
{
    MemoryWrite(this, memoryIndex, offset, data, "MemoryWrite32");
}
void IOPCIDevice::MemoryWrite16(uint8_t memoryIndex, uint64_t offset, uint16_t data)
{
    MemoryWrite(this, memoryIndex, offset, data, "MemoryWrite16");
}
void IOPCIDevice::MemoryWrite8(uint8_t memoryIndex, uint64_t offset, uint8_t data)
{
    MemoryWrite(this, memoryIndex, offset, data, "MemoryWrite8");
}

/* ---- RPCs ---- */

kern_return_t IOPCIDevice::GetBARInfo(uint8_t barIndex, uint8_t *memoryIndex, uint64_t *barSize, uint8_t *barType,
                                      OSDispatchMethod)
{
    if (memoryIndex == nullptr || barSize == nullptr || barType == nullptr) return kIOReturnBadArgument;
    for (const dksim::PciBar &bar : PciAccess::nub(this).model->bars) {
        if (bar.bar != barIndex) continue;
        *memoryIndex = bar.memoryIndex;
        *barSize = bar.size;
        *barType = bar.type;
        return kIOReturnSuccess;
    }
    return kIOReturnNotFound; /* (inferred) a BAR the function does not implement */
}

kern_return_t IOPCIDevice::FindPCICapability(uint32_t capabilityID, uint64_t searchOffset,
                                             uint64_t *foundCapabilityOffset, OSDispatchMethod)
{
    if (foundCapabilityOffset == nullptr) return kIOReturnBadArgument;
    *foundCapabilityOffset = 0;
    if (dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    const uint8_t *config = PciAccess::nub(this).model->config;
    /* Extended capabilities (negated IDs) live from 0x100; the simulated function has none. */
    if ((int32_t)capabilityID <= 0 || capabilityID > 0xFF) return kIOReturnNotFound;
    uint64_t at = searchOffset == 0     ? config[kIOPCIConfigurationOffsetCapabilitiesPtr]
                  : searchOffset < 0xFF ? config[searchOffset + kIOPCINextCapabilityOffset]
                                        : 0;
    /* A malformed list cannot loop: at most 48 capabilities fit between 0x40 and 0x100. */
    for (int hops = 0; hops < 48 && at >= 0x40 && at < 0xFF; hops++) {
        if (config[at + kIOPCICapabilityIDOffset] == capabilityID) {
            *foundCapabilityOffset = at;
            return kIOReturnSuccess;
        }
        at = config[at + kIOPCINextCapabilityOffset];
    }
    return kIOReturnNotFound;
}

kern_return_t IOPCIDevice::GetBusDeviceFunction(uint8_t *returnBusNumber, uint8_t *returnDeviceNumber,
                                                uint8_t *returnFunctionNumber, OSDispatchMethod)
{
    if (returnBusNumber == nullptr || returnDeviceNumber == nullptr || returnFunctionNumber == nullptr)
        return kIOReturnBadArgument;
    const dksim::PciModel &model = *PciAccess::nub(this).model;
    *returnBusNumber = model.bus;
    *returnDeviceNumber = model.device;
    *returnFunctionNumber = model.function;
    return kIOReturnSuccess;
}

/* (inferred) The simulated function has no power-management capability. */
kern_return_t IOPCIDevice::HasPCIPowerManagement(uint64_t, OSDispatchMethod) { return kIOReturnUnsupported; }
kern_return_t IOPCIDevice::EnablePCIPowerManagement(uint64_t, OSDispatchMethod) { return kIOReturnUnsupported; }

kern_return_t IOPCIDevice::Reset(uint32_t type, OSDispatchMethod)
{
    if (type > kIOPCIDeviceResetTypeWarmResetEnable) return kIOReturnBadArgument;
    if (dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    if (!PciAccessAllowed(this, "Reset")) return kIOReturnNotOpen;
    /* (inferred) every reset type restores the described configuration and register contents. */
    PciAccess::nub(this).model->reset();
    return kIOReturnSuccess;
}

kern_return_t IOPCIDevice::ConfigureInterrupts(uint32_t interruptType, uint32_t numRequired, uint32_t numRequested,
                                               IOOptionBits, OSDispatchMethod)
{
    /* (inferred) The simulated function has MSI only: MSI-X and legacy interrupts are unsupported, so a
     * dext that tries MSI-X first falls back to MSI; every vector the device has is granted. */
    if (interruptType != kIOInterruptTypePCIMessaged) return kIOReturnUnsupported;
    if (numRequired == 0 || numRequired > numRequested) return kIOReturnBadArgument;
    if (numRequired > PciAccess::nub(this).model->msiVectors) return kIOReturnNoResources;
    return kIOReturnSuccess;
}

kern_return_t IOPCIDevice::_CopyDeviceMemoryWithIndex(uint64_t memoryIndex, IOMemoryDescriptor **returnMemory,
                                                      IOService *, OSDispatchMethod)
{
    if (returnMemory == nullptr) return kIOReturnBadArgument;
    *returnMemory = nullptr;
    if (dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    if (!PciAccessAllowed(this, "_CopyDeviceMemoryWithIndex")) return kIOReturnNotOpen;
    dksim::PciNubState &nub = PciAccess::nub(this);
    dksim::PciBar *bar = nub.model->barWithMemoryIndex(memoryIndex);
    if (bar == nullptr) return kIOReturnBadArgument;
    *returnMemory = dksim::DeviceMemory::Create(nub.model, *bar);
    return kIOReturnSuccess;
}
