#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOInterruptDispatchSource.h>
#include <PCIDriverKit/PCIDriverKit.h>

#include "PciBarDriver.h"
#include "PciBarRegisters.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "PciBarDriver - " fmt "\n", ##__VA_ARGS__)

struct PciBarDriver_IVars {
    IOPCIDevice* pci = nullptr;
    bool opened = false;
    uint8_t bar0Index = 0;
    uint64_t bar0Size = 0;
    IODispatchQueue* queue = nullptr;
    IOInterruptDispatchSource* interruptSource = nullptr;
    OSAction* interruptAction = nullptr;
    IOUserClient* waiter = nullptr;     /* retained while it waits */
    OSAction* waiterAction = nullptr;   /* retained while it waits */
    uint64_t interrupts = 0;
};

bool PciBarDriver::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(PciBarDriver_IVars, 1);
    return ivars != nullptr;
}

void PciBarDriver::free()
{
    if (ivars) {
        OSSafeReleaseNULL(ivars->waiter);
        OSSafeReleaseNULL(ivars->waiterAction);
        OSSafeReleaseNULL(ivars->interruptSource);
        OSSafeReleaseNULL(ivars->interruptAction);
        OSSafeReleaseNULL(ivars->queue);
        OSSafeReleaseNULL(ivars->pci);
    }
    IOSafeDeleteNULL(ivars, PciBarDriver_IVars, 1);
    super::free();
}

kern_return_t IMPL(PciBarDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;

    ivars->pci = OSDynamicCast(IOPCIDevice, provider);
    if (ivars->pci == nullptr) return kIOReturnNoDevice;
    ivars->pci->retain();

    ret = ivars->pci->Open(this, 0);
    if (ret != kIOReturnSuccess) {
        Log("Open failed: 0x%08x", ret);
        return ret;
    }
    ivars->opened = true;

    /* The nub's registry entry carries the identity the kernel read from the configuration space. */
    OSContainer* property = nullptr;
    if (SearchProperty("device-id", "IOService", kIOServiceSearchPropertyParents, &property) == kIOReturnSuccess) {
        OSData* data = OSDynamicCast(OSData, property);
        uint32_t deviceID = 0;
        if (data != nullptr && data->getLength() >= sizeof(deviceID)) {
            memcpy(&deviceID, data->getBytesNoCopy(), sizeof(deviceID));
            Log("device-id 0x%04x", deviceID);
        }
    }
    OSSafeReleaseNULL(property);

    uint16_t command = 0;
    ivars->pci->ConfigurationRead16(kIOPCIConfigurationOffsetCommand, &command);
    ivars->pci->ConfigurationWrite16(kIOPCIConfigurationOffsetCommand,
                                     command | kIOPCICommandMemorySpace | kIOPCICommandBusMaster);

    uint8_t barType = 0;
    ret = ivars->pci->GetBARInfo(kPCIMemoryRangeBAR0, &ivars->bar0Index, &ivars->bar0Size, &barType);
    if (ret != kIOReturnSuccess || barType == kPCIBARTypeIO || ivars->bar0Size < 0x100) {
        Log("BAR0 is not a register BAR: 0x%08x", ret);
        return kIOReturnNoResources;
    }

    ret = CopyDispatchQueue(kIOServiceDefaultQueueName, &ivars->queue);
    if (ret != kIOReturnSuccess) return ret;
    ret = IOInterruptDispatchSource::Create(ivars->pci, 0, ivars->queue, &ivars->interruptSource);
    if (ret != kIOReturnSuccess) {
        Log("no MSI vector 0: 0x%08x", ret);
        return ret;
    }
    ret = CreateActionInterruptOccurred(0, &ivars->interruptAction);
    if (ret != kIOReturnSuccess) return ret;
    ret = ivars->interruptSource->SetHandler(ivars->interruptAction);
    if (ret != kIOReturnSuccess) return ret;
    ret = ivars->interruptSource->SetEnable(true);
    if (ret != kIOReturnSuccess) return ret;

    return RegisterService();
}

kern_return_t IMPL(PciBarDriver, Stop)
{
    if (ivars->interruptSource) {
        ivars->interruptSource->SetEnable(false);
        ivars->interruptSource->Cancel(^{ Log("interrupt source canceled"); });
    }
    /* The action holds this service as its target until it is canceled. */
    if (ivars->interruptAction) ivars->interruptAction->Cancel(nullptr);
    if (ivars->opened) {
        /* A device that went away answers every read with all ones. */
        uint32_t id = 0;
        ivars->pci->MemoryRead32(ivars->bar0Index, kPciBarRegID, &id);
        if (id == 0xFFFFFFFF) Log("the device is gone (ID register reads 0x%08x)", id);
        ivars->pci->Close(this, 0);
        ivars->opened = false;
    }
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t IMPL(PciBarDriver, NewUserClient)
{
    IOService* client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr) {
        client->release();
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

IOPCIDevice* PciBarDriver::GetDevice() { return ivars->opened ? ivars->pci : nullptr; }

uint8_t PciBarDriver::GetBar0Index() { return ivars->bar0Index; }

uint64_t PciBarDriver::GetBar0Size() { return ivars->bar0Size; }

kern_return_t PciBarDriver::CopyBar0(IOMemoryDescriptor** memory)
{
    if (!ivars->opened) return kIOReturnNotOpen;
    return ivars->pci->_CopyDeviceMemoryWithIndex(ivars->bar0Index, memory, this);
}

kern_return_t PciBarDriver::SetInterruptWaiter(IOUserClient* client, OSAction* action)
{
    if (client == nullptr || action == nullptr) return kIOReturnBadArgument;
    client->retain();
    action->retain();
    OSSafeReleaseNULL(ivars->waiterAction);
    OSSafeReleaseNULL(ivars->waiter);
    ivars->waiter = client;
    ivars->waiterAction = action;
    return kIOReturnSuccess;
}

void PciBarDriver::ClearInterruptWaiter(IOUserClient* client)
{
    if (client == nullptr || ivars->waiter != client) return;
    OSSafeReleaseNULL(ivars->waiterAction);
    OSSafeReleaseNULL(ivars->waiter);
}

void IMPL(PciBarDriver, InterruptOccurred)
{
    ivars->interrupts += count;
    uint32_t status = 0;
    ivars->pci->MemoryRead32(ivars->bar0Index, kPciBarRegIntStatus, &status);
    ivars->pci->MemoryWrite32(ivars->bar0Index, kPciBarRegIntClear, status);
    Log("interrupt: count %llu status 0x%08x", count, status);
    if (ivars->waiterAction == nullptr) return;
    uint64_t result[2] = { count, status };
    ivars->waiter->AsyncCompletion(ivars->waiterAction, kIOReturnSuccess, result, 2);
}
